import Testing
@testable import KafkaClient

@Suite("Producing and consuming on the embedded broker")
struct RoundTripTests {
    @Test func keysHeadersTimestampsAndTombstonesSurviveTheRoundTrip() async throws {
        let broker = try EmbeddedBroker()
        let topic = KafkaTestSupport.uniqueName("roundtrip")
        try broker.createTopic(topic, partitions: 1)
        let producer = try KafkaTestSupport.producer(broker)
        let messages = [
            KafkaProducerMessage(
                topic: topic, key: "k1", value: "v1",
                headers: [KafkaHeader(name: "h", string: "x"), KafkaHeader(name: "empty", value: nil)],
                timestamp: 1_700_000_000_000),
            KafkaProducerMessage(topic: topic, key: Array("k2".utf8), value: nil),  // tombstone
            KafkaProducerMessage(topic: topic, key: nil, value: []),  // empty, not a tombstone
        ]
        let ack = await producer.send(messages)
        try await ack.acknowledged()
        let reports = await ack.reports()
        #expect(reports.map(\.offset) == [0, 1, 2])
        #expect(reports.allSatisfy { $0.partition == 0 && $0.error == nil })

        let consumer = try KafkaTestSupport.consumer(broker, group: nil)
        try consumer.assign([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: KafkaTopicPartitionOffset.beginning)])
        let received = try await KafkaTestSupport.drain(consumer, count: 3)
        try #require(received.count == 3)
        #expect(received[0].key == Array("k1".utf8))
        #expect(received[0].value == Array("v1".utf8))
        #expect(received[0].headers == [KafkaHeader(name: "h", string: "x"), KafkaHeader(name: "empty", value: nil)])
        #expect(received[0].timestamp == KafkaTimestamp(milliseconds: 1_700_000_000_000, kind: .createTime))
        #expect(received[1].isTombstone)
        #expect(received[1].key == Array("k2".utf8))
        #expect(received[2].key == nil)
        #expect(received[2].value == [])
        #expect(received.map(\.offset) == [0, 1, 2])
        #expect(received.allSatisfy { $0.topic == topic })
        await producer.close()
        try await consumer.close()
    }

    @Test func aMessageOverTheSizeLimitIsAReportedError() async throws {
        let broker = try EmbeddedBroker()
        let topic = KafkaTestSupport.uniqueName("oversize")
        try broker.createTopic(topic, partitions: 1)
        let producer = try KafkaTestSupport.producer(broker, ["message.max.bytes": "10000"])
        let ack = await producer.send([
            KafkaProducerMessage(topic: topic, value: [UInt8](repeating: 1, count: 20_000)),
            KafkaProducerMessage(topic: topic, value: [UInt8](repeating: 2, count: 100)),
        ])
        let reports = await ack.reports()
        #expect(reports[0].error?.code == .messageTooLarge)
        #expect(reports[1].error == nil)
        await #expect(throws: KafkaError.self) { try await ack.acknowledged() }
        await producer.close()
    }

    @Test func anUnknownPropertyIsAConfigurationError() throws {
        #expect {
            _ = try KafkaProducer(configuration: .init(bootstrapServers: "localhost:1", properties: ["no.such.key": "1"]))
        } throws: { error in
            (error as? KafkaError)?.code == .configuration && (error as? KafkaError)?.context["kafka.config_key"] == "no.such.key"
        }
    }
}
