import KafkaClient

/// The consume → produce workload shared by the KafkaPipeline benchmarks and `eddy-kafka-bench`.
///
/// An input topic of ``partitions`` partitions on an ``EmbeddedBroker`` is filled once with ``messageCount``
/// JSON events of exactly ``valueSize`` bytes (keyed by event id, spread round-robin so every partition stays
/// well under the mock cluster's ~5 MiB per partition). A run then reads all of them from the beginning in
/// batches of ``batchSize`` and produces each, with the same key, to an output topic, waiting for every
/// delivery report. Both loops — through ``KafkaClient`` and directly against the C API — get the same
/// librdkafka properties, so the difference between them is the Swift layer.
public struct PipelineWorkload: Sendable {
    /// How many messages the input topic holds and each run moves.
    public var messageCount: Int
    /// Partitions of the input and output topics.
    public var partitions: Int
    /// Bytes per JSON value.
    public var valueSize: Int
    /// The largest consume batch.
    public var batchSize: Int
    /// The pre-filled input topic.
    public var inputTopic = "pipeline-input"

    /// Creates a workload.
    ///
    /// - Parameters:
    ///   - messageCount: messages per run (default 1,000,000).
    ///   - partitions: topic partitions (default 64).
    ///   - valueSize: JSON bytes per message (default 200, at least 160).
    ///   - batchSize: consume batch size (default 1,000).
    public init(messageCount: Int = 1_000_000, partitions: Int = 64, valueSize: Int = 200, batchSize: Int = 1_000) {
        self.messageCount = messageCount
        self.partitions = partitions
        self.valueSize = max(valueSize, 160)
        self.batchSize = batchSize
    }

    /// Consumer properties used by both loops: manual assignment, no commits, no end-of-partition events,
    /// and the prefetch queue `eddy run` uses (`queued.min.messages` 1,000,000: with librdkafka's 100,000 the
    /// fetcher pauses for up to a second whenever a backlog fills the queue, which made runs differ by 2×).
    public func consumerProperties(bootstrapServers: String) -> [String: String] {
        KafkaConsumer.Configuration(
            bootstrapServers: bootstrapServers, groupID: nil,
            properties: ["enable.partition.eof": "false", "queued.min.messages": "1000000"]
        ).librdkafkaProperties
    }

    /// Producer properties used by both loops: Eddy's defaults (idempotent), librdkafka's batching defaults.
    public func producerProperties(bootstrapServers: String) -> [String: String] {
        KafkaProducer.Configuration(bootstrapServers: bootstrapServers).librdkafkaProperties
    }

    /// The key of message `index`: its event id.
    public func key(_ index: Int) -> [UInt8] { Array("e-\(index)".utf8) }

    /// The JSON value of message `index`, exactly ``valueSize`` bytes.
    public func value(_ index: Int) -> [UInt8] {
        var state = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: (state >> 33) % 1_000_000)
        }
        func fraction(_ whole: Int) -> String {
            let micro = next()
            let digits = String(micro)
            return "\(whole).\(String(repeating: "0", count: 6 - digits.count))\(digits)"
        }
        let millisecond = index % 1000
        let second = (index / 1000) % 60
        let minute = (index / 60_000) % 60
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        func three(_ value: Int) -> String { value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : "\(value)" }
        let classes = ["groupA", "groupB"]
        let countries = ["IE", "DE", "FR", "ES", "NL"]
        var json = "{\"id\":\"e-\(index)\",\"ts\":\"2026-11-29T10:\(two(minute)):\(two(second)).\(three(millisecond))Z\","
        json += "\"x1\":\(fraction(next() % 10)),\"x2\":\(fraction(next() % 10)),\"x3\":\(fraction(next() % 10)),"
        json += "\"country\":\"\(countries[next() % countries.count])\",\"class\":\"\(classes[next() % 2])\",\"note\":\""
        let padding = max(valueSize - json.utf8.count - 2, 0)
        json += String(repeating: "n", count: padding) + "\"}"
        return Array(json.utf8)
    }

    /// Creates the input topic on `broker` and fills it; checks that every message is retained.
    ///
    /// - Parameter broker: the embedded broker.
    /// - Throws: ``KafkaError`` when producing fails, or ``WorkloadError`` when the topic does not hold every message.
    public func prepare(on broker: EmbeddedBroker) async throws {
        try broker.createTopic(inputTopic, partitions: partitions)
        let producer = try KafkaProducer(configuration: .init(
            bootstrapServers: broker.bootstrapServers, properties: ["linger.ms": "20"]))
        var acknowledgements: [KafkaDeliveryAcknowledgement] = []
        let chunk = 20_000
        for start in stride(from: 0, to: messageCount, by: chunk) {
            let messages = (start..<min(start + chunk, messageCount)).map { index in
                KafkaProducerMessage(
                    topic: inputTopic, partition: Int32(index % partitions), key: key(index), value: value(index))
            }
            acknowledgements.append(await producer.send(messages))
        }
        for acknowledgement in acknowledgements { try await acknowledgement.acknowledged() }
        await producer.close()
        let retained = try await retainedMessages(in: inputTopic, on: broker)
        guard retained == messageCount else {
            throw WorkloadError(description: "the input topic retains \(retained) of \(messageCount) messages")
        }
    }

    /// Creates an output topic with the workload's partition count.
    ///
    /// - Parameters:
    ///   - name: the topic.
    ///   - broker: the embedded broker.
    /// - Throws: ``KafkaError`` when the topic cannot be created.
    public func createOutputTopic(_ name: String, on broker: EmbeddedBroker) throws {
        try broker.createTopic(name, partitions: partitions)
    }

    /// The number of messages retained across the partitions of `topic` (high minus low watermark).
    ///
    /// - Throws: ``KafkaError`` when a watermark query fails.
    public func retainedMessages(in topic: String, on broker: EmbeddedBroker) async throws -> Int {
        let consumer = try KafkaConsumer(configuration: .init(bootstrapServers: broker.bootstrapServers))
        var total = 0
        for partition in 0..<partitions {
            let marks = try await consumer.watermarks(topic: topic, partition: Int32(partition))
            total += Int(marks.high - marks.low)
        }
        try await consumer.close()
        return total
    }
}

/// A workload that did not do what it should (lost messages, stalled input).
public struct WorkloadError: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String
}
