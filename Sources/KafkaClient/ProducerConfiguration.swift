extension KafkaProducer {
    /// How a producer connects and behaves: a few typed settings on top of librdkafka's own properties.
    ///
    /// Any librdkafka producer property can go in ``properties`` and is passed through unchanged; it wins over
    /// the typed fields. Idempotence is on by default (`enable.idempotence=true`): retries never duplicate or
    /// reorder messages within a partition.
    public struct Configuration: Sendable {
        /// Comma-separated `host:port` list of brokers (`bootstrap.servers`).
        public var bootstrapServers: String
        /// Whether the producer is idempotent (`enable.idempotence`, default `true`).
        public var idempotent: Bool
        /// The `transactional.id` for exactly-once processing, or `nil` for a non-transactional producer.
        /// Setting it also requires idempotence, which librdkafka enables.
        public var transactionalID: String?
        /// librdkafka properties passed through unchanged (e.g. `linger.ms`, `compression.type`,
        /// `message.max.bytes`, `security.protocol`).
        public var properties: [String: String]

        /// Creates a configuration.
        ///
        /// - Parameters:
        ///   - bootstrapServers: the brokers to contact first.
        ///   - idempotent: whether retries may not duplicate messages (default `true`).
        ///   - transactionalID: enables the transactional API when set.
        ///   - properties: extra librdkafka properties (they override everything else).
        public init(
            bootstrapServers: String, idempotent: Bool = true, transactionalID: String? = nil,
            properties: [String: String] = [:]
        ) {
            self.bootstrapServers = bootstrapServers
            self.idempotent = idempotent
            self.transactionalID = transactionalID
            self.properties = properties
        }

        /// The complete property set handed to librdkafka.
        public var librdkafkaProperties: [String: String] {
            var result = [
                "bootstrap.servers": bootstrapServers,
                "enable.idempotence": idempotent ? "true" : "false",
            ]
            if let transactionalID { result["transactional.id"] = transactionalID }
            result.merge(properties) { _, explicit in explicit }
            return result
        }
    }
}
