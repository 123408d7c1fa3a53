/// The evaluator's measures at one point of the stream: a row of a learning curve.
public struct PrequentialSnapshot: Sendable, Hashable {
    /// The number of instances evaluated when the snapshot was taken.
    public var instances: Int
    /// The measures over the whole stream so far.
    public var cumulative: ClassificationMetrics
    /// The measures over the sliding window, when the evaluator has one.
    public var window: ClassificationMetrics?

    /// Creates a snapshot.
    public init(instances: Int, cumulative: ClassificationMetrics, window: ClassificationMetrics?) {
        self.instances = instances
        self.cumulative = cumulative
        self.window = window
    }
}

/// Takes a snapshot of a ``PrequentialEvaluator`` every `n` evaluated instances, as MOA's
/// `EvaluatePrequential -f n` samples its learning curve.
public struct PrequentialSampler: Sendable {
    /// The sampling period in instances.
    public let every: Int
    /// The snapshots taken so far, oldest first.
    public private(set) var snapshots: [PrequentialSnapshot] = []
    private var lastSampled = 0

    /// Creates a sampler.
    /// - Parameter every: the period in instances, ≥ 1.
    /// - Throws: ``ConfigurationError`` when `every` is not positive.
    public init(every: Int) throws {
        try ConfigurationError.check(every > 0, "every", every, accepted: "an integer ≥ 1")
        self.every = every
    }

    /// Takes a snapshot if the evaluator has crossed the next multiple of ``every`` since the last one.
    /// - Parameter evaluator: the evaluator to read.
    /// - Returns: the new snapshot, or nil when it is not yet time.
    @discardableResult
    public mutating func sample(_ evaluator: PrequentialEvaluator) -> PrequentialSnapshot? {
        guard evaluator.instances / every > lastSampled / every else { return nil }
        return take(evaluator)
    }

    /// Takes a snapshot now unless one was taken at this very instance count (for the end of a stream).
    /// - Parameter evaluator: the evaluator to read.
    /// - Returns: the snapshot, or nil when the last one is already current.
    @discardableResult
    public mutating func finish(_ evaluator: PrequentialEvaluator) -> PrequentialSnapshot? {
        guard evaluator.instances != lastSampled || snapshots.isEmpty, evaluator.instances > 0 else { return nil }
        return take(evaluator)
    }

    private mutating func take(_ evaluator: PrequentialEvaluator) -> PrequentialSnapshot {
        lastSampled = evaluator.instances
        let s = PrequentialSnapshot(instances: evaluator.instances, cumulative: evaluator.cumulative, window: evaluator.window)
        snapshots.append(s)
        return s
    }
}
