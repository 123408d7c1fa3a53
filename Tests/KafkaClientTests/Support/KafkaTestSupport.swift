import Logging
import Synchronization
@testable import KafkaClient

/// Shared helpers for the Kafka tests: unique names, fast client settings, draining consumers.
enum KafkaTestSupport {
    private static let counter = Atomic<Int>(0)

    /// A name unique within this test process (topics and groups must not collide between tests).
    static func uniqueName(_ prefix: String) -> String {
        let number = counter.add(1, ordering: .relaxed).newValue
        return "\(prefix)-\(number)-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// A quiet logger (librdkafka's disconnect warnings are expected in fault tests).
    static var logger: Logger {
        Logger(label: "eddy.kafka.test") { _ in SwiftLogNoOpLogHandler() }
    }

    /// Client properties that keep tests fast against the embedded broker.
    static let fastClient: [String: String] = [
        "reconnect.backoff.ms": "10",
        "reconnect.backoff.max.ms": "100",
        "retry.backoff.ms": "10",
        "topic.metadata.refresh.interval.ms": "1000",
    ]

    /// Group settings for the embedded broker (joins wait session.timeout.ms - 1 s).
    static let fastGroup: [String: String] = fastClient.merging([
        "session.timeout.ms": "6000",
        "heartbeat.interval.ms": "500",
        "auto.commit.interval.ms": "200",
    ]) { _, new in new }

    static func producer(_ broker: EmbeddedBroker, _ extra: [String: String] = [:], transactionalID: String? = nil) throws -> KafkaProducer {
        try KafkaProducer(
            configuration: .init(
                bootstrapServers: broker.bootstrapServers, transactionalID: transactionalID,
                properties: fastClient.merging(["linger.ms": "1"].merging(extra) { _, new in new }) { _, new in new }),
            logger: logger)
    }

    static func consumer(_ broker: EmbeddedBroker, group: String?, _ extra: [String: String] = [:]) throws -> KafkaConsumer {
        try KafkaConsumer(
            configuration: .init(
                bootstrapServers: broker.bootstrapServers, groupID: group,
                properties: fastGroup.merging(extra) { _, new in new }),
            logger: logger)
    }

    /// Polls until `count` messages arrived or `attempts` empty polls passed.
    static func drain(_ consumer: KafkaConsumer, count: Int, attempts: Int = 100) async throws -> [KafkaMessage] {
        var messages: [KafkaMessage] = []
        var idle = 0
        while messages.count < count && idle < attempts {
            let batch = try await consumer.poll(maxMessages: 1000, timeout: .milliseconds(100))
            idle = batch.isEmpty ? idle + 1 : 0
            messages += batch
        }
        return messages
    }
}
