/// A weighted normal distribution fitted incrementally to a stream of values (Welford's update).
///
/// It keeps the total weight, the mean and the weighted sum of squared deviations, so adding a value costs a
/// few arithmetic operations and no memory. Naive Bayes uses its density as P(x | class); Hoeffding trees use
/// its cumulative mass to estimate how much weight of a class falls on either side of a candidate split point
/// (Pfahringer, Holmes & Kirkby, "Handling numeric attributes in Hoeffding trees", PAKDD 2008). The arithmetic
/// follows MOA's `moa.core.GaussianEstimator` step for step, so both give the same numbers.
public struct GaussianEstimator: Sendable, Hashable, BinaryCodable {
    /// The total weight of the values observed.
    public private(set) var weight: Double = 0
    /// The weighted mean of the values observed (0 before any).
    public private(set) var mean: Double = 0
    /// The weighted sum of squared deviations from the mean.
    public private(set) var varianceSum: Double = 0

    /// √(2π), the normal density's normalising constant.
    static let normalConstant = (2 * Double.pi).squareRoot()

    /// Creates an empty estimator.
    public init() {}

    /// Adds a value with a weight; infinite and `nan` values are ignored.
    /// - Parameters:
    ///   - value: The observed value.
    ///   - weight: Its weight, positive.
    public mutating func add(_ value: Double, weight w: Double) {
        guard value.isFinite else { return }
        if weight > 0 {
            weight += w
            let lastMean = mean
            mean += w * (value - lastMean) / weight
            varianceSum += w * (value - lastMean) * (value - mean)
        } else {
            mean = value
            weight = w
        }
    }

    /// The sample variance, `varianceSum / (weight - 1)`, or 0 while the weight is at most 1 (as MOA).
    public var variance: Double { weight > 1 ? varianceSum / (weight - 1) : 0 }

    /// The sample standard deviation.
    public var standardDeviation: Double { variance.squareRoot() }

    /// The normal density at `value`; a point mass at the mean while the deviation is 0; 0 when empty.
    public func density(at value: Double) -> Double {
        guard weight > 0 else { return 0 }
        let sd = standardDeviation
        if sd > 0 {
            let diff = value - mean
            return (1 / (Self.normalConstant * sd)) * (-(diff * diff / (2 * sd * sd))).exp
        }
        return value == mean ? 1 : 0
    }

    /// The estimated weight of observations below, at and above `value`, from the fitted normal.
    ///
    /// "At" is the density times the weight (MOA's convention); "below" is the cumulative mass times the weight
    /// minus "at"; "above" is the rest, never negative.
    /// - Parameter value: The split point.
    /// - Returns: The three weights.
    public func weightsBelowAtAbove(_ value: Double) -> (below: Double, at: Double, above: Double) {
        let at = density(at: value) * weight
        let sd = standardDeviation
        let below = sd > 0
            ? NormalDistribution.cumulativeProbability((value - mean) / sd) * weight - at
            : (value < mean ? weight - at : 0)
        let above = max(0, weight - at - below)
        return (below, at, above)
    }

    /// The standard normal cumulative distribution function Φ(z), evaluated as MOA evaluates it.
    public static func normalCumulativeProbability(_ z: Double) -> Double {
        NormalDistribution.cumulativeProbability(z)
    }

    /// Merges another estimator into this one (the variance combination rule of Babcock et al., PODS 2003).
    /// - Parameter other: The estimator to add.
    public mutating func merge(_ other: GaussianEstimator) {
        guard weight > 0, other.weight > 0 else {
            if weight <= 0 { self = other }
            return
        }
        let total = weight + other.weight
        let oldMean = mean
        mean = mean * (weight / total) + other.mean * (other.weight / total)
        varianceSum += other.varianceSum + weight * other.weight / total * (other.mean - oldMean) * (other.mean - oldMean)
        weight = total
    }

    public func encode(to writer: inout BinaryWriter) {
        writer.write(weight); writer.write(mean); writer.write(varianceSum)
    }

    public init(from reader: inout BinaryReader) throws {
        weight = try reader.read(); mean = try reader.read(); varianceSum = try reader.read()
    }
}
