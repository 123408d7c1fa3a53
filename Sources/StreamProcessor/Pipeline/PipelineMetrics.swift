import FeatureExtraction
import OnlineLearning

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
