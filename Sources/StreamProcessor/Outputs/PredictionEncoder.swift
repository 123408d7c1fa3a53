/// Writes prediction records as JSON (design.md §3):
/// ```json
/// {"id":"e-1042","source":{"topic":"events","partition":0,"offset":42},"predicted":"fraud",
///  "probabilities":{"fraud":0.91,"ok":0.09},"confidence":0.91,"abstained":false,"threshold":0.64,
///  "fallback":null,"model_version":0,"latency_ms":0.021,"event_time":"2026-11-29T10:00:00.000Z"}
/// ```
/// `id` is null for an event without one, `threshold` is null for a model that never abstains, `fallback`
/// names the backup that answered (`majority`, `no_change`) or is null, `event_time` is null without an event
/// time. Probabilities carry six decimals, latencies three.
///
/// The parts that never change for a partition (the source prefix, the class names as escaped JSON values and
/// members) are encoded once into one buffer, and the member names between values are static text, so a
/// record costs a few appends and no reference counting per member.
public struct PredictionEncoder: Sendable {
    /// Every per-partition fragment, back to back; ``Fragments`` says where each one is.
    private let storage: [UInt8]
    private let fragments: Fragments

    /// Where the per-partition fragments lie in ``storage``.
    private struct Fragments: Sendable {
        /// `,"source":{"topic":…,"partition":…,"offset":`
        var source: Range<Int>
        /// Each class name as a JSON string value.
        var classValues: [Range<Int>]
        /// Each class name as a member of `probabilities`, with its colon (and a leading comma after the first).
        var classMembers: [Range<Int>]
    }

    /// Creates an encoder for one partition.
    /// - Parameters:
    ///   - topic: the input topic.
    ///   - partition: the input partition.
    ///   - classes: the class names, in class-index order.
    public init(topic: String, partition: Int32, classes: [String]) {
        var w = JSONWriter()
        func fragment(_ write: (inout JSONWriter) -> Void) -> Range<Int> {
            let start = w.bytes.count
            write(&w)
            return start..<w.bytes.count
        }
        let source = fragment { w in
            w.raw(#","source":{"topic":"#); w.string(topic)
            w.raw(#","partition":"#); w.int(Int(partition)); w.raw(#","offset":"#)
        }
        let values = classes.map { c in fragment { $0.string(c) } }
        let members = classes.indices.map { i in
            fragment { w in
                if i > 0 { w.raw(",") }
                w.string(classes[i]); w.raw(":")
            }
        }
        storage = w.bytes
        fragments = Fragments(source: source, classValues: values, classMembers: members)
    }

    /// Writes one prediction record.
    /// - Parameters:
    ///   - id: the event id, if any.
    ///   - offset: the input offset.
    ///   - prediction: the published prediction.
    ///   - fallback: the backup that answered, if any.
    ///   - modelVersion: the version of the model that answered.
    ///   - latencyMilliseconds: decode-to-emit latency.
    ///   - eventTime: seconds since the epoch, if the event had a time.
    ///   - writer: receives the object (it is reset first).
    public func write(
        id: String?, offset: Int64, prediction: Prediction, fallback: BackupModelKind?, modelVersion: Int,
        latencyMilliseconds: Double, eventTime: Double?, into writer: inout JSONWriter
    ) {
        writer.reset()
        storage.withUnsafeBufferPointer { storage in
            writer.raw(#"{"id":"#)
            if let id { writer.string(id) } else { writer.null() }
            writer.raw(UnsafeBufferPointer(rebasing: storage[fragments.source]))
            writer.int(offset)
            writer.raw(#"},"predicted":"#)
            let c = prediction.predictedClass
            if fragments.classValues.indices.contains(c) {
                writer.raw(UnsafeBufferPointer(rebasing: storage[fragments.classValues[c]]))
            } else {
                writer.null()
            }
            writer.raw(#","probabilities":{"#)
            prediction.probabilities.withUnsafeBufferPointer { probabilities in
                for i in 0..<min(probabilities.count, fragments.classMembers.count) {
                    writer.raw(UnsafeBufferPointer(rebasing: storage[fragments.classMembers[i]]))
                    writer.fixed(probabilities[i], digits: 6)
                }
            }
            writer.raw(#"},"confidence":"#)
            writer.fixed(prediction.confidence, digits: 6)
            writer.raw(prediction.abstained ? #","abstained":true,"threshold":"# : #","abstained":false,"threshold":"#)
            if let t = prediction.threshold { writer.fixed(t, digits: 6) } else { writer.null() }
            writer.raw(#","fallback":"#)
            if let fallback { writer.string(fallback.rawValue) } else { writer.null() }
            writer.raw(#","model_version":"#)
            writer.int(modelVersion)
            writer.raw(#","latency_ms":"#)
            writer.fixed(latencyMilliseconds, digits: 3)
            writer.raw(#","event_time":"#)
            if let eventTime { writer.timestamp(eventTime) } else { writer.null() }
            writer.endObject()
        }
    }
}
