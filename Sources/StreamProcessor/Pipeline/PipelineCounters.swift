import FeatureExtraction
import OnlineLearning

/// The most recent decode-to-emit latencies, with their count and sum, for percentiles and a summary metric.
public struct LatencySamples: Sendable, Hashable {
    /// The samples kept, in milliseconds, in ring order.
    public private(set) var samples: [Double]
    /// How many samples the ring holds at most.
    public let capacity: Int
    /// Every sample ever added.
    public private(set) var count = 0
    /// The sum of every sample ever added, in milliseconds.
    public private(set) var sum = 0.0
    /// The largest sample ever added, in milliseconds.
    public private(set) var max = 0.0
    private var next = 0

    /// Creates an empty ring.
    /// - Parameter capacity: the samples kept (at least 1).
    public init(capacity: Int) {
        self.capacity = Swift.max(1, capacity)
        samples = []
        samples.reserveCapacity(self.capacity)
    }

    /// Adds one latency.
    /// - Parameter milliseconds: the latency.
    public mutating func add(_ milliseconds: Double) {
        count += 1
        sum += milliseconds
        if milliseconds > max { max = milliseconds }
        if samples.count < capacity { samples.append(milliseconds) } else { samples[next] = milliseconds }
        next = (next + 1) % capacity
    }

    /// The `q`-quantile of the kept samples (nearest rank), or nil without samples.
    /// - Parameter q: the quantile, in [0, 1].
    public func quantile(_ q: Double) -> Double? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let rank = Int((Swift.min(Swift.max(q, 0), 1) * Double(sorted.count - 1)).rounded())
        return sorted[rank]
    }
}

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

/// A snapshot of one partition's measures: counters, validation outcomes, label-join state, the model's
/// version and threshold, and prequential accuracy and kappa over everything and over the metrics window.
public struct PipelineMetrics: Sendable {
    /// The pipeline's own counters.
    public var counters: PipelineCounters
    /// The feature extractor's per-reason counts (`accepted + Σ rejections == events`).
    public var validation: ValidationCounters
    /// The label join's counts.
    public var labelJoin: LabelJoinStore.Counters
    /// The events currently waiting for a label.
    public var labelJoinSize: Int
    /// The model version (bumped on every reset).
    public var modelVersion: Int
    /// The model's current abstention threshold θ, or nil for a model that never abstains.
    public var threshold: Double?
    /// Prequential measures over every scored prediction.
    public var cumulative: ClassificationMetrics
    /// Prequential measures over the last ``PipelineConfiguration/metricsWindow`` scored predictions.
    public var window: ClassificationMetrics?

    /// Rejected records by reason code: the extractor's reasons, `tombstone`, and label-record reasons.
    public var rejectedByReason: [String: Int] {
        var r: [String: Int] = [:]
        for reason in ReasonCode.allCases where validation.rejections(reason) > 0 {
            r[reason.rawValue] = validation.rejections(reason)
        }
        if counters.tombstones > 0 { r[PartitionPipelineReason.tombstone, default: 0] += counters.tombstones }
        for (k, v) in counters.labelRecordRejections { r[k, default: 0] += v }
        return r
    }
}

/// Reason codes the pipeline adds to the extractor's ``ReasonCode``s.
public enum PartitionPipelineReason {
    /// A record with a null value (a Kafka tombstone): there is no event to read.
    public static let tombstone = "tombstone"
}
