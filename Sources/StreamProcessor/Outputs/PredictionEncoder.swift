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
/// The parts that never change for a partition (the member names, the topic, the class names as escaped
/// JSON members) are encoded once, so a record costs a few appends.
public struct PredictionEncoder: Sendable {
    private let sourcePrefix: [UInt8]
    private let classKeys: [[UInt8]]
    private let classValues: [[UInt8]]
    private let names: Names

    /// The record's member names, each encoded with its colon.
    private struct Names: Sendable {
        let id = Names.encoded("id"), source = Names.encoded("source"), predicted = Names.encoded("predicted")
        let probabilities = Names.encoded("probabilities"), confidence = Names.encoded("confidence")
        let abstained = Names.encoded("abstained"), threshold = Names.encoded("threshold")
        let fallback = Names.encoded("fallback"), modelVersion = Names.encoded("model_version")
        let latency = Names.encoded("latency_ms"), eventTime = Names.encoded("event_time")

        static func encoded(_ name: String) -> [UInt8] {
            var w = JSONWriter(capacity: 16)
            w.key(name)
            return w.bytes
        }
    }

    /// Creates an encoder for one partition.
    /// - Parameters:
    ///   - topic: the input topic.
    ///   - partition: the input partition.
    ///   - classes: the class names, in class-index order.
    public init(topic: String, partition: Int32, classes: [String]) {
        var w = JSONWriter()
        w.beginObject()
        w.key("topic"); w.string(topic)
        w.key("partition"); w.int(Int(partition))
        w.key("offset")
        sourcePrefix = w.bytes
        classKeys = classes.map { c in
            var w = JSONWriter()
            w.key(c)
            return w.bytes
        }
        classValues = classes.map { c in
            var w = JSONWriter()
            w.string(c)
            return w.bytes
        }
        names = Names()
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
        writer.beginObject()
        writer.key(encoded: names.id)
        if let id { writer.string(id) } else { writer.null() }
        writer.key(encoded: names.source)
        writer.bytes.append(contentsOf: sourcePrefix)
        writer.int(offset)
        writer.endObject()
        writer.key(encoded: names.predicted)
        let c = prediction.predictedClass
        if c >= 0 && c < classValues.count {
            writer.raw(classValues[c])
        } else {
            writer.null()
        }
        writer.key(encoded: names.probabilities)
        writer.beginObject()
        for (i, p) in prediction.probabilities.enumerated() where i < classKeys.count {
            if i > 0 { writer.bytes.append(UInt8(ascii: ",")) }
            writer.bytes.append(contentsOf: classKeys[i])
            writer.fixed(p, digits: 6)
        }
        writer.endObject()
        writer.key(encoded: names.confidence); writer.fixed(prediction.confidence, digits: 6)
        writer.key(encoded: names.abstained); writer.bool(prediction.abstained)
        writer.key(encoded: names.threshold)
        if let t = prediction.threshold { writer.fixed(t, digits: 6) } else { writer.null() }
        writer.key(encoded: names.fallback)
        if let fallback { writer.string(fallback.rawValue) } else { writer.null() }
        writer.key(encoded: names.modelVersion); writer.int(modelVersion)
        writer.key(encoded: names.latency); writer.fixed(latencyMilliseconds, digits: 3)
        writer.key(encoded: names.eventTime)
        if let eventTime { writer.timestamp(eventTime) } else { writer.null() }
        writer.endObject()
    }
}
