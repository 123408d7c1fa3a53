/// Prequential classification measures over some span of a stream (all of it, or a sliding window).
///
/// Ratios are fractions in [0, 1] (kappas can be negative); multiply by 100 for MOA's percent columns. A
/// measure that is undefined on the data seen (a precision for a class never predicted, any measure before the
/// first instance) is `nan`.
public struct ClassificationMetrics: Sendable, Hashable {
    /// The number of instances counted (with a positive weight and a known label).
    public var instances: Int
    /// The total weight of those instances.
    public var weight: Double
    /// The weighted fraction predicted correctly.
    public var accuracy: Double
    /// Cohen's kappa: accuracy relative to a chance agreement computed from the predicted and true class
    /// marginals, `(p0 − pc) / (1 − pc)` with `pc = Σᵢ P(predicted i) · P(true i)`.
    public var kappa: Double
    /// Kappa-M: accuracy relative to the majority-class classifier, whose prediction for each instance is the
    /// class most frequent so far (this instance included, as in MOA).
    public var kappaM: Double
    /// Kappa-temporal: accuracy relative to the no-change classifier, which predicts the previous true label.
    public var kappaTemporal: Double
    /// The weighted fraction of instances whose prediction abstained.
    public var abstentionRate: Double
    /// Per class: the fraction of predictions of the class that were right.
    public var precision: [Double]
    /// Per class: the fraction of instances of the class predicted as it.
    public var recall: [Double]
    /// Per class: the harmonic mean of precision and recall.
    public var f1: [Double]

    /// Precision averaged over the classes (MOA's macro average; `nan` if any class's precision is).
    public var macroPrecision: Double { precision.isEmpty ? .nan : precision.reduce(0, +) / Double(precision.count) }
    /// Recall averaged over the classes.
    public var macroRecall: Double { recall.isEmpty ? .nan : recall.reduce(0, +) / Double(recall.count) }
    /// The harmonic mean of the macro precision and recall (MOA's "F1 Score").
    public var macroF1: Double { 2 * macroPrecision * macroRecall / (macroPrecision + macroRecall) }
}

/// Weighted counts from which ``ClassificationMetrics`` are computed; they can be added and taken away, so one
/// type serves the cumulative and the windowed evaluator.
struct MetricTally: Sendable, Hashable {
    var instances = 0
    var weight = 0.0
    var correct = 0.0
    var abstained = 0.0
    var noChangeCorrect = 0.0
    var majorityCorrect = 0.0
    /// Weight per predicted class (MOA's `rowKappa`).
    var predicted: [Double]
    /// Weight per true class (MOA's `columnKappa`).
    var actual: [Double]
    /// Weight predicted correctly per class.
    var hits: [Double]

    init(classCount: Int) {
        predicted = Array(repeating: 0, count: classCount)
        actual = predicted
        hits = predicted
    }

    /// The majority class so far: the largest true-class weight, the lowest index among ties, 0 when empty.
    var majorityClass: Int {
        var best = 0, bestWeight = 0.0
        for i in actual.indices where actual[i] > bestWeight {
            best = i
            bestWeight = actual[i]
        }
        return best
    }

    /// Adds (`sign` 1) or removes (`sign` −1) one instance's contribution.
    mutating func apply(_ r: PrequentialRecord, sign: Double) {
        let w = sign * r.weight
        instances += sign > 0 ? 1 : -1
        weight += w
        actual[r.truth] += w
        if r.predicted >= 0 && r.predicted < predicted.count { predicted[r.predicted] += w }
        if r.predicted == r.truth {
            correct += w
            hits[r.truth] += w
        }
        if r.abstained { abstained += w }
        if r.noChangeCorrect { noChangeCorrect += w }
        if r.majorityCorrect { majorityCorrect += w }
    }

    var metrics: ClassificationMetrics {
        guard weight > 0 else {
            let none = Array(repeating: Double.nan, count: actual.count)
            return ClassificationMetrics(instances: 0, weight: 0, accuracy: .nan, kappa: .nan, kappaM: .nan, kappaTemporal: .nan,
                                         abstentionRate: .nan, precision: none, recall: none, f1: none)
        }
        let p0 = correct / weight
        var pc = 0.0
        for i in actual.indices { pc += (predicted[i] / weight) * (actual[i] / weight) }
        func kappa(_ chance: Double) -> Double { (p0 - chance) / (1 - chance) }
        let precision = actual.indices.map { hits[$0] / predicted[$0] }
        let recall = actual.indices.map { hits[$0] / actual[$0] }
        let f1 = actual.indices.map { 2 * precision[$0] * recall[$0] / (precision[$0] + recall[$0]) }
        return ClassificationMetrics(
            instances: instances, weight: weight, accuracy: p0, kappa: kappa(pc),
            kappaM: kappa(majorityCorrect / weight), kappaTemporal: kappa(noChangeCorrect / weight),
            abstentionRate: abstained / weight, precision: precision, recall: recall, f1: f1
        )
    }
}

/// One evaluated instance as the sliding window remembers it.
struct PrequentialRecord: Sendable, Hashable {
    var truth: Int
    var predicted: Int
    var weight: Double
    var abstained: Bool
    var noChangeCorrect: Bool
    var majorityCorrect: Bool
}
