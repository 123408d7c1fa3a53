#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import KafkaClient

/// The brokers of a real Kafka cluster named by `EDDY_TEST_BROKERS` (e.g. `localhost:9092` of the
/// docker-compose stack), or `nil` when unset.
private let realBrokers: String? = getenv("EDDY_TEST_BROKERS").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }

/// What the embedded broker cannot show: transaction markers, fencing, the Admin API, offsets for times.
@Suite(
    "Integration with a real Kafka",
    .enabled(if: realBrokers != nil, "EDDY_TEST_BROKERS is not set: these tests need a real Kafka cluster (the embedded broker does not enforce transactions, fencing, Admin calls or time indexes)"),
    .serialized)
struct RealKafkaIntegrationTests {
    let brokers = realBrokers ?? ""

    func createTopic(partitions: Int) async throws -> String {
        let topic = KafkaTestSupport.uniqueName("eddy-it")
        let admin = try KafkaAdmin(bootstrapServers: brokers, logger: KafkaTestSupport.logger)
        try await admin.createTopics([KafkaAdmin.NewTopic(name: topic, partitions: partitions, replicationFactor: -1)])
        return topic
    }

    func producer(transactionalID: String? = nil) throws -> KafkaProducer {
        try KafkaProducer(
            configuration: .init(bootstrapServers: brokers, transactionalID: transactionalID, properties: ["linger.ms": "1"]),
            logger: KafkaTestSupport.logger)
    }

    func readCommittedConsumer(topic: String, partitions: Int32) throws -> KafkaConsumer {
        let consumer = try KafkaConsumer(
            configuration: .init(bootstrapServers: brokers, properties: ["isolation.level": "read_committed"]),
            logger: KafkaTestSupport.logger)
        try consumer.assign((0..<partitions).map {
            KafkaTopicPartitionOffset(topic: topic, partition: $0, offset: KafkaTopicPartitionOffset.beginning)
        })
        return consumer
    }

    @Test func adminCreatesTopicsWithPartitionsAndRejectsDuplicates() async throws {
        let topic = try await createTopic(partitions: 3)
        let producer = try producer()
        let ack = await producer.send(KafkaProducerMessage(topic: topic, partition: 2, key: nil, value: "on partition 2"))
        try await ack.acknowledged()
        #expect(await ack.reports().first?.partition == 2)
        let admin = try KafkaAdmin(bootstrapServers: brokers, logger: KafkaTestSupport.logger)
        await #expect {
            try await admin.createTopics([KafkaAdmin.NewTopic(name: topic, partitions: 3)])
        } throws: { ($0 as? KafkaError)?.code == .topicAlreadyExists }
        try await admin.createTopics([KafkaAdmin.NewTopic(name: topic, partitions: 3)], ignoreExisting: true)
        await producer.close()
    }

    @Test func readCommittedConsumersSeeOnlyCommittedTransactions() async throws {
        let topic = try await createTopic(partitions: 1)
        let producer = try producer(transactionalID: KafkaTestSupport.uniqueName("eddy-it-txn"))
        try await producer.initTransactions()
        try producer.beginTransaction()
        _ = await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: "aborted"))
        try await producer.abortTransaction()
        try producer.beginTransaction()
        let committed = await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: "committed"))
        try await producer.commitTransaction()
        try await committed.acknowledged()

        let consumer = try readCommittedConsumer(topic: topic, partitions: 1)
        let messages = try await KafkaTestSupport.drain(consumer, count: 1, attempts: 30)
        #expect(messages.compactMap { $0.value.map { String(decoding: $0, as: UTF8.self) } } == ["committed"])
        await producer.close()
        try await consumer.close()
    }

    @Test func aNewerProducerFencesTheOldOne() async throws {
        let topic = try await createTopic(partitions: 1)
        let transactionalID = KafkaTestSupport.uniqueName("eddy-it-fence")
        let old = try producer(transactionalID: transactionalID)
        try await old.initTransactions()
        try old.beginTransaction()
        _ = await old.send(KafkaProducerMessage(topic: topic, key: nil, value: "zombie"))

        let newer = try producer(transactionalID: transactionalID)
        try await newer.initTransactions()

        await #expect {
            try await old.commitTransaction(timeout: .seconds(10))
        } throws: { error in
            guard let error = error as? KafkaError else { return false }
            return error.code == .fenced || error.isFatal
        }
        await old.close()
        await newer.close()
    }

    @Test func offsetsForTimesFindTheFirstMessageAtOrAfterATime() async throws {
        let topic = try await createTopic(partitions: 1)
        let producer = try producer()
        let start: Int64 = 1_700_000_000_000
        try await producer.send((0..<3).map {
            KafkaProducerMessage(topic: topic, partition: 0, key: nil, value: "m\($0)", timestamp: start + Int64($0) * 1000)
        }).acknowledged()
        let consumer = try KafkaConsumer(configuration: .init(bootstrapServers: brokers), logger: KafkaTestSupport.logger)
        let found = try await consumer.offsets(forTimes: [KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: start + 500)])
        #expect(found.first?.offset == 1)
        await producer.close()
        try await consumer.close()
    }
}
