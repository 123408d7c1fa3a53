import Testing
@testable import KafkaClient

@Suite("Consumers that skip headers")
struct ConsumerHeadersTests {
    @Test func aConsumerThatDoesNotReadHeadersStillGetsKeysValuesAndTimestamps() async throws {
        let broker = try EmbeddedBroker()
        let topic = KafkaTestSupport.uniqueName("noheaders")
        try broker.createTopic(topic, partitions: 1)
        let producer = try KafkaTestSupport.producer(broker)
        try await producer.send([
            KafkaProducerMessage(
                topic: topic, key: "k", value: "v", headers: [KafkaHeader(name: "h", string: "x")],
                timestamp: 1_700_000_000_000),
            KafkaProducerMessage(topic: topic, key: "k2", value: "v2"),
        ]).acknowledged()

        var configuration = KafkaConsumer.Configuration(bootstrapServers: broker.bootstrapServers)
        configuration.readsHeaders = false
        let consumer = try KafkaConsumer(configuration: configuration)
        try consumer.assign([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: KafkaTopicPartitionOffset.beginning)])
        let received = try await KafkaTestSupport.drain(consumer, count: 2)
        try #require(received.count == 2)
        #expect(received.map(\.key) == [Array("k".utf8), Array("k2".utf8)])
        #expect(received.map(\.value) == [Array("v".utf8), Array("v2".utf8)])
        #expect(received.allSatisfy { $0.headers.isEmpty })
        #expect(received[0].timestamp == KafkaTimestamp(milliseconds: 1_700_000_000_000, kind: .createTime))
        await producer.close()
        try await consumer.close()
    }
}
