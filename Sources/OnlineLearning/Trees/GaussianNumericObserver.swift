/// Per-class statistics of one numeric attribute: a normal fit per class plus the smallest and largest value.
///
/// Naive Bayes reads the per-class density; a Hoeffding tree leaf asks for the best binary split
/// `x <= t`. Candidate thresholds are `numBins` points equally spaced strictly inside the observed range, and the
/// weight of each class on either side of a threshold is estimated from the class's normal fit, the approach of
/// Pfahringer, Holmes & Kirkby ("Handling numeric attributes in Hoeffding trees", PAKDD 2008) and of MOA's
/// `GaussianNumericAttributeClassObserver`, whose choices (ties go left, the first best threshold wins) this keeps.
public struct GaussianNumericObserver: Sendable, Hashable, BinaryCodable {
    /// What the observer knows about one class.
    public struct ClassSummary: Sendable, Hashable {
        /// The normal fit of the class's values; weight 0 while the class has no value yet.
        public var estimator = GaussianEstimator()
        /// The smallest value seen for the class.
        public var minimum = Double.infinity
        /// The largest value seen for the class.
        public var maximum = -Double.infinity
    }

    /// One summary per class, indexed by class.
    public private(set) var classes: [ClassSummary]

    /// Creates an empty observer.
    /// - Parameter classCount: The number of classes of the stream.
    public init(classCount: Int) {
        classes = Array(repeating: ClassSummary(), count: max(classCount, 0))
    }

    /// Records `value` for class `label`; missing (`nan`) and infinite values are ignored.
    /// - Parameters:
    ///   - value: The attribute value.
    ///   - label: The class index, inside `0..<classCount`.
    ///   - weight: The instance weight, positive.
    public mutating func observe(_ value: Double, label: Int, weight: Double) {
        guard value.isFinite, label >= 0, label < classes.count else { return }
        classes.withUnsafeMutableBufferPointer { summaries in
            if summaries[label].estimator.weight == 0 {
                summaries[label].minimum = value
                summaries[label].maximum = value
            } else {
                if value < summaries[label].minimum { summaries[label].minimum = value }
                if value > summaries[label].maximum { summaries[label].maximum = value }
            }
            summaries[label].estimator.add(value, weight: weight)
        }
    }

    /// The estimated density of `value` given class `label` (0 for a class never seen).
    public func density(of value: Double, label: Int) -> Double {
        label < classes.count ? classes[label].estimator.density(at: value) : 0
    }

    /// The candidate thresholds: `numBins` equally spaced points strictly inside the range of all values seen,
    /// ascending and without duplicates.
    /// - Parameter numBins: The number of candidate points (MOA's `-n`, default 10).
    public func splitPoints(numBins: Int) -> [Double] {
        var lo = Double.infinity
        var hi = -Double.infinity
        for s in classes where s.estimator.weight > 0 {
            if s.minimum < lo { lo = s.minimum }
            if s.maximum > hi { hi = s.maximum }
        }
        guard lo < .infinity else { return [] }
        let range = hi - lo
        var points: [Double] = []
        points.reserveCapacity(numBins)
        for i in 0..<numBins {
            let t = range / (Double(numBins) + 1) * Double(i + 1) + lo
            if t > lo, t < hi, t != points.last { points.append(t) }
        }
        return points
    }

    /// The class distributions of the two branches `x <= threshold` and `x > threshold`, flattened
    /// (`classCount` values for the left branch, then the right).
    public func distributionsOfSplit(at threshold: Double) -> [Double] {
        let n = classes.count
        var out = [Double](repeating: 0, count: 2 * n)
        for (c, s) in classes.enumerated() where s.estimator.weight > 0 {
            if threshold < s.minimum {
                out[n + c] += s.estimator.weight
            } else if threshold >= s.maximum {
                out[c] += s.estimator.weight
            } else {
                let w = s.estimator.weightsBelowAtAbove(threshold)
                out[c] += w.below + w.at
                out[n + c] += w.above
            }
        }
        return out
    }

    /// The best binary split of this attribute under `criterion`, or nil when no threshold lies inside the range.
    /// - Parameters:
    ///   - criterion: How splits are scored.
    ///   - preSplit: The node's class distribution.
    ///   - attribute: This attribute's index, recorded in the split test.
    ///   - numBins: The number of candidate thresholds.
    public func bestSplit(criterion: SplitCriterion, preSplit: [Double], attribute: Int, numBins: Int) -> SplitSuggestion? {
        var best: SplitSuggestion?
        for t in splitPoints(numBins: numBins) {
            let post = distributionsOfSplit(at: t)
            let merit = criterion.merit(preSplit: preSplit, postSplit: post, classCount: classes.count)
            if best == nil || merit > best!.merit {
                // MOA's branch vectors grow to the last class added to them: the left one takes every class whose
                // minimum is at most t, the right one every class whose maximum exceeds t.
                var lengths = [0, 0]
                for (c, s) in classes.enumerated() where s.estimator.weight > 0 {
                    if t >= s.minimum { lengths[0] = c + 1 }
                    if t < s.maximum { lengths[1] = c + 1 }
                }
                best = SplitSuggestion(test: SplitTest(attribute: attribute, kind: .numericAtMost(t)),
                                       distributions: post, classCount: classes.count, merit: merit,
                                       branchClassCounts: lengths)
            }
        }
        return best
    }

    public func encode(to writer: inout BinaryWriter) {
        writer.write(classes.count)
        for s in classes {
            writer.write(s.estimator)
            writer.write(s.minimum)
            writer.write(s.maximum)
        }
    }

    public init(from reader: inout BinaryReader) throws {
        let n = try reader.readCount(minimumElementSize: 40)
        classes = []
        classes.reserveCapacity(n)
        for _ in 0..<n {
            classes.append(ClassSummary(estimator: try reader.read(), minimum: try reader.read(), maximum: try reader.read()))
        }
    }
}
