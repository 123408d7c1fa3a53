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

    /// Creates a suggestion.
    public init(test: SplitTest?, distributions: [Double], classCount: Int, merit: Double) {
        self.test = test
        self.distributions = distributions
        self.classCount = classCount
        self.merit = merit
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
