import OnlineLearning

/// One event that passed validation, ready for the model.
public struct ExtractedEvent: Sendable, Hashable {
    /// The event id (a number id is rendered as its JSON text), or nil when the event has none.
    public var id: String?
    /// The class index of the event's label, or nil when unlabelled.
    public var label: Int?
    /// The event time in seconds since the Unix epoch, or nil when there is no time field (use processing time).
    public var eventTime: Double?
    /// The features, laid out as ``FeatureExtractor/header``.
    public var instance: Instance

    /// Creates an extracted event.
    public init(id: String? = nil, label: Int? = nil, eventTime: Double? = nil, instance: Instance) {
        self.id = id
        self.label = label
        self.eventTime = eventTime
        self.instance = instance
    }
}
