/// Prequential (test-then-train) evaluation of a classifier: each instance is first predicted, then learned,
/// and the prediction is scored (Gama, Sebastião & Rodrigues, "On evaluating stream learning algorithms",
/// Machine Learning 90, 2013).
///
/// The evaluator keeps the measures of MOA's `BasicClassificationPerformanceEvaluator` over the whole stream
/// and, when given a window size, those of `WindowClassificationPerformanceEvaluator` over the last `n`
/// instances: accuracy, Cohen's kappa, kappa-M against the majority class and kappa-temporal against the
/// no-change classifier (Bifet et al., "Efficient online evaluation of big data stream classifiers", KDD 2015;
/// Žliobaitė et al., Machine Learning 2015), per-class precision, recall and F1, and the abstention rate.
///
/// Following MOA, the majority-class baseline for an instance is the most frequent true class counted so far
/// *including* that instance (in the window: within the window), and the no-change baseline is the previous
/// true label (class 0 before the first). Two deliberate differences: weights are summed (MOA divides weighted
/// sums by instance counts, which agrees only for unit weights), and windowed precision and recall count the
/// last `n` instances (MOA keeps a separate window per class of the last `n` predictions or labels of it).
///
/// ``add(truth:predicted:weight:abstained:)`` allocates nothing; reading ``cumulative`` or ``window`` does.
public struct PrequentialEvaluator: Sendable {
    /// The number of classes of the stream.
    public let classCount: Int
    /// The sliding window's size, or nil for cumulative measures only.
    public let windowSize: Int?
    private var total: MetricTally
    private var recent: MetricTally
    private var ring: [PrequentialRecord] = []
    private var ringNext = 0
    private var lastTruth = 0

    /// Creates an evaluator.
    /// - Parameters:
    ///   - classCount: the number of classes; labels are in `0..<classCount`.
    ///   - windowSize: the number of most recent instances the windowed measures cover; nil for none.
    /// - Throws: ``ConfigurationError`` when `classCount` is negative or `windowSize` is not positive.
    public init(classCount: Int, windowSize: Int? = nil) throws {
        try ConfigurationError.check(classCount >= 0, "classCount", classCount, accepted: "a count ≥ 0")
        if let windowSize { try ConfigurationError.check(windowSize > 0, "windowSize", windowSize, accepted: "an integer ≥ 1") }
        self.classCount = classCount
        self.windowSize = windowSize
        total = MetricTally(classCount: classCount)
        recent = total
        if let windowSize { ring.reserveCapacity(windowSize) }
    }

    /// The number of instances evaluated so far.
    public var instances: Int { total.instances }

    /// Scores one prediction.
    ///
    /// An instance whose true label is outside `0..<classCount`, or whose weight is not positive and finite,
    /// is not counted; a predicted class outside the range counts as wrong.
    /// - Parameters:
    ///   - truth: the true class index.
    ///   - predicted: the predicted class index (the argmax of the model's probabilities).
    ///   - weight: the instance weight; 1 by default.
    ///   - abstained: whether the model abstained on this instance (its answer came from a fallback).
    public mutating func add(truth: Int, predicted: Int, weight: Double = 1, abstained: Bool = false) {
        guard truth >= 0, truth < classCount, weight > 0, weight.isFinite else { return }
        var record = PrequentialRecord(truth: truth, predicted: predicted, weight: weight, abstained: abstained,
                                       noChangeCorrect: lastTruth == truth, majorityCorrect: false)
        lastTruth = truth
        total.actual[truth] += weight
        record.majorityCorrect = total.majorityClass == truth
        total.actual[truth] -= weight
        total.apply(record, sign: 1)
        guard let windowSize else { return }
        if ring.count == windowSize {
            recent.apply(ring[ringNext], sign: -1)
        }
        recent.actual[truth] += weight
        record.majorityCorrect = recent.majorityClass == truth
        recent.actual[truth] -= weight
        recent.apply(record, sign: 1)
        if ring.count < windowSize {
            ring.append(record)
        } else {
            ring[ringNext] = record
        }
        ringNext = (ringNext + 1) % windowSize
    }

    /// The measures over every instance so far.
    public var cumulative: ClassificationMetrics { total.metrics }

    /// The measures over the last ``windowSize`` instances, or nil without a window.
    public var window: ClassificationMetrics? { windowSize == nil ? nil : recent.metrics }
}
