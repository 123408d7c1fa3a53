import FeatureExtraction
import Foundation
import KafkaClient
import OnlineLearning

/// The demo's learning step: decodes each consumed event and runs a Hoeffding tree per partition test-then-train.
///
/// One model per input partition, as `eddy run` keeps them (each partition is an ordered sub-stream, so
/// prequential evaluation stays meaningful however the consumer interleaves partitions). Accuracy is kept per
/// tenth of the stream, by event index, so the summary shows the drop at the drift and the recovery after it.
/// The tree has no drift detector here: its slow recovery is what later issues' drift handling improves on.
struct DemoScorer {
    private let events: Int
    private let drift: Int
    private let decoder = EventDecoder(fields: ["id", "x1", "x2", "x3", "class"])
    private var record: DecodedEvent
    private var models: [HoeffdingTree]
    private var correct = [Int](repeating: 0, count: 10)
    private var seen = [Int](repeating: 0, count: 10)
    private var beforeDrift = (correct: 0, seen: 0)
    private var afterDrift = (correct: 0, seen: 0)
    /// How many events after the drift count as "just after" it.
    private var afterWindow: Int { max(events / 20, 1) }
    /// Messages that did not decode to a valid event (none are expected).
    private(set) var rejected = 0

    /// Creates the scorer.
    ///
    /// - Parameters:
    ///   - events: the stream length (for the tenths).
    ///   - drift: the first event of the new concept.
    ///   - partitions: the number of partitions, one model each.
    init(events: Int, drift: Int, partitions: Int) {
        self.events = events
        self.drift = drift
        record = decoder.makeRecord()
        let header = Header(
            attributes: [.numeric("x1"), .numeric("x2"), .numeric("x3")], classes: DemoStream.classes)
        // The default configuration is valid by construction; `try!` cannot fail here.
        let prototype = try! HoeffdingTree(header: header)
        models = Array(repeating: prototype, count: partitions)
    }

    /// Predicts, scores and learns one message (rejecting it if it is not a valid demo event).
    mutating func score(_ message: KafkaMessage) {
        guard let value = message.value, models.indices.contains(Int(message.partition)) else {
            rejected += 1
            return
        }
        do {
            try decoder.decode(value, into: &record)
        } catch {
            rejected += 1
            return
        }
        guard record.kind(0) == .string, record.kind(1) == .number, record.kind(2) == .number,
            record.kind(3) == .number, record.kind(4) == .string,
            let index = eventIndex(record.string(0)), let label = DemoStream.classes.firstIndex(of: record.string(4))
        else {
            rejected += 1
            return
        }
        let x = Instance([record.number(1), record.number(2), record.number(3)])
        let partition = Int(message.partition)
        let hit = models[partition].predict(x) == label ? 1 : 0
        models[partition].learn(x, label: label)
        let tenth = min(index * 10 / max(events, 1), 9)
        correct[tenth] += hit
        seen[tenth] += 1
        if index < drift {
            if index >= drift / 2 { beforeDrift = (beforeDrift.correct + hit, beforeDrift.seen + 1) }
        } else if index < drift + afterWindow {
            afterDrift = (afterDrift.correct + hit, afterDrift.seen + 1)
        }
    }

    /// Prints accuracy before and just after the drift, and per tenth of the stream.
    func printSummary() {
        func percent(_ pair: (correct: Int, seen: Int)) -> String {
            pair.seen == 0 ? "–" : String(format: "%.1f %%", 100 * Double(pair.correct) / Double(pair.seen))
        }
        let last = (correct: correct[9], seen: seen[9])
        let rows = [
            ("before the drift (events \((drift / 2).formatted())–\((drift - 1).formatted()))", percent(beforeDrift)),
            ("just after it (events \(drift.formatted())–\((drift + afterWindow - 1).formatted()))", percent(afterDrift)),
            ("over the last tenth of the stream", percent(last)),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        print("Hoeffding tree per partition (\(models.count) models), test-then-train on the consumed events:")
        for (label, value) in rows {
            print("  accuracy \(label):\(String(repeating: " ", count: width - label.count + 1))\(value)")
        }
        let curve = (0..<10).map { seen[$0] == 0 ? "–" : String(format: "%.1f", 100 * Double(correct[$0]) / Double(seen[$0])) }
        print("  accuracy by tenth of the stream (%): \(curve.joined(separator: "  "))")
    }

    /// The index in an event id `e-<index>`.
    private func eventIndex(_ id: String) -> Int? {
        guard id.hasPrefix("e-") else { return nil }
        return Int(id.dropFirst(2))
    }
}
