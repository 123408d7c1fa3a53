/// A candidate split of a Hoeffding tree leaf: the test, the class distribution of each branch and its merit.
///
/// A suggestion without a test stands for "do not split" (VFDT's pre-pruning null split), as MOA's
/// `AttributeSplitSuggestion` with a null test.
public struct SplitSuggestion: Sendable, Hashable {
    /// The split test, or nil for the "do not split" candidate.
    public var test: SplitTest?
    /// The class distributions of the branches, flattened branch after branch, `classCount` values each.
    public var distributions: [Double]
    /// The number of classes in each branch's distribution.
    public var classCount: Int
    /// The split's merit under the tree's criterion; larger is better.
    public var merit: Double
    /// Per branch, one past the largest class index MOA's branch vector would hold (the new leaf's observed
    /// class count, which sets the range of its Hoeffding bound). Defaults to `classCount`.
    public var branchClassCounts: [Int]

    /// Creates a suggestion.
    /// - Parameters:
    ///   - test: The split test, nil for "do not split".
    ///   - distributions: The branches' class distributions, flattened.
    ///   - classCount: The length of each branch's distribution.
    ///   - merit: The split's merit.
    ///   - branchClassCounts: Per branch, the observed class count; nil for `classCount` everywhere.
    public init(test: SplitTest?, distributions: [Double], classCount: Int, merit: Double, branchClassCounts: [Int]? = nil) {
        self.test = test
        self.distributions = distributions
        self.classCount = classCount
        self.merit = merit
        let branches = classCount > 0 ? distributions.count / classCount : 0
        self.branchClassCounts = branchClassCounts ?? Array(repeating: classCount, count: branches)
    }

    /// The number of branches.
    public var branchCount: Int { classCount > 0 ? distributions.count / classCount : 0 }

    /// The class distribution of branch `index`.
    public func distribution(ofBranch index: Int) -> [Double] {
        Array(distributions[(index * classCount)..<((index + 1) * classCount)])
    }

    /// Orders merits as Java's `Double.compare` does (NaN above every number), which MOA's sort of suggestions
    /// uses; true when `a` sorts before `b`.
    static func meritPrecedes(_ a: Double, _ b: Double) -> Bool {
        if a.isNaN { return false }
        if b.isNaN { return true }
        return a < b
    }
}
