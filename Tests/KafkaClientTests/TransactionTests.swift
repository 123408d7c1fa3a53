import Testing
@testable import KafkaClient

/// The embedded broker accepts the transactional calls but does not enforce them (no markers, no fencing),
/// so these tests check the call sequence and error surfacing; visibility is tested against a real Kafka.
@Suite("Transactions on the embedded broker")
struct TransactionTests {
    @Test func theTransactionalCallsRunInOrder() async throws {
        let broker = try EmbeddedBroker()
        let input = KafkaTestSupport.uniqueName("txn-in")
        let output = KafkaTestSupport.uniqueName("txn-out")
        try broker.createTopic(input, partitions: 1)
        try broker.createTopic(output, partitions: 1)
        let producer = try KafkaTestSupport.producer(broker, transactionalID: KafkaTestSupport.uniqueName("txn"))
        let consumer = try KafkaTestSupport.consumer(broker, group: KafkaTestSupport.uniqueName("txn"))
        try await producer.initTransactions(timeout: .seconds(10))

        try producer.beginTransaction()
        let ack = await producer.send([KafkaProducerMessage(topic: output, key: "k", value: "committed")])
        try await producer.sendOffsetsToTransaction(
            [KafkaTopicPartitionOffset(topic: input, partition: 0, offset: 1)], groupMetadata: try consumer.groupMetadata())
        try await producer.commitTransaction(timeout: .seconds(10))
        try await ack.acknowledged()

        try producer.beginTransaction()
        let aborted = await producer.send([KafkaProducerMessage(topic: output, key: "k", value: "aborted")])
        try await producer.abortTransaction(timeout: .seconds(10))
        await aborted.wait()
        await producer.close()
        try await consumer.close()
    }

    @Test func callsOutOfOrderAreKafkaErrors() async throws {
        let broker = try EmbeddedBroker()
        let producer = try KafkaTestSupport.producer(broker, transactionalID: KafkaTestSupport.uniqueName("txn"))
        // Not initialised yet.
        #expect(throws: KafkaError.self) { try producer.beginTransaction() }
        try await producer.initTransactions(timeout: .seconds(10))
        // Commit without an open transaction.
        await #expect {
            try await producer.commitTransaction(timeout: .seconds(5))
        } throws: { error in
            (error as? KafkaError)?.code == .invalidState
        }
        try producer.beginTransaction()
        #expect(throws: KafkaError.self) { try producer.beginTransaction() }
        try await producer.abortTransaction(timeout: .seconds(5))
        await producer.close()
    }

    @Test func aNonTransactionalProducerRejectsTransactionCalls() async throws {
        let broker = try EmbeddedBroker()
        let producer = try KafkaTestSupport.producer(broker)
        await #expect(throws: KafkaError.self) { try await producer.initTransactions(timeout: .seconds(2)) }
        await producer.close()
    }

    @Test func aFailedCommitSurfacesTheBrokerError() async throws {
        let broker = try EmbeddedBroker()
        let topic = KafkaTestSupport.uniqueName("txn-fail")
        try broker.createTopic(topic, partitions: 1)
        let producer = try KafkaTestSupport.producer(broker, transactionalID: KafkaTestSupport.uniqueName("txn"))
        try await producer.initTransactions(timeout: .seconds(10))
        try producer.beginTransaction()
        let ack = await producer.send([KafkaProducerMessage(topic: topic, key: "k", value: "v")])
        try await ack.acknowledged()
        broker.injectErrors([.producerFenced], into: .endTransaction)
        await #expect {
            try await producer.commitTransaction(timeout: .seconds(5))
        } throws: { error in
            guard let error = error as? KafkaError else { return false }
            return error.code == .fenced && error.isFatal
        }
        await producer.close()
    }
}
