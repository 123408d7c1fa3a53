/// How a Hoeffding tree scores a candidate split: the merit of splitting a class distribution into branches.
///
/// Information gain (Quinlan's entropy reduction) is the default of VFDT (Domingos & Hulten, "Mining high-speed
/// data streams", KDD 2000) and of MOA's `HoeffdingTree -s InfoGainSplitCriterion`; the Gini index is the
/// alternative of CART. The arithmetic mirrors MOA's `InfoGainSplitCriterion` and `GiniSplitCriterion`.
public enum SplitCriterion: Sendable, Hashable {
    /// Information gain in bits. A split whose branches do not put more than `minimumBranchFraction` of the
    /// weight down at least two branches scores minus infinity (MOA's `-f`, default 0.01, range [0, 0.5]).
    case informationGain(minimumBranchFraction: Double = 0.01)
    /// The reduction of the Gini impurity, `1 - Σ_b (w_b / w) · gini_b`.
    case gini

    /// MOA's default criterion: information gain with a minimum branch fraction of 0.01.
    public static let `default` = SplitCriterion.informationGain()

    /// Checks the criterion's parameter.
    /// - Throws: ``ConfigurationError`` when the minimum branch fraction is outside [0, 0.5].
    public func validate() throws {
        if case .informationGain(let fraction) = self {
            try ConfigurationError.check(fraction >= 0 && fraction <= 0.5, "splitCriterion.minimumBranchFraction",
                                         fraction, accepted: "a fraction in [0, 0.5]")
        }
    }

    /// The range of the merit, which scales the Hoeffding bound: log2 of the number of classes (at least 2) for
    /// information gain, 1 for Gini.
    /// - Parameter classCount: The length of the node's observed class distribution.
    public func rangeOfMerit(classCount: Int) -> Double {
        switch self {
        case .informationGain: return log2MOA(Double(max(classCount, 2)))
        case .gini: return 1
        }
    }

    /// The merit of splitting `preSplit` into the branch distributions of `postSplit`.
    /// - Parameters:
    ///   - preSplit: The class distribution before the split.
    ///   - postSplit: The branches' class distributions, flattened branch after branch, `classCount` each.
    ///   - classCount: The length of each branch's distribution.
    /// - Returns: The merit; larger is better (minus infinity for a split information gain refuses).
    public func merit(preSplit: [Double], postSplit: [Double], classCount: Int) -> Double {
        let branchCount = classCount > 0 ? postSplit.count / classCount : 0
        switch self {
        case .informationGain(let minimumBranchFraction):
            var total = 0.0
            for v in postSplit { total += v }
            var branchesAbove = 0
            for b in 0..<branchCount {
                var sum = 0.0
                for c in 0..<classCount { sum += postSplit[b * classCount + c] }
                if sum / total > minimumBranchFraction { branchesAbove += 1 }
            }
            if branchesAbove < 2 { return -.infinity }
            return Self.entropy(preSplit[...]) - Self.entropy(postSplit: postSplit, classCount: classCount)
        case .gini:
            var weights = 0.0
            for v in postSplit { weights += v }
            var gini = 0.0
            for b in 0..<branchCount {
                let branch = postSplit[(b * classCount)..<((b + 1) * classCount)]
                var w = 0.0
                for v in branch { w += v }
                gini += (w / weights) * Self.giniImpurity(branch, weight: w)
            }
            return 1 - gini
        }
    }

    /// The entropy in bits of a class distribution (0 when empty).
    public static func entropy(_ distribution: ArraySlice<Double>) -> Double {
        var entropy = 0.0
        var sum = 0.0
        for d in distribution where d > 0 {
            entropy -= d * log2MOA(d)
            sum += d
        }
        return sum > 0 ? (entropy + sum * log2MOA(sum)) / sum : 0
    }

    /// The weighted mean entropy of branch distributions.
    /// - Parameters:
    ///   - postSplit: The branches' class distributions, flattened.
    ///   - classCount: The length of each branch's distribution.
    public static func entropy(postSplit: [Double], classCount: Int) -> Double {
        var total = 0.0
        var entropy = 0.0
        var start = 0
        while start < postSplit.count {
            let branch = postSplit[start..<(start + classCount)]
            var w = 0.0
            for v in branch { w += v }
            total += w
            entropy += w * Self.entropy(branch)
            start += classCount
        }
        return entropy / total
    }

    /// The Gini impurity `1 - Σ p_c²` of a class distribution of total weight `weight`.
    public static func giniImpurity(_ distribution: ArraySlice<Double>, weight: Double) -> Double {
        var gini = 1.0
        for d in distribution {
            let p = d / weight
            gini -= p * p
        }
        return gini
    }
}

/// log2 computed as MOA computes it (`ln x / ln 2`), so split merits agree with MOA to the last bit.
func log2MOA(_ x: Double) -> Double { x.log / ln2 }

let ln2 = 2.0.log
