/// A classifier made of members whose individual opinions can be inspected one by one.
///
/// Every online ensemble in Eddy (``OnlineBagging``, ``LeveragingBagging``, ``ADWINBagging``,
/// ``AdaptiveRandomForest``) combines its members by a weighted sum of their normalised class distributions,
/// as MOA's `getVotesForInstance` does. Exposing each member's distribution and weight lets
/// ``AbstainingEnsemble`` wrap *any* of them: it re-combines the same votes, leaving out the members that are
/// not confident enough.
///
/// The member count is fixed for the lifetime of a value (members are replaced, never added or removed).
public protocol Ensemble: Classifier {
    /// The number of voting members.
    var memberCount: Int { get }

    /// The class distribution member `member` predicts for `x`, normalised to sum to 1.
    /// - Parameters:
    ///   - member: the member's index, in `0..<memberCount`.
    ///   - x: the instance.
    func memberProbabilities(_ member: Int, for x: Instance) -> [Double]

    /// The weight of member `member`'s distribution in the combined vote; 0 when the member has no opinion yet.
    ///
    /// Bagging ensembles weigh every trained member 1; the adaptive random forest weighs a tree by its
    /// accuracy. An untrained member (weight 0) is left out of the vote, as MOA leaves out an empty vote.
    /// - Parameter member: the member's index, in `0..<memberCount`.
    func memberWeight(_ member: Int) -> Double
}

extension Ensemble {
    /// Every member's class distribution for `x`, in member order.
    /// - Parameter x: the instance.
    public func memberProbabilities(for x: Instance) -> [[Double]] {
        (0..<memberCount).map { memberProbabilities($0, for: x) }
    }

    /// The weighted sum of the members' distributions, normalised (the uniform distribution when no member
    /// has an opinion yet). Ensembles use this as their ``Classifier/probabilities(for:)``.
    /// - Parameter x: the instance.
    @inlinable public func combinedVote(for x: Instance) -> [Double] {
        var votes = [Double](repeating: 0, count: header.classCount)
        for m in 0..<memberCount {
            let w = memberWeight(m)
            guard w > 0 else { continue }
            let p = memberProbabilities(m, for: x)
            for c in 0..<min(p.count, votes.count) { votes[c] += w * p[c] }
        }
        normalize(&votes)
        return votes
    }
}

extension Classifier {
    /// True when this classifier predicts `label` for `x` (MOA's `correctlyClassifies`).
    @inlinable func classifiesCorrectly(_ x: Instance, label: Int) -> Bool {
        predict(x) == label
    }
}
