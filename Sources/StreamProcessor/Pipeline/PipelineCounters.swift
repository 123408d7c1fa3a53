/// What one partition's pipeline counted: plain numbers the runtime exports (as Prometheus metrics, in
/// `eddy replay`'s summary), never read on the hot path.
public struct PipelineCounters: Sendable, Hashable {
    /// Records offered to ``PartitionPipeline/process(_:into:)``.
    public var eventsIn = 0
    /// Prediction records emitted.
    public var predictionsOut = 0
    /// Dead-letter records emitted (events and label records).
    public var deadLetters = 0
    /// Input records with a null value.
    public var tombstones = 0
    /// Predictions made by the backup model because the model was untrained.
    public var fallbacks = 0
    /// Predictions on which every member of an abstaining ensemble abstained.
    public var abstentions = 0
    /// Predictions scored against their label (inline or joined later).
    public var labelledPredictions = 0
    /// Label records offered to ``PartitionPipeline/processLabels(_:into:)``.
    public var labelRecordsIn = 0
    /// Label records refused, by reason code.
    public var labelRecordRejections: [String: Int] = [:]
    /// Drift events emitted, by kind (`concept`, `covariate`, `prior`).
    public var driftEvents: [DriftEvent.Kind: Int] = [:]
    /// Warnings raised by the concept-drift detector.
    public var driftWarnings = 0
    /// Decode-to-emit latency of predictions.
    public var latency: LatencySamples

    /// Creates zeroed counters.
    /// - Parameter latencySamples: the latency samples kept.
    public init(latencySamples: Int = 1024) { latency = LatencySamples(capacity: latencySamples) }
}
