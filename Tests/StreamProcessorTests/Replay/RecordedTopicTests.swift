import Foundation
import KafkaClient
import Logging
import OnlineLearning
import Testing
@testable import StreamProcessor

/// `eddy replay TOPIC`: a recorded topic read to its end and replayed in timestamp order, labels included.
@Suite struct RecordedTopicTests {
    @Test func partitionsAreMergedByTimestampEachKeepingItsOrder() {
        func stream(_ partition: Int32, _ stamps: [Int64]) -> [InputRecord] {
            stamps.enumerated().map { InputRecord(topic: "t", partition: partition, offset: Int64($0.offset), value: nil, timestamp: $0.element) }
        }
        let merged = RecordedTopic.mergedByTimestamp([stream(0, [1, 5, 3]), stream(1, [2, 4]), stream(2, [2])])
        #expect(merged.map { "\($0.partition):\($0.offset)" } == ["0:0", "1:0", "2:0", "1:1", "0:1", "0:2"],
                "earliest head first, ties to the lower partition, a partition's late stamp does not jump its offsets")
    }

    @Test func aRecordedTopicWithALabelsTopicReplaysLabelsAsLateAsTheyCame() async throws {
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let broker = try EmbeddedBroker(logger: logger)
        try broker.createTopic("events", partitions: 2)
        try broker.createTopic("labels", partitions: 1)
        let count = 300
        let events = PipelineFixtures.records(count: count, labelled: false)
        let truth = PipelineFixtures.labels(count: count)
        let start: Int64 = 1_700_000_000_000
        // Event i at start + 10 i on partition i % 2; its label 25 ms later: after events i + 1 and i + 2.
        let producer = try KafkaProducer(configuration: .init(bootstrapServers: broker.bootstrapServers), logger: logger)
        try await producer.send(events.enumerated().map { i, r in
            KafkaProducerMessage(topic: "events", partition: Int32(i % 2), key: nil, value: r.value, timestamp: start + 10 * Int64(i))
        }).acknowledged()
        try await producer.send((0..<count).map { i in
            KafkaProducerMessage(topic: "labels", partition: 0, key: nil, value: Array("{\"id\":\"e-\(i)\",\"label\":\"\(truth[i])\"}".utf8),
                                 timestamp: start + 10 * Int64(i) + 25)
        }).acknowledged()
        await producer.close()

        let recorded = try await RecordedTopic.read(topic: "events", brokers: broker.bootstrapServers, idle: .seconds(5))
        let labels = try await RecordedTopic.read(topic: "labels", brokers: broker.bootstrapServers, idle: .seconds(5))
        #expect(recorded.count == count && labels.count == count)
        #expect(recorded.map(\.timestamp) == (0..<count).map { start + 10 * Int64($0) }, "the two partitions interleave by time")

        let schema = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-recorded-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: schema) }
        try Data(PipelineFixtures.dictionary.jsonString().utf8).write(to: schema)
        var configuration = PipelineConfiguration()
        configuration.schemaPath = schema.path
        var spec = ModelSpec()
        spec.model = .naiveBayes
        let result = try JSONLinesReplay.run(spec: spec, configuration: configuration, events: recorded, labels: labels,
                                             options: JSONLinesReplayOptions(path: "events"))
        let m = result.metrics
        #expect(m.counters.eventsIn == count)
        #expect(m.labelJoin.joined == count, "every label came after its event")
        #expect(m.labelJoin.unmatched == 0)
        #expect(m.cumulative.instances == count)
        #expect(m.labelJoinSize == 0)
    }

    @Test func anEmptyTopicReadsAsNoRecords() async throws {
        let broker = try EmbeddedBroker(logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        try broker.createTopic("empty", partitions: 3)
        #expect(try await RecordedTopic.read(topic: "empty", brokers: broker.bootstrapServers, idle: .seconds(5)).isEmpty)
    }
}
