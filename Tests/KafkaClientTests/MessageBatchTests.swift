import Testing
@testable import KafkaClient

@Suite("Lent message batches")
struct MessageBatchTests {
    /// Polls lent batches until `count` messages arrived, keeping the batches.
    private func drainBatches(_ consumer: KafkaConsumer, count: Int) async throws -> [KafkaMessageBatch] {
        var batches: [KafkaMessageBatch] = []
        try await drainBatches(consumer, count: count, into: &batches)
        return batches
    }

    /// Appends lent batches to `batches` until `count` messages arrived (no temporary copy outlives the call).
    private func drainBatches(_ consumer: KafkaConsumer, count: Int, into batches: inout [KafkaMessageBatch]) async throws {
        var received = 0
        var idle = 0
        while received < count && idle < 100 {
            let batch = try await consumer.pollBatch(maxMessages: 1000, timeout: .milliseconds(100))
            idle = batch.isEmpty ? idle + 1 : 0
            received += batch.count
            if !batch.isEmpty { batches.append(batch) }
        }
    }

    /// The consumer's lent-message count once the polling thread dropped its reference to the last result
    /// (the blocking executor releases its copy of a returned batch just after resuming the caller).
    private func lentMessages(_ consumer: KafkaConsumer, settlingAt expected: Int) async throws -> Int {
        for _ in 0..<200 where consumer.lentMessageCount != expected { try await Task.sleep(for: .milliseconds(10)) }
        return consumer.lentMessageCount
    }

    private func records(_ topic: String) -> [KafkaProducerMessage] {
        [
            KafkaProducerMessage(
                topic: topic, key: Array("k1".utf8), value: Array("v1".utf8),
                headers: [KafkaHeader(name: "h", string: "x"), KafkaHeader(name: "empty", value: nil)],
                timestamp: 1_700_000_000_000),
            KafkaProducerMessage(topic: topic, key: Array("k2".utf8), value: nil),  // tombstone
            KafkaProducerMessage(topic: topic, key: nil, value: []),  // no key, empty value
        ]
    }

