/// The Page-Hinkley test: a cumulative-sum detector of a change in a stream's mean.
///
/// It accumulates the deviations of each value from the running mean, less a tolerance `delta` and faded by
/// `alpha`, and signals drift when the sum rises more than `threshold` above its minimum (an increase) or
/// falls that far below its maximum (a decrease). After drift it starts afresh. It suits real-valued
/// streams as well as error streams; for a learner's errors choose ``DriftDirection/increase``.
///
/// Follows River's `drift.PageHinkley` (and MOA's `PageHinkleyDM`, which tests increases only, with the same
/// defaults); the running maximum for decreases starts at −∞ where River starts it at −1.
///
/// Reference: E. S. Page, "Continuous inspection schemes", Biometrika 41(1/2), 1954.
public struct PageHinkley: DriftDetector {
    /// Page-Hinkley's hyperparameters (River's defaults).
    public struct Configuration: Sendable, Hashable {
        /// Values seen before drift can be reported; at least 1. Default 30.
        public var minInstances: Int
        /// The magnitude of change tolerated per value; at least 0. Default 0.005.
        public var delta: Double
        /// The cumulative deviation that signals drift (λ); > 0. Default 50.
        public var threshold: Double
        /// The fading factor of the cumulative sums, in (0, 1]. Default 1 − 0.0001.
        public var alpha: Double
        /// Which changes are tested. Default ``DriftDirection/both`` (River's `mode="both"`); error streams
        /// want ``DriftDirection/increase``.
        public var direction: DriftDirection

        /// Creates a configuration.
        /// - Parameters:
        ///   - minInstances: Values before any decision, ≥ 1.
        ///   - delta: Tolerated change per value, ≥ 0.
        ///   - threshold: Drift threshold λ, > 0.
        ///   - alpha: Fading factor, in (0, 1].
        ///   - direction: Which changes are tested.
        public init(minInstances: Int = 30, delta: Double = 0.005, threshold: Double = 50,
                    alpha: Double = 1 - 0.0001, direction: DriftDirection = .both) {
            self.minInstances = minInstances
            self.delta = delta
            self.threshold = threshold
            self.alpha = alpha
            self.direction = direction
        }

        /// Checks every parameter against its range.
        /// - Throws: ``ConfigurationError`` naming the first parameter out of range.
        public func validate() throws {
            try ConfigurationError.check(minInstances >= 1, "minInstances", minInstances, accepted: "an integer ≥ 1")
            try ConfigurationError.check(delta >= 0 && delta.isFinite, "delta", delta, accepted: "a finite number ≥ 0")
            try ConfigurationError.check(threshold > 0 && threshold.isFinite, "threshold", threshold,
                                         accepted: "a finite number > 0")
            try ConfigurationError.check(alpha > 0 && alpha <= 1, "alpha", alpha, accepted: "a number in (0, 1]")
        }
    }

    /// The hyperparameters this detector was built with.
    public let configuration: Configuration
    private var count = 0
    private var mean = 0.0
    private var sumIncrease = 0.0
    private var sumDecrease = 0.0
    private var minIncrease = Double.infinity
    private var maxDecrease = -Double.infinity

    /// Creates a detector with the default configuration.
    public init() { configuration = Configuration() }

    /// Creates a detector.
    /// - Parameter configuration: The hyperparameters.
    /// - Throws: ``ConfigurationError`` when a parameter is out of range.
    public init(_ configuration: Configuration) throws {
        try configuration.validate()
        self.configuration = configuration
    }

    /// The mean of the values since the last drift or reset.
    public var estimation: Double { mean }

    /// The current test statistics: how far the increase sum is above its minimum and the decrease sum below
    /// its maximum (drift when the tested one exceeds `threshold`).
    public var statistics: (increase: Double, decrease: Double) {
        (sumIncrease - minIncrease, maxDecrease - sumDecrease)
    }

    /// Adds one value and tests the cumulative deviations.
    /// - Parameter value: The value; a non-finite one (NaN, ±∞) is ignored.
    /// - Returns: ``DriftState/drift`` (after which the test has restarted) or ``DriftState/stable``.
    public mutating func update(_ value: Double) -> DriftState {
        guard value.isFinite else { return .stable }
        count += 1
        mean += (value - mean) / Double(count)
        let deviation = value - mean
        let c = configuration
        sumIncrease = c.alpha * sumIncrease + deviation - c.delta
        sumDecrease = c.alpha * sumDecrease + deviation + c.delta
        minIncrease = min(minIncrease, sumIncrease)
        maxDecrease = max(maxDecrease, sumDecrease)
        guard count >= c.minInstances else { return .stable }
        let up = c.direction != .decrease && sumIncrease - minIncrease > c.threshold
        let down = c.direction != .increase && maxDecrease - sumDecrease > c.threshold
        guard up || down else { return .stable }
        reset()
        return .drift
    }

    /// Forgets everything seen so far.
    public mutating func reset() {
        count = 0
        mean = 0
        sumIncrease = 0
        sumDecrease = 0
        minIncrease = .infinity
        maxDecrease = -.infinity
    }
}

extension PageHinkley: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        let c = configuration
        writer.write(c.minInstances); writer.write(c.delta); writer.write(c.threshold); writer.write(c.alpha)
        writer.write(c.direction)
        writer.write(count); writer.write(mean); writer.write(sumIncrease); writer.write(sumDecrease)
        writer.write(minIncrease); writer.write(maxDecrease)
    }

    public init(from reader: inout BinaryReader) throws {
        let start = reader.offset
        let c = Configuration(minInstances: try reader.read(), delta: try reader.read(), threshold: try reader.read(),
                              alpha: try reader.read(), direction: try reader.read())
        do { try self.init(c) } catch {
            throw ModelFormatError("invalid Page-Hinkley configuration: \(error)", offset: start)
        }
        count = try reader.read(); mean = try reader.read(); sumIncrease = try reader.read()
        sumDecrease = try reader.read(); minIncrease = try reader.read(); maxDecrease = try reader.read()
    }
}
