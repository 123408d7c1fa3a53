import Testing
@testable import KafkaClient

@Suite("Faults injected by the embedded broker")
struct FaultInjectionTests {
    @Test func aBrokerThatGoesDownAndComesBackLosesNoAcknowledgedMessage() async throws {
        let broker = try EmbeddedBroker(brokers: 1)
        let topic = KafkaTestSupport.uniqueName("outage")
        try broker.createTopic(topic, partitions: 2)
        let producer = try KafkaTestSupport.producer(broker)
        var acknowledgements: [KafkaDeliveryAcknowledgement] = []
        var sent: [String] = []
        for batch in 0..<10 {
            if batch == 3 { try broker.setBrokerDown() }
            if batch == 6 {
                try await Task.sleep(for: .milliseconds(300))
                try broker.setBrokerUp()
            }
            let values = (0..<50).map { "batch-\(batch)-message-\($0)" }
            sent += values
            acknowledgements.append(await producer.send(values.map { KafkaProducerMessage(topic: topic, key: $0, value: $0) }))
            try await Task.sleep(for: .milliseconds(20))
        }
        var acknowledged: [Int32: [Int64: String]] = [:]
        for (batch, acknowledgement) in acknowledgements.enumerated() {
            for report in await acknowledgement.reports() where report.error == nil {
                acknowledged[report.partition, default: [:]][report.offset] = sent[batch * 50 + report.index]
            }
        }
        #expect(acknowledged.values.map(\.count).reduce(0, +) == sent.count, "every message is acknowledged after the outage")

        let consumer = try KafkaTestSupport.consumer(broker, group: nil)
        try consumer.assign((0..<2).map { KafkaTopicPartitionOffset(topic: topic, partition: $0, offset: KafkaTopicPartitionOffset.beginning) })
        let received = try await KafkaTestSupport.drain(consumer, count: sent.count)
        var stored: [Int32: [Int64: String]] = [:]
        for message in received {
            stored[message.partition, default: [:]][message.offset] = String(decoding: message.value ?? [], as: UTF8.self)
        }
        for (partition, messages) in acknowledged {
            for (offset, value) in messages {
                #expect(stored[partition]?[offset] == value, "acknowledged \(value) is at \(partition)@\(offset)")
            }
        }
        #expect(received.count == sent.count, "idempotence: retries wrote no duplicates")
        await producer.close()
        try await consumer.close()
    }

    @Test func injectedProduceErrorsAreRetriedTransparently() async throws {
        let broker = try EmbeddedBroker()
        let topic = KafkaTestSupport.uniqueName("retry")
        try broker.createTopic(topic, partitions: 1)
        let producer = try KafkaTestSupport.producer(broker)
        broker.injectErrors([.notLeaderForPartition, .requestTimedOut, .disconnect], into: .produce)
        let ack = await producer.send((0..<20).map { KafkaProducerMessage(topic: topic, key: nil, value: "m\($0)") })
        try await ack.acknowledged()
        #expect(await ack.reports().map(\.offset) == Array(0..<20))
        await producer.close()
    }

    @Test func aSlowBrokerStillDelivers() async throws {
        let broker = try EmbeddedBroker()
        let topic = KafkaTestSupport.uniqueName("slow")
        try broker.createTopic(topic, partitions: 1)
        try broker.setRoundTripTime(.milliseconds(200))
        let producer = try KafkaTestSupport.producer(broker)
        let ack = await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: "late"))
        try await ack.acknowledged()
        try broker.setRoundTripTime(.zero)
        await producer.close()
    }

    @Test func aTombstoneIsAnOrdinaryMessage() async throws {
        let broker = try EmbeddedBroker()
        let topic = KafkaTestSupport.uniqueName("tombstone")
        try broker.createTopic(topic, partitions: 1)
        let producer = try KafkaTestSupport.producer(broker)
        try await producer.send([
            KafkaProducerMessage(topic: topic, key: Array("user-1".utf8), value: nil),
            KafkaProducerMessage(topic: topic, key: "user-1", value: "after"),
        ]).acknowledged()
        let consumer = try KafkaTestSupport.consumer(broker, group: nil)
        try consumer.assign([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: KafkaTopicPartitionOffset.beginning)])
        let received = try await KafkaTestSupport.drain(consumer, count: 2)
        #expect(received.map(\.isTombstone) == [true, false])
        #expect(received.map(\.key) == [Array("user-1".utf8), Array("user-1".utf8)])
        try consumer.store(received)
        await producer.close()
        try await consumer.close()
    }

    @Test func invalidBrokerArgumentsAreKafkaErrors() throws {
        #expect(throws: KafkaError.self) { _ = try EmbeddedBroker(brokers: 0) }
        let broker = try EmbeddedBroker(brokers: 2)
        #expect(broker.bootstrapServers.split(separator: ",").count == 2)
        #expect(throws: KafkaError.self) { try broker.createTopic("t", partitions: 0) }
        #expect(throws: KafkaError.self) { try broker.createTopic("t", partitions: 1, replicationFactor: 3) }
        #expect(throws: KafkaError.self) { try broker.setBrokerDown(7) }
    }
}
