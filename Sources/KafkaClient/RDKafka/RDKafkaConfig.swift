import Crdkafka

/// Builds librdkafka configuration objects (`rd_kafka_conf_t`) from plain property dictionaries.
enum RDKafkaConfig {
    /// Creates an `rd_kafka_conf_t` holding `properties`; the caller owns it until `rd_kafka_new` takes it.
    ///
    /// Properties are passed through unchanged, so any librdkafka key works (`security.protocol`, `linger.ms`...).
    /// - Parameter properties: librdkafka property names and values.
    /// - Throws: ``KafkaError`` with code `.configuration` naming the rejected key.
    static func make(_ properties: [String: String]) throws -> OpaquePointer {
        let conf: OpaquePointer = rd_kafka_conf_new()
        do {
            for (key, value) in properties.sorted(by: { $0.key < $1.key }) {
                try set(conf, key, value)
            }
        } catch {
            rd_kafka_conf_destroy(conf)
            throw error
        }
        return conf
    }

    /// Sets one property on a configuration object.
    ///
    /// - Throws: ``KafkaError`` with code `.configuration` when librdkafka rejects the key or value.
    static func set(_ conf: OpaquePointer, _ key: String, _ value: String) throws {
        var reason = [CChar](repeating: 0, count: 512)
        let result = rd_kafka_conf_set(conf, key, value, &reason, reason.count)
        guard result == RD_KAFKA_CONF_OK else {
            throw KafkaError(
                code: .configuration, rdKafkaCode: result.rawValue,
                message: String(cBuffer: reason),
                context: [KafkaMetadataKey.configKey: key, KafkaMetadataKey.configValue: key.contains("password") || key.contains("secret") ? "<redacted>" : value])
        }
    }
}

extension String {
    /// Decodes a NUL-terminated C string that librdkafka wrote into a `[CChar]` buffer.
    init(cBuffer: [CChar]) {
        let bytes = cBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        self.init(decoding: bytes, as: UTF8.self)
    }
}
