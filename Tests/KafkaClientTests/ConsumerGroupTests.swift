import Synchronization
import Testing
@testable import KafkaClient

@Suite("Consumer groups on the embedded broker")
struct ConsumerGroupTests {
    /// Collects what group members read, and the rebalance events they saw.
    final class Collector: Sendable {
        let seen = Mutex<[KafkaTopicPartitionOffset]>([])
        let events = Mutex<[String: [KafkaConsumerEvent]]>([:])

        var count: Int { seen.withLock { $0.count } }

        func record(_ member: String, _ batch: [KafkaMessage], _ newEvents: [KafkaConsumerEvent]) {
            seen.withLock { seen in
                seen += batch.map { KafkaTopicPartitionOffset(topic: $0.topic, partition: $0.partition, offset: $0.offset) }
            }
            if !newEvents.isEmpty { events.withLock { $0[member, default: []] += newEvents } }
        }

        func waitFor(count: Int, seconds: Int = 30) async throws {
            for _ in 0..<(seconds * 20) where self.count < count { try await Task.sleep(for: .milliseconds(50)) }
        }
    }

    /// A stop signal shared with a member's task.
    final class Flag: Sendable {
        private let value = Atomic<Bool>(false)
        var isSet: Bool { value.load(ordering: .acquiring) }
        func set() { value.store(true, ordering: .releasing) }
    }

    /// Runs a member: poll, store, repeat until `stop`; then close (committing its stored offsets).
    static func run(_ member: String, _ consumer: KafkaConsumer, _ collector: Collector, _ stop: Flag) async throws {
        while !stop.isSet {
            let batch = try await consumer.poll(maxMessages: 50, timeout: .milliseconds(50))
            collector.record(member, batch, consumer.events())
            try consumer.store(batch)
        }
        try await consumer.close()
        collector.record(member, [], consumer.events())
    }

    static func produce(_ producer: KafkaProducer, topic: String, range: Range<Int>) async throws {
        let ack = await producer.send(range.map { KafkaProducerMessage(topic: topic, key: "key-\($0)", value: "value-\($0)") })
        try await ack.acknowledged()
    }

    /// The partitions each member owns, replayed from its rebalance events.
    static func ownership(_ collector: Collector) -> [String: Set<Int32>] {
        collector.events.withLock { events in
            events.mapValues { memberEvents in
                var owned: Set<Int32> = []
                for event in memberEvents {
                    switch event {
                    case .partitionsAssigned(let partitions): owned.formUnion(partitions.map(\.partition))
                    case .partitionsRevoked(let partitions), .partitionsLost(let partitions):
                        owned.subtract(partitions.map(\.partition))
                    default: break
                    }
                }
                return owned
            }
        }
    }

    static func waitUntil(seconds: Int = 30, _ condition: () -> Bool) async throws {
        for _ in 0..<(seconds * 20) where !condition() { try await Task.sleep(for: .milliseconds(50)) }
    }

    @Test(arguments: ["range", "cooperative-sticky"])
    func twoMembersShareATopicAndRebalanceWithoutLossOrDuplicates(strategy: String) async throws {
        let broker = try EmbeddedBroker()
        let topic = KafkaTestSupport.uniqueName("group")
        let group = KafkaTestSupport.uniqueName("group")
        try broker.createTopic(topic, partitions: 4)
        let producer = try KafkaTestSupport.producer(broker)
        let settings = ["partition.assignment.strategy": strategy]
        let first = try KafkaTestSupport.consumer(broker, group: group, settings)
        let second = try KafkaTestSupport.consumer(broker, group: group, settings)
        let collector = Collector()
        let stopFirst = Flag()
        let stopSecond = Flag()

        try await withThrowingTaskGroup(of: Void.self) { tasks in
            try first.subscribe(to: [topic])
            tasks.addTask { try await Self.run("first", first, collector, stopFirst) }
            try await Self.produce(producer, topic: topic, range: 0..<100)
            try await collector.waitFor(count: 100)
            // The embedded broker rejects commits while a group rebalances (real Kafka accepts them until the
            // new generation), so commit before changing the membership: nothing is then read twice.
            try await first.commit()

            // The second member joins; wait until the two split the four partitions.
            try second.subscribe(to: [topic])
            tasks.addTask { try await Self.run("second", second, collector, stopSecond) }
            try await Self.waitUntil {
                let owned = Self.ownership(collector)
                let a = owned["first"] ?? [], b = owned["second"] ?? []
                return !a.isEmpty && !b.isEmpty && a.isDisjoint(with: b) && a.union(b).count == 4
            }
            try await Self.produce(producer, topic: topic, range: 100..<200)
            try await collector.waitFor(count: 200)
            try await first.commit()
            try await second.commit()

            // The first member leaves (committing on close); the second takes over everything.
            stopFirst.set()
            try await Self.waitUntil { Self.ownership(collector)["second"]?.count == 4 }
            try await Self.produce(producer, topic: topic, range: 200..<300)
            try await collector.waitFor(count: 300)
            stopSecond.set()
            try await tasks.waitForAll()
        }

        let seen = collector.seen.withLock { $0 }
        #expect(seen.count == 300, "every message read exactly once")
        #expect(Set(seen).count == seen.count, "no message read twice")
        #expect(Self.ownership(collector)["second"] == [], "closing revoked everything")
        let events = collector.events.withLock { $0 }
        #expect((events["first"] ?? []).contains {
            if case .partitionsRevoked = $0 { true } else { false }
        })
        await producer.close()
    }

    @Test func committedOffsetsResumeInANewConsumer() async throws {
        let broker = try EmbeddedBroker()
        let topic = KafkaTestSupport.uniqueName("resume")
        let group = KafkaTestSupport.uniqueName("resume")
        try broker.createTopic(topic, partitions: 2)
        let producer = try KafkaTestSupport.producer(broker)
        try await ConsumerGroupTests.produce(producer, topic: topic, range: 0..<40)

        let first = try KafkaTestSupport.consumer(broker, group: group, ["enable.auto.commit": "false"])
        try first.subscribe(to: [topic])
        let firstBatch = try await KafkaTestSupport.drain(first, count: 40, attempts: 300)
        #expect(firstBatch.count == 40)
        try first.store(firstBatch)
        try await first.commit()
        let committed = try await first.committed([
            KafkaTopicPartition(topic: topic, partition: 0), KafkaTopicPartition(topic: topic, partition: 1),
        ])
        #expect(committed.map(\.offset).reduce(0, +) == 40)
        try await first.close()

        try await ConsumerGroupTests.produce(producer, topic: topic, range: 40..<60)
        let second = try KafkaTestSupport.consumer(broker, group: group)
        try second.subscribe(to: [topic])
        let secondBatch = try await KafkaTestSupport.drain(second, count: 20, attempts: 300)
        let values = Set(secondBatch.compactMap { $0.value.map { String(decoding: $0, as: UTF8.self) } })
        #expect(values == Set((40..<60).map { "value-\($0)" }), "the new consumer starts after the committed offsets")
        try await second.close()
        await producer.close()
    }
}
