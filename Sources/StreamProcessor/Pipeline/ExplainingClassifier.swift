import OnlineLearning

/// What a model said about one instance: the class distribution, the chosen class, and whether the model
/// abstained.
///
/// ``PartitionPipeline`` keeps one of these and lets the model overwrite it for every event, so the record
/// it publishes can say `abstained` and carry θ without asking the model twice.
public struct Prediction: Sendable, Hashable {
    /// The class distribution, summing to 1 (uniform before any training).
    public var probabilities: [Double]
    /// The predicted class: the argmax of ``probabilities``, the lowest index among ties.
    public var predictedClass: Int
    /// True when every member of an abstaining ensemble abstained and its full vote decided.
    public var abstained: Bool
    /// The abstention threshold θ in force for this prediction (the mean of per-member thresholds); nil for
    /// a model that never abstains.
    public var threshold: Double?

    /// Creates an empty prediction (no classes).
    public init() {
        probabilities = []
        predictedClass = 0
        abstained = false
        threshold = nil
    }

    /// The probability of the predicted class (0 without classes or without a class chosen).
    public var confidence: Double {
        probabilities.indices.contains(predictedClass) ? probabilities[predictedClass] : 0
    }
}

/// A classifier that can explain its prediction: the distribution plus, for an abstaining ensemble, whether
/// every member abstained and the threshold θ.
///
/// Every classifier gets the plain explanation from the default implementation (declare the conformance,
/// as `ExplainingClassifier+Conformances.swift` does for Eddy's learners); ``AbstainingEnsemble`` supplies
/// its own, whose ``Explanation`` is its ``AbstainingEnsemble/Vote`` so that learning reuses the vote that
/// was published instead of voting again (Krawczyk & Cano, Applied Soft Computing 68, 2018: θ moves after
/// each labelled prediction by whether that prediction was right). Because the pipeline is generic over its
/// model, this dispatch is resolved at compile time: no existential on the hot path.
public protocol ExplainingClassifier: Classifier {
    /// What the model needs to remember between ``explain(_:into:)`` and ``learn(_:label:after:)``.
    associatedtype Explanation: Sendable = Void

    /// Predicts `x`, writing the distribution and abstention into `prediction`.
    /// - Parameters:
    ///   - x: the instance.
    ///   - prediction: overwritten with the model's answer.
    /// - Returns: what ``learn(_:label:after:)`` needs to learn `x` after this prediction.
    func explain(_ x: Instance, into prediction: inout Prediction) -> Explanation

    /// Learns `x` with its label right after ``explain(_:into:)`` returned `explanation` for it.
    /// - Parameters:
    ///   - x: the instance.
    ///   - label: its class index.
    ///   - explanation: what ``explain(_:into:)`` returned for `x` in the model's current state.
    mutating func learn(_ x: Instance, label: Int, after explanation: Explanation)

    /// The model's current abstention threshold θ (the mean when per member); nil when it never abstains.
    var abstentionThreshold: Double? { get }
}

extension ExplainingClassifier where Explanation == Void {
    /// The plain explanation: the model's probabilities and their argmax, never abstaining.
    @inlinable public func explain(_ x: Instance, into prediction: inout Prediction) {
        prediction.probabilities = probabilities(for: x)
        prediction.predictedClass = argmax(prediction.probabilities)
        prediction.abstained = false
        prediction.threshold = nil
    }

    /// Learns `x` with weight 1.
    @inlinable public mutating func learn(_ x: Instance, label: Int, after explanation: Void) {
        learn(x, label: label, weight: 1)
    }
}

extension ExplainingClassifier {
    /// nil: a plain classifier never abstains.
    public var abstentionThreshold: Double? { nil }
}

extension AbstainingEnsemble: ExplainingClassifier {
    /// The vote: the distribution of the members that voted, whether all abstained, and θ.
    public func explain(_ x: Instance, into prediction: inout Prediction) -> Vote {
        let vote = vote(for: x)
        prediction.probabilities = vote.probabilities
        prediction.predictedClass = vote.predictedClass
        prediction.abstained = vote.allAbstained
        prediction.threshold = threshold
        return vote
    }

    /// Moves θ by whether `vote` was right, then trains the ensemble.
    public mutating func learn(_ x: Instance, label: Int, after vote: Vote) {
        learn(x, label: label, weight: 1, after: vote)
    }

    /// The current θ (the mean of the per-member thresholds in per-member mode).
    public var abstentionThreshold: Double? { threshold }
}