    @Test func aLentBatchReadsKeysValuesHeadersAndTombstonesInPlace() async throws {
        let broker = try EmbeddedBroker()
        let topic = KafkaTestSupport.uniqueName("lent")
        try broker.createTopic(topic, partitions: 1)
        let producer = try KafkaTestSupport.producer(broker)
        try await producer.send(records(topic)).acknowledged()

        let consumer = try KafkaTestSupport.consumer(broker, group: nil)
        try consumer.assign([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: KafkaTopicPartitionOffset.beginning)])
        let batches = try await drainBatches(consumer, count: 3)
        let views = batches.flatMap { $0 }
        try #require(views.count == 3)
        #expect(views.map { $0.key.map { Array($0) } } == [Array("k1".utf8), Array("k2".utf8), nil])
        #expect(views.map { $0.value.map { Array($0) } } == [Array("v1".utf8), nil, []])
        #expect(views.map(\.isTombstone) == [false, true, false])
        #expect(views[0].headers == [KafkaHeader(name: "h", string: "x"), KafkaHeader(name: "empty", value: nil)])
        #expect(views[0].timestamp == KafkaTimestamp(milliseconds: 1_700_000_000_000, kind: .createTime))
        #expect(views.map(\.offset) == [0, 1, 2])
        #expect(views.allSatisfy { $0.topic == topic && $0.partition == 0 })
        // Owning copies equal what the copying poll would have returned, and outlive the batch.
        let copies = batches.flatMap { $0.messages() }
        #expect(copies.map(\.key) == [Array("k1".utf8), Array("k2".utf8), nil])
        #expect(copies[0].header("h") == Array("x".utf8))
        #expect(views[1].message == copies[1])
        await producer.close()
        try await consumer.close()
    }

    @Test func forwardingALentBatchRoundTripsKeysValuesHeadersAndTombstones() async throws {
        let broker = try EmbeddedBroker()
        let input = KafkaTestSupport.uniqueName("lent-in")
        let output = KafkaTestSupport.uniqueName("lent-out")
        try broker.createTopic(input, partitions: 1)
        try broker.createTopic(output, partitions: 1)
        let producer = try KafkaTestSupport.producer(broker)
        try await producer.send(records(input)).acknowledged()

        let consumer = try KafkaTestSupport.consumer(broker, group: nil)
        try consumer.assign([KafkaTopicPartitionOffset(topic: input, partition: 0, offset: KafkaTopicPartitionOffset.beginning)])
        for batch in try await drainBatches(consumer, count: 3) {
            try await producer.send(batch, to: output).acknowledged()
        }

        let reader = try KafkaTestSupport.consumer(broker, group: nil)
        try reader.assign([KafkaTopicPartitionOffset(topic: output, partition: 0, offset: KafkaTopicPartitionOffset.beginning)])
        let forwarded = try await KafkaTestSupport.drain(reader, count: 3)
        try #require(forwarded.count == 3)
        #expect(forwarded.map(\.key) == [Array("k1".utf8), Array("k2".utf8), nil])
        #expect(forwarded.map(\.value) == [Array("v1".utf8), nil, []])
        #expect(forwarded[0].headers == [KafkaHeader(name: "h", string: "x"), KafkaHeader(name: "empty", value: nil)])
        #expect(forwarded[1].headers.isEmpty && forwarded[1].isTombstone)
        await producer.close()
        try await consumer.close()
        try await reader.close()
    }

    @Test func releasingABatchDestroysItsMessages() async throws {
        let broker = try EmbeddedBroker()
        let topic = KafkaTestSupport.uniqueName("lent-release")
        try broker.createTopic(topic, partitions: 2)
        let producer = try KafkaTestSupport.producer(broker)
        try await producer.send((0..<50).map { KafkaProducerMessage(topic: topic, key: "k\($0)", value: "v\($0)") }).acknowledged()

        let consumer = try KafkaTestSupport.consumer(broker, group: nil)
        try consumer.assign((0..<2).map { KafkaTopicPartitionOffset(topic: topic, partition: $0, offset: KafkaTopicPartitionOffset.beginning) })
        var batches: [KafkaMessageBatch] = []
        try await drainBatches(consumer, count: 50, into: &batches)
        #expect(batches.reduce(0) { $0 + $1.count } == 50)
        #expect(try await lentMessages(consumer, settlingAt: 50) == 50)
        var copy: KafkaMessageBatch? = batches[0]  // copies share the owner: the messages live until the last copy goes
        let kept = copy?.count ?? 0
        batches.removeAll()
        #expect(try await lentMessages(consumer, settlingAt: kept) == kept)
        copy = nil
        #expect(try await lentMessages(consumer, settlingAt: 0) == 0 && copy == nil)
        // The copying poll lends and releases internally: nothing stays lent.
        try await producer.send([KafkaProducerMessage(topic: topic, partition: 0, key: "a", value: "b")]).acknowledged()
        let more = try await KafkaTestSupport.drain(consumer, count: 1)
        #expect(more.count == 1)
        #expect(try await lentMessages(consumer, settlingAt: 0) == 0)
        await producer.close()
        try await consumer.close()
    }

    @Test func storingABatchStoresTheOffsetAfterEachPartitionsLastMessage() async throws {
        let broker = try EmbeddedBroker()
        let topic = KafkaTestSupport.uniqueName("lent-store")
        let group = KafkaTestSupport.uniqueName("lent-group")
        try broker.createTopic(topic, partitions: 2)
        let producer = try KafkaTestSupport.producer(broker)
        try await producer.send((0..<10).map { KafkaProducerMessage(topic: topic, partition: Int32($0 % 2), key: nil, value: "v\($0)") }).acknowledged()

        let consumer = try KafkaTestSupport.consumer(broker, group: group, ["enable.auto.offset.store": "false"])
        let partitions = (0..<2).map { KafkaTopicPartitionOffset(topic: topic, partition: $0, offset: KafkaTopicPartitionOffset.beginning) }
        try consumer.assign(partitions)
        for batch in try await drainBatches(consumer, count: 10) { try consumer.store(batch) }
        try await consumer.commit()
        let committed = try await consumer.committed(partitions.map(\.topicPartition))
        #expect(committed.map(\.offset).sorted() == [5, 5])
        await producer.close()
        try await consumer.close()
    }
}
