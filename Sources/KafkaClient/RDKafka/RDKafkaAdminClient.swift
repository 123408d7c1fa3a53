import Crdkafka
import Logging

/// The librdkafka Admin API calls Eddy uses (`rd_kafka_CreateTopics`), blocking until the result event.
final class RDKafkaAdminClient: Sendable {
    let handle: RDKafkaHandle

    /// Creates the client that carries admin requests (a producer-type `rd_kafka_t` that never produces).
    ///
    /// - Throws: ``KafkaError`` when the configuration is rejected.
    init(properties: [String: String], logger: Logger) throws {
        handle = try RDKafkaHandle(kind: .producer, properties: properties, logger: logger)
    }

    /// Creates topics and returns each topic's error (nil on success), in request order.
    ///
    /// - Throws: ``KafkaError`` for an invalid request, or when the whole call fails or times out.
    func createTopics(_ topics: [KafkaAdmin.NewTopic], timeoutMilliseconds: Int32) throws -> [(String, KafkaError?)] {
        var reason = [CChar](repeating: 0, count: 512)
        var newTopics: [OpaquePointer?] = []
        defer { newTopics.withUnsafeMutableBufferPointer { rd_kafka_NewTopic_destroy_array($0.baseAddress, $0.count) } }
        for topic in topics {
            guard let newTopic = rd_kafka_NewTopic_new(
                topic.name, Int32(clamping: topic.partitions), Int32(clamping: topic.replicationFactor), &reason, reason.count)
            else {
                throw KafkaError(code: .invalidArgument, message: String(cBuffer: reason), context: [KafkaMetadataKey.topic: topic.name])
            }
            newTopics.append(newTopic)
            for (key, value) in topic.configs.sorted(by: { $0.key < $1.key }) {
                let result = rd_kafka_NewTopic_set_config(newTopic, key, value)
                if result != RD_KAFKA_RESP_ERR_NO_ERROR {
                    throw KafkaError(rdKafka: result, context: [KafkaMetadataKey.topic: topic.name, KafkaMetadataKey.configKey: key])
                }
            }
        }
        let options = rd_kafka_AdminOptions_new(handle.pointer, RD_KAFKA_ADMIN_OP_CREATETOPICS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        _ = rd_kafka_AdminOptions_set_request_timeout(options, timeoutMilliseconds, &reason, reason.count)
        _ = rd_kafka_AdminOptions_set_operation_timeout(options, timeoutMilliseconds, &reason, reason.count)
        let queue = rd_kafka_queue_new(handle.pointer)
        defer { rd_kafka_queue_destroy(queue) }
        newTopics.withUnsafeMutableBufferPointer { rd_kafka_CreateTopics(handle.pointer, $0.baseAddress, $0.count, options, queue) }

        let context = [KafkaMetadataKey.operation: "create topics"]
        // The request times out itself; the extra second only guards against a lost result event.
        guard let event = rd_kafka_queue_poll(queue, timeoutMilliseconds &+ 1000) else {
            throw KafkaError(code: .timedOut, message: "No answer to CreateTopics in time.", isRetriable: true, context: context)
        }
        defer { rd_kafka_event_destroy(event) }
        let error = rd_kafka_event_error(event)
        if error != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(rdKafka: error, message: rd_kafka_event_error_string(event).map { String(cString: $0) }, context: context)
        }
        guard let result = rd_kafka_event_CreateTopics_result(event) else {
            throw KafkaError(code: .client, message: "CreateTopics returned an unexpected event.", context: context)
        }
        var count = 0
        guard let results = rd_kafka_CreateTopics_result_topics(result, &count) else { return [] }
        return (0..<count).map { index in
            let topic = results[index]
            let name = String(cString: rd_kafka_topic_result_name(topic))
            let code = rd_kafka_topic_result_error(topic)
            guard code != RD_KAFKA_RESP_ERR_NO_ERROR else { return (name, nil) }
            let text = rd_kafka_topic_result_error_string(topic).map { String(cString: $0) }
            return (name, KafkaError(rdKafka: code, message: text, context: [KafkaMetadataKey.operation: "create topics", KafkaMetadataKey.topic: name]))
        }
    }
}
