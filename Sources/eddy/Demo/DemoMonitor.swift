import FeatureExtraction
import Foundation
import KafkaClient
import Logging
import OnlineLearning
import StreamProcessor

/// Reads Eddy's output topics as a downstream consumer would, and scores what it reads: predictions against
/// the generator's truth, drift events as they are published, dead letters by their `eddy.reason` header.
///
/// The consumer is assigned every partition of the predictions, drift-events and dead-letter topics from
/// the beginning (no group, so no join delay). Predictions are decoded with FeatureExtraction's JSON
/// scanner (a few thousand a second); the rare drift events with Foundation's JSON.
final class DemoMonitor {
    /// A drift event Eddy published.
    struct DriftNotice {
        /// `concept`, `covariate` or `prior`.
        var type: String
        /// The detector that fired.
        var detector: String
        /// The input partition.
        var partition: Int
        /// The input offsets the detector watched.
        var fromOffset: Int, toOffset: Int
        /// The generator's index of the event at `toOffset` (offsets map back because events go round-robin).
        var eventIndex: Int
        /// What Eddy did.
        var action: String
        /// The statistic and the threshold it crossed.
        var statistic: Double, threshold: Double
    }

    private let consumer: KafkaConsumer
    private let topics: DemoTopics
    private let ledger: DemoLedger
    private let decoder = EventDecoder(fields: ["id", "predicted", "abstained"])
    private var record: DecodedEvent
    /// Accuracy and kappa of the predictions against the true labels, over all and the last 2,000.
    private(set) var evaluator: PrequentialEvaluator
    /// Predictions read, and how many of them were abstentions.
    private(set) var predictions = 0, abstained = 0
    /// Every publish-to-prediction latency, in milliseconds.
    private(set) var latencies: [Int64] = []
    private var latencyMark = 0
    /// Drift events, in arrival order.
    private(set) var drift: [DriftNotice] = []
    /// Dead letters by reason.
    private(set) var deadLetters: [String: Int] = [:]

    /// Creates the monitor and assigns its partitions.
    /// - Throws: ``KafkaError`` when the consumer cannot be created.
    init(brokers: String, topics: DemoTopics, ledger: DemoLedger, logger: Logger) throws {
        consumer = try KafkaConsumer(
            configuration: .init(bootstrapServers: brokers, groupID: "eddy-demo-monitor",
                                 properties: ["enable.auto.commit": "false", "fetch.wait.max.ms": "50"]),
            logger: logger)
        var partitions: [KafkaTopicPartitionOffset] = []
        for p in 0..<topics.partitions {
            partitions.append(.init(topic: topics.predictions, partition: Int32(p), offset: KafkaTopicPartitionOffset.beginning))
        }
        partitions.append(.init(topic: topics.drift, partition: 0, offset: KafkaTopicPartitionOffset.beginning))
        partitions.append(.init(topic: topics.deadLetters, partition: 0, offset: KafkaTopicPartitionOffset.beginning))
        try consumer.assign(partitions)
        self.topics = topics
        self.ledger = ledger
        record = decoder.makeRecord()
        // 2 classes and a positive window: valid by construction.
        evaluator = try PrequentialEvaluator(classCount: DriftingStream.classes.count, windowSize: 2_000)
    }

    /// The number of dead letters read.
    var deadLetterTotal: Int { deadLetters.values.reduce(0, +) }

    /// Reads whatever arrives for `duration`.
    /// - Throws: ``KafkaError`` on a fatal consumer error.
    func read(for duration: Duration) async throws {
        let deadline = ContinuousClock.now + duration
        repeat {
            let batch = try await consumer.poll(maxMessages: 5_000, timeout: .milliseconds(50))
            _ = consumer.events()
            var scored: [(index: Int, predicted: Int, abstained: Bool, at: Int64)] = []
            for message in batch {
                if message.topic == topics.predictions {
                    if let p = prediction(message) { scored.append(p) }
                } else if message.topic == topics.drift {
                    if let notice = driftNotice(message) { drift.append(notice) }
                } else if message.topic == topics.deadLetters {
                    let reason = message.header("eddy.reason").map { String(decoding: $0, as: UTF8.self) } ?? "unknown"
                    deadLetters[reason, default: 0] += 1
                }
            }
            guard !scored.isEmpty else { continue }
            let truth: [(Int8, Int64)] = ledger.withState { state in
                scored.map { s in s.index < state.labels.count ? (state.labels[s.index], state.sentMilliseconds[s.index]) : (-1, 0) }
            }
            for (s, (label, sent)) in zip(scored, truth) {
                predictions += 1
                if s.abstained { abstained += 1 }
                if label >= 0 { evaluator.add(truth: Int(label), predicted: s.predicted, abstained: s.abstained) }
                if sent > 0, s.at > 0 { latencies.append(max(0, s.at - sent)) }
            }
        } while ContinuousClock.now < deadline
    }

    /// The latencies recorded since the previous call.
    func takeRecentLatencies() -> ArraySlice<Int64> {
        defer { latencyMark = latencies.count }
        return latencies[latencyMark...]
    }

    /// Leaves: closes the consumer.
    func close() async {
        try? await consumer.close()
    }

    /// The event index, predicted class and abstention of one prediction record.
    private func prediction(_ message: KafkaMessage) -> (index: Int, predicted: Int, abstained: Bool, at: Int64)? {
        guard let value = message.value, (try? decoder.decode(value, into: &record)) != nil,
              record.kind(0) == .string, record.kind(1) == .string else { return nil }
        let id = record.string(0)
        guard id.hasPrefix("e-"), let index = Int(id.dropFirst(2)),
              let predicted = DriftingStream.classes.firstIndex(of: record.string(1)) else { return nil }
        let abstained = record.kind(2) == .bool && record.bool(2)
        return (index, predicted, abstained, message.timestamp?.milliseconds ?? 0)
    }

    /// The fields of one drift-event record.
    private func driftNotice(_ message: KafkaMessage) -> DriftNotice? {
        guard let value = message.value,
              let json = try? JSONSerialization.jsonObject(with: Data(value)) as? [String: Any] else { return nil }
        let offsets = json["offsets"] as? [String: Any] ?? [:]
        let partition = (json["partition"] as? NSNumber)?.intValue ?? -1
        let to = (offsets["to"] as? NSNumber)?.intValue ?? -1
        return DriftNotice(
            type: json["type"] as? String ?? "?", detector: json["detector"] as? String ?? "?", partition: partition,
            fromOffset: (offsets["from"] as? NSNumber)?.intValue ?? -1, toOffset: to,
            eventIndex: to * topics.partitions + partition, action: json["action"] as? String ?? "?",
            statistic: (json["statistic"] as? NSNumber)?.doubleValue ?? .nan,
            threshold: (json["threshold"] as? NSNumber)?.doubleValue ?? .nan)
    }
}
