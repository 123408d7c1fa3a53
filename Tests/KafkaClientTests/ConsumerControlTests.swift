import Testing
@testable import KafkaClient

@Suite("Consumer position control: pause, resume, seek, async commit")
struct ConsumerControlTests {
    @Test func partitionsOfATopicComeFromTheCluster() async throws {
        let broker = try EmbeddedBroker()
        let topic = KafkaTestSupport.uniqueName("partitions")
        try broker.createTopic(topic, partitions: 3)
        let consumer = try KafkaTestSupport.consumer(broker, group: KafkaTestSupport.uniqueName("partitions"))
        #expect(try await consumer.partitions(of: topic) == [0, 1, 2])
        try await consumer.close()
    }

    @Test func pausedPartitionsDeliverNothingUntilResumedAndSeekMovesThePosition() async throws {
        let broker = try EmbeddedBroker()
        let topic = KafkaTestSupport.uniqueName("control")
        try broker.createTopic(topic, partitions: 1)
        let producer = try KafkaTestSupport.producer(broker)
        try await producer.send((0..<10).map { KafkaProducerMessage(topic: topic, key: nil, value: "m\($0)") }).acknowledged()

        let consumer = try KafkaTestSupport.consumer(broker, group: KafkaTestSupport.uniqueName("control"))
        let partition = KafkaTopicPartition(topic: topic, partition: 0)
        try consumer.assign([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: KafkaTopicPartitionOffset.beginning)])
        #expect(try consumer.assignment() == [partition])
        try consumer.pause([partition])
        let whilePaused = try await consumer.poll(maxMessages: 100, timeout: .milliseconds(300))
        #expect(whilePaused.isEmpty)
        try consumer.resume([partition])
        let all = try await KafkaTestSupport.drain(consumer, count: 10)
        #expect(all.map(\.offset) == Array(0..<10))
        #expect(try consumer.position([partition]).first?.offset == 10)

        try await consumer.seek([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: 6)])
        let afterSeek = try await KafkaTestSupport.drain(consumer, count: 4)
        #expect(afterSeek.map(\.offset) == [6, 7, 8, 9])

        try consumer.store(afterSeek)
        try consumer.commitAsync()
        var committed: Int64 = -1
        for _ in 0..<50 where committed != 10 {
            _ = try await consumer.poll(maxMessages: 1, timeout: .milliseconds(50))  // serves the commit callback
            committed = try await consumer.committed([partition]).first?.offset ?? -1
        }
        #expect(committed == 10)
        #expect(!consumer.events().contains { if case .commitFailed = $0 { true } else { false } })
        let marks = try await consumer.watermarks(topic: topic, partition: 0)
        #expect(marks.low == 0 && marks.high == 10)
        try await consumer.close()
        await producer.close()
    }

    @Test func storingAnUnassignedPartitionIsAnError() async throws {
        let broker = try EmbeddedBroker()
        let consumer = try KafkaTestSupport.consumer(broker, group: KafkaTestSupport.uniqueName("store"))
        #expect(throws: KafkaError.self) {
            try consumer.store([KafkaTopicPartitionOffset(topic: "nowhere", partition: 0, offset: 1)])
        }
        try await consumer.close()
    }
}
