import FeatureExtraction
import Foundation
import KafkaClient

/// Infers a data dictionary from the first events of a JSON-lines file or of a Kafka topic, for
/// `eddy schema infer`: the same ``SchemaInference`` the pipeline uses when `EDDY_SCHEMA` is unset, so the
/// printed dictionary is the one `eddy run` would infer and can be pinned with `EDDY_SCHEMA`.
public enum SchemaSampler {
    /// The inference settings the pipeline configuration implies (field roles).
    /// - Parameter configuration: the pipeline settings.
    public static func inferenceConfiguration(_ configuration: PipelineConfiguration) -> SchemaInference.Configuration {
        var c = SchemaInference.Configuration()
        c.idField = configuration.idField
        c.labelField = configuration.labelField
        c.timeField = configuration.timeField
        return c
    }

    /// Infers from the first `events` lines of a JSON-lines file.
    /// - Parameters:
    ///   - path: the file.
    ///   - events: how many events to read at most.
    ///   - configuration: field roles and bounds.
    /// - Returns: the inferred dictionary.
    /// - Throws: an error naming the file when it cannot be read, or ``FeatureExtractionError`` when it holds
    ///   no usable event.
    public static func infer(file path: String, events: Int, configuration: SchemaInference.Configuration) throws -> DataDictionary {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var inference = try SchemaInference(configuration: configuration)
        _ = inference.observe(lines: Array(data), limit: events)
        return try inference.dictionary()
    }

    /// Infers from the first `events` messages of `topic`, read from the beginning by a throw-away consumer
    /// group that commits nothing.
    /// - Parameters:
    ///   - topic: the topic.
    ///   - brokers: the bootstrap servers.
    ///   - events: how many events to read at most.
    ///   - idle: stop after this long without a new message.
    ///   - properties: extra librdkafka properties (`EDDY_KAFKA_*`).
    ///   - configuration: field roles and bounds.
    /// - Returns: the inferred dictionary.
    /// - Throws: ``KafkaError`` when the topic cannot be read, ``FeatureExtractionError`` when it held no usable event.
    public static func infer(
        topic: String, brokers: String, events: Int, idle: Duration = .seconds(10),
        properties: [String: String] = [:], configuration: SchemaInference.Configuration
    ) async throws -> DataDictionary {
        var consumerProperties = properties
        consumerProperties["enable.auto.commit"] = "false"
        consumerProperties["auto.offset.reset"] = "earliest"
        consumerProperties["session.timeout.ms"] = consumerProperties["session.timeout.ms"] ?? "6000"
        let consumer = try KafkaConsumer(configuration: .init(
            bootstrapServers: brokers, groupID: "eddy-schema-infer-\(ProcessInfo.processInfo.processIdentifier)",
            properties: consumerProperties))
        try consumer.subscribe(to: [topic])
        var inference = try SchemaInference(configuration: configuration)
        var lastMessage = ContinuousClock.now
        while inference.eventCount < events, ContinuousClock.now - lastMessage < idle {
            let batch = try await consumer.poll(maxMessages: 500, timeout: .milliseconds(200))
            if !batch.isEmpty { lastMessage = .now }
            for message in batch where inference.eventCount < events {
                if let value = message.value { _ = inference.observe(value) }
            }
        }
        try await consumer.close()
        return try inference.dictionary()
    }
}
