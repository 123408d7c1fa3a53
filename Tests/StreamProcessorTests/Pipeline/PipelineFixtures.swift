import FeatureExtraction
import Foundation
import OnlineLearning
@testable import StreamProcessor

/// A manual processing-time clock for deterministic TTL tests.
final class ManualClock: @unchecked Sendable {
    // Tests drive it from one task; the lock-free access is confined to that task.
    var seconds = 0.0
    var read: @Sendable () -> Double { { [self] in seconds } }
}

/// A small synthetic stream and its data dictionary: three numeric features in [0, 10), the class is
/// `a + b <= threshold` ("yes"/"no"), like SEA's first concept.
enum PipelineFixtures {
    static let dictionary = DataDictionary(
        idField: "id", label: .init(field: "class", classes: ["no", "yes"]),
        features: [.init(name: "a", type: .numeric), .init(name: "b", type: .numeric), .init(name: "c", type: .numeric)])

    static var header: Header { dictionary.header }

    /// One event as JSON bytes.
    static func event(id: String, a: Double, b: Double, c: Double, label: String?) -> [UInt8] {
        var s = "{\"id\":\"\(id)\",\"a\":\(a),\"b\":\(b),\"c\":\(c)"
        if let label { s += ",\"class\":\"\(label)\"" }
        return Array((s + "}").utf8)
    }

    /// `count` records of the stream, labels inline unless `labelled` is false; the concept flips after
    /// `flipAt` events when given.
    static func records(count: Int, seed: UInt64 = 7, labelled: Bool = true, flipAt: Int? = nil, firstOffset: Int64 = 0) -> [InputRecord] {
        var r = RandomSource(seed: seed)
        return (0..<count).map { i in
            let a = r.nextDouble() * 10, b = r.nextDouble() * 10, c = r.nextDouble() * 10
            var yes = a + b <= 9
            if let flipAt, i >= flipAt { yes.toggle() }
            let offset = firstOffset + Int64(i)
            return InputRecord(topic: "events", partition: 3, offset: offset,
                               value: event(id: "e-\(offset)", a: a, b: b, c: c, label: labelled ? (yes ? "yes" : "no") : nil))
        }
    }

    /// The label of record `offset` of ``records(count:seed:labelled:flipAt:firstOffset:)``.
    static func labels(count: Int, seed: UInt64 = 7) -> [String] {
        var r = RandomSource(seed: seed)
        return (0..<count).map { _ in
            let a = r.nextDouble() * 10, b = r.nextDouble() * 10
            _ = r.nextDouble()
            return a + b <= 9 ? "yes" : "no"
        }
    }

    /// Parses a JSON object.
    static func json(_ record: OutputRecord) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(record.value ?? [])) as! [String: Any]
    }

    /// A naive Bayes pipeline on the fixture dictionary.
    static func naiveBayes(_ configuration: PipelineConfiguration = .init(), clock: (@Sendable () -> Double)? = nil) throws -> PartitionPipeline<NaiveBayes> {
        try PartitionPipeline(model: NaiveBayes(header: header), dictionary: dictionary, topic: "events", partition: 3,
                              configuration: configuration, clock: clock)
    }
}
