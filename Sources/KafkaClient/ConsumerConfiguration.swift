extension KafkaConsumer {
    /// How a consumer connects and behaves: a few typed settings on top of librdkafka's own properties.
    ///
    /// Any librdkafka consumer property can go in ``properties`` and is passed through unchanged; it wins
    /// over the typed fields and over Eddy's defaults. Eddy's defaults differ from librdkafka's in two places,
    /// both for at-least-once processing: offsets are stored explicitly (`enable.auto.offset.store=false`,
    /// see ``KafkaConsumer/store(_:)``) and a new group starts at the earliest offset
    /// (`auto.offset.reset=earliest`). Auto-commit of *stored* offsets stays on (every 5 s and on revoke/close).
    public struct Configuration: Sendable {
        /// Comma-separated `host:port` list of brokers (`bootstrap.servers`).
        public var bootstrapServers: String
        /// The consumer group (`group.id`); `nil` for a consumer that only uses manual assignment (then a
        /// placeholder group is set and auto-commit is off, because librdkafka needs a group to assign).
        public var groupID: String?
        /// librdkafka properties passed through unchanged (e.g. `session.timeout.ms`,
        /// `partition.assignment.strategy=cooperative-sticky`, `isolation.level`).
        public var properties: [String: String]
        /// Whether polled messages carry their headers (default `true`). librdkafka parses a record's headers
        /// only on request and allocates twice to do it even when the record has none, so a consumer that never
        /// reads ``KafkaMessage/headers`` can turn this off (its messages then have empty headers).
        public var readsHeaders = true

        /// Creates a configuration.
        ///
        /// - Parameters:
        ///   - bootstrapServers: the brokers to contact first.
        ///   - groupID: the consumer group, or `nil` for manual assignment only.
        ///   - properties: extra librdkafka properties (they override everything else).
        public init(bootstrapServers: String, groupID: String? = nil, properties: [String: String] = [:]) {
            self.bootstrapServers = bootstrapServers
            self.groupID = groupID
            self.properties = properties
        }

        /// The complete property set handed to librdkafka.
        public var librdkafkaProperties: [String: String] {
            var result = [
                "bootstrap.servers": bootstrapServers,
                "enable.auto.offset.store": "false",
                "auto.offset.reset": "earliest",
            ]
            if let groupID {
                result["group.id"] = groupID
            } else {
                // librdkafka 2.0.2 refuses assign() without a group; a private one that never commits serves.
                result["group.id"] = "eddy-manual-assignment"
                result["enable.auto.commit"] = "false"
            }
            result.merge(properties) { _, explicit in explicit }
            return result
        }
    }
}
