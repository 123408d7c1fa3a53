/// An incremental classifier: learns one instance at a time and predicts class probabilities at any moment.
///
/// Classifiers are value types. Copying one clones its whole state, so an ensemble replaces a member by
/// assigning a fresh copy of its untrained prototype, and a checkpoint is a copy. Any randomness comes from a
/// ``RandomSource`` held in the value, so the same seed and stream give the same result bit for bit.
///
/// The contract every conforming type keeps (checked by the contract test suite):
/// - ``probabilities(for:)`` returns exactly `header.classCount` non-negative values summing to 1; before any
///   training it returns the uniform distribution.
/// - Missing values (`nan`), short or long instances and out-of-range nominal indices never crash.
/// - ``learn(_:label:weight:)`` ignores a label outside `0..<header.classCount` and a weight that is not
///   positive and finite.
/// - Encoding and decoding through ``BinaryWriter``/``BinaryReader`` restores a model that predicts exactly as
///   the original.
public protocol Classifier: Sendable, BinaryCodable {
    /// The stream schema this classifier was built for.
    var header: Header { get }

    /// The total weight of the instances learned so far (0 for an untrained model).
    var trainingWeight: Double { get }

    /// Learns one labelled instance.
    /// - Parameters:
    ///   - x: the instance.
    ///   - label: the class index, in `0..<header.classCount`.
    ///   - weight: the instance weight; 1 by default.
    mutating func learn(_ x: Instance, label: Int, weight: Double)

    /// The class distribution the model predicts for `x`, normalised to sum to 1.
    func probabilities(for x: Instance) -> [Double]

    /// The most probable class for `x` (the lowest index among ties).
    func predict(_ x: Instance) -> Int
}

extension Classifier {
    /// Learns one labelled instance with weight 1.
    @inlinable public mutating func learn(_ x: Instance, label: Int) {
        learn(x, label: label, weight: 1)
    }

    /// The argmax of ``probabilities(for:)``, the lowest index among ties.
    @inlinable public func predict(_ x: Instance) -> Int {
        argmax(probabilities(for: x))
    }

    /// True when `label` and `weight` are usable for learning under the classifier contract.
    @inlinable public func accepts(label: Int, weight: Double) -> Bool {
        label >= 0 && label < header.classCount && weight > 0 && weight.isFinite
    }
}

/// The index of the largest value, the lowest index among ties; 0 for an empty array or one of all `nan`s.
@inlinable public func argmax(_ values: [Double]) -> Int {
    var best = 0
    var bestValue = -Double.infinity
    for i in values.indices where values[i] > bestValue {
        best = i
        bestValue = values[i]
    }
    return best
}

/// Scales `votes` in place to sum to 1; leaves the uniform distribution when the sum is not positive and finite.
@inlinable public func normalize(_ votes: inout [Double]) {
    var sum = 0.0
    for v in votes where v > 0 && v.isFinite { sum += v }
    guard sum > 0, sum.isFinite, !votes.isEmpty else {
        let u = votes.isEmpty ? 0 : 1 / Double(votes.count)
        for i in votes.indices { votes[i] = u }
        return
    }
    for i in votes.indices { votes[i] = (votes[i] > 0 && votes[i].isFinite) ? votes[i] / sum : 0 }
}
