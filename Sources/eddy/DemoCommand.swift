import ArgumentParser
import FeatureExtraction
import Foundation
import KafkaClient
import Logging
import OnlineLearning

/// `eddy demo`: the embedded broker, a drifting synthetic stream through Kafka, and a summary.
///
/// It starts librdkafka's mock cluster in-process, produces a SEA stream with one abrupt concept drift to a
/// partitioned topic, reads it back through ``KafkaConsumer`` in a consumer group, decodes every event with
/// FeatureExtraction's JSON decoder and runs a Hoeffding tree per partition test-then-train (models live per
/// partition, as in `eddy run`), then prints throughput and accuracy before and after the drift. Nothing
/// needs a network or a running Kafka; later issues grow this into the full pipeline.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Stream a drifting synthetic topic through the embedded Kafka broker and summarise it."
    )

    @Option(help: "The number of events to produce.")
    var events: Int = 50_000

    @Option(help: "The partitions of the demo topic (one model per partition).")
    var partitions: Int = 4

    @Option(help: "The event index where the concept changes (default: half way).")
    var driftAt: Int?

    @Option(help: "The random seed of the stream.")
    var seed: UInt64 = 1

    func validate() throws {
        guard events >= 100 else { throw ValidationError("--events must be at least 100, got \(events).") }
        guard (1...64).contains(partitions) else { throw ValidationError("--partitions must be in 1...64, got \(partitions).") }
        if let driftAt, !(1..<events).contains(driftAt) {
            throw ValidationError("--drift-at must be in 1..<\(events), got \(driftAt).")
        }
    }

    func run() async throws {
        var logger = Logger(label: "eddy.demo") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .warning
        let started = ContinuousClock.now
        let drift = driftAt ?? events / 2
        let topic = "eddy-demo-events"

        let broker = try EmbeddedBroker(logger: logger)
        try broker.createTopic(topic, partitions: partitions)
        print("Embedded Kafka broker (librdkafka mock cluster) at \(broker.bootstrapServers)")
        print("Stream: \(events.formatted()) labelled JSON events, SEA concepts with 10% label noise, abrupt drift at event \(drift.formatted()) (x1 + x2 ≤ 8 → ≤ 9.5)")

        let (producedBytes, produceTime) = try await produce(to: topic, on: broker, drift: drift, logger: logger)
        print("Produced \(events.formatted()) messages (\(megabytes(producedBytes))) to \(topic) [\(partitions) partitions] in \(milliseconds(produceTime)): \(rate(events, produceTime)) msg/s, all acknowledged")

        var scorer = DemoScorer(events: events, drift: drift, partitions: partitions)
        let consumed = try await consume(topic, on: broker, scorer: &scorer, logger: logger)
        print("Joined consumer group eddy-demo in \(milliseconds(consumed.joinTime)) (first assignment)")
        print("Consumed \(consumed.messages.formatted()) messages (\(megabytes(consumed.bytes))) from \(consumed.partitions) partitions in \(milliseconds(consumed.readTime)): \(rate(consumed.messages, consumed.readTime)) msg/s through KafkaClient")
        scorer.printSummary()
        print("Done in \(milliseconds(ContinuousClock.now - started)).")
        guard consumed.messages == events, scorer.rejected == 0 else {
            throw ValidationError("Expected \(events) valid events; consumed \(consumed.messages), rejected \(scorer.rejected).")
        }
    }

    /// Produces the stream, partition by event index, and waits for every acknowledgement.
    private func produce(
        to topic: String, on broker: EmbeddedBroker, drift: Int, logger: Logger
    ) async throws -> (bytes: Int, time: Duration) {
        let producer = try KafkaProducer(
            configuration: .init(bootstrapServers: broker.bootstrapServers, properties: ["linger.ms": "10"]),
            logger: logger)
        var stream = DemoStream(seed: seed, driftAt: drift)
        var bytes = 0
        var acknowledgements: [KafkaDeliveryAcknowledgement] = []
        let start = ContinuousClock.now
        for first in stride(from: 0, to: events, by: 5_000) {
            var batch: [KafkaProducerMessage] = []
            batch.reserveCapacity(5_000)
            for index in first..<min(first + 5_000, events) {
                let value = stream.next(index: index)
                bytes += value.count
                batch.append(KafkaProducerMessage(
                    topic: topic, partition: Int32(index % partitions), key: Array("e-\(index)".utf8), value: value))
            }
            acknowledgements.append(await producer.send(batch))
        }
        for acknowledgement in acknowledgements { try await acknowledgement.acknowledged() }
        let time = ContinuousClock.now - start
        await producer.close()
        return (bytes, time)
    }

    /// What reading the topic back took.
    private struct Consumption {
        var messages = 0
        var bytes = 0
        var partitions = 0
        var joinTime = Duration.zero
        var readTime = Duration.zero
    }

    /// Reads the topic in the consumer group `eddy-demo` and scores every event.
    private func consume(
        _ topic: String, on broker: EmbeddedBroker, scorer: inout DemoScorer, logger: Logger
    ) async throws -> Consumption {
        let consumer = try KafkaConsumer(
            configuration: .init(
                bootstrapServers: broker.bootstrapServers, groupID: "eddy-demo",
                properties: ["session.timeout.ms": "6000", "heartbeat.interval.ms": "500"]),
            logger: logger)
        try consumer.subscribe(to: [topic])
        var result = Consumption()
        let joinStart = ContinuousClock.now
        var readStart: ContinuousClock.Instant?
        var lastProgress = joinStart
        while result.messages < events {
            let batch = try await consumer.poll(maxMessages: 2_000, timeout: .milliseconds(100))
            for event in consumer.events() {
                if case .partitionsAssigned(let assigned) = event { result.partitions += assigned.count }
            }
            guard !batch.isEmpty else {
                if ContinuousClock.now - lastProgress > .seconds(30) {
                    throw ValidationError("The demo topic stalled after \(result.messages) of \(events) messages.")
                }
                continue
            }
            if readStart == nil {
                readStart = ContinuousClock.now
                result.joinTime = readStart! - joinStart
            }
            lastProgress = ContinuousClock.now
            for message in batch {
                result.bytes += message.value?.count ?? 0
                scorer.score(message)
            }
            result.messages += batch.count
            try consumer.store(batch)
        }
        result.readTime = ContinuousClock.now - (readStart ?? joinStart)
        try await consumer.commit()
        try await consumer.close()
        return result
    }
}

/// `1.2 MB`-style size.
private func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }

/// `123 ms` or `1.23 s`.
private func milliseconds(_ duration: Duration) -> String {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    return seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : String(format: "%.2f s", seconds)
}

/// Events per second, rounded, with grouping separators.
private func rate(_ count: Int, _ duration: Duration) -> String {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    return seconds > 0 ? Int((Double(count) / seconds).rounded()).formatted() : "∞"
}
