/// One detected drift, as published on the drift-events stream (design.md §3, §6).
///
/// It carries what a person needs to check the claim: the detector, its statistic (the estimated error
/// rate after the change) and threshold, where in the stream it was seen, and what the pipeline did.
public struct DriftEvent: Sendable, Hashable {
    /// The kind of shift (design.md §6).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// P(y|x) changed: found on the model's error stream.
        case concept
        /// P(x) changed: found on feature values.
        case covariate
        /// P(y) changed: found on the label distribution.
        case prior
    }

    /// The kind of shift.
    public var kind: Kind
    /// The detector's name, such as `adwin`.
    public var detector: String
    /// The detector's estimate of the monitored statistic (for concept drift: the error rate) at detection.
    public var statistic: Double
    /// The detector's threshold (δ for ADWIN; see ``DriftDetectorKind``).
    public var threshold: Double
    /// The input topic.
    public var topic: String
    /// The input partition.
    public var partition: Int32
    /// The first offset of the stretch the detector watched: the first event after the previous drift on this
    /// partition (or the first event seen).
    public var fromOffset: Int64
    /// The offset of the labelled event whose error completed the detection.
    public var toOffset: Int64
    /// The labelled predictions the detector saw in that stretch.
    public var observations: Int
    /// The event time of the detecting event, in seconds since the epoch, if it had one.
    public var eventTime: Double?
    /// The model version before the action.
    public var modelVersionBefore: Int
    /// The model version after the action (one more when the model was reset).
    public var modelVersionAfter: Int
    /// What the pipeline did.
    public var action: DriftAction

    /// Creates a drift event.
    public init(
        kind: Kind, detector: String, statistic: Double, threshold: Double, topic: String, partition: Int32,
        fromOffset: Int64, toOffset: Int64, observations: Int, eventTime: Double?, modelVersionBefore: Int,
        modelVersionAfter: Int, action: DriftAction
    ) {
        self.kind = kind
        self.detector = detector
        self.statistic = statistic
        self.threshold = threshold
        self.topic = topic
        self.partition = partition
        self.fromOffset = fromOffset
        self.toOffset = toOffset
        self.observations = observations
        self.eventTime = eventTime
        self.modelVersionBefore = modelVersionBefore
        self.modelVersionAfter = modelVersionAfter
        self.action = action
    }

    /// Writes the event as one JSON object:
    /// `{"type":"concept","detector":"adwin","statistic":0.31,"statistic_name":"error_rate","threshold":0.002,
    /// "topic":"events","partition":0,"offsets":{"from":0,"to":5120},"observations":5121,
    /// "event_time":"2026-11-29T10:00:00.000Z","model_version_before":0,"model_version_after":1,
    /// "action":"reset_model"}` (`event_time` is null when unknown).
    /// - Parameter writer: receives the object.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("type"); writer.string(kind.rawValue)
        writer.key("detector"); writer.string(detector)
        writer.key("statistic"); writer.number(statistic)
        writer.key("statistic_name"); writer.string(kind == .concept ? "error_rate" : "statistic")
        writer.key("threshold"); writer.number(threshold)
        writer.key("topic"); writer.string(topic)
        writer.key("partition"); writer.int(Int(partition))
        writer.key("offsets")
        writer.beginObject()
        writer.key("from"); writer.int(fromOffset)
        writer.key("to"); writer.int(toOffset)
        writer.endObject()
        writer.key("observations"); writer.int(observations)
        writer.key("event_time")
        if let eventTime { writer.timestamp(eventTime) } else { writer.null() }
        writer.key("model_version_before"); writer.int(modelVersionBefore)
        writer.key("model_version_after"); writer.int(modelVersionAfter)
        writer.key("action"); writer.string(action.rawValue)
        writer.endObject()
    }
}
