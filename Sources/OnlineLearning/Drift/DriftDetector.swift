/// What a drift detector concluded after its latest observation.
public enum DriftState: Sendable, Hashable {
    /// No evidence of change.
    case stable
    /// The statistic crossed the warning level: a change may be starting.
    case warning
    /// A change was detected; the detector has already reset itself to watch the new concept.
    case drift
}

/// A change detector over a stream of real values, typically a learner's 0/1 error stream.
///
/// Detectors are value types like learners: copying one clones it, and the state round-trips through the
/// binary format. After reporting ``DriftState/drift`` a detector starts afresh on the values that follow
/// (or, for windowed detectors such as ADWIN, keeps only the recent window).
public protocol DriftDetector: Sendable, BinaryCodable {
    /// Adds one observation and reports the state after it.
    mutating func update(_ value: Double) -> DriftState

    /// Forgets everything seen so far.
    mutating func reset()

    /// The detector's current estimate of the stream's mean (for an error stream, the error rate).
    var estimation: Double { get }
}
