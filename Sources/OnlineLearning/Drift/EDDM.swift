/// EDDM, the early drift detection method: watches the distance between consecutive errors.
///
/// While a learner improves, errors grow further apart. EDDM tracks the mean p′ and standard deviation s′ of
/// the distance (in values) between errors and remembers the largest p′ + 2s′ seen. When the current
/// p′ + 2s′ falls below `beta` times that maximum it signals drift, below `alpha` times it a warning. It
/// reacts to gradual drift earlier than ``DDM`` but raises more false alarms on noisy streams. The input must
/// be a 0/1 error stream (1 = the learner was wrong).
///
/// Follows River's `drift.binary.EDDM` (sample standard deviation; decisions once more than `warmStart`
/// values and more than `warmStart` errors were seen); MOA's `EDDM` has the same thresholds.
///
/// Reference: M. Baena-García, J. del Campo-Ávila, R. Fidalgo, A. Bifet, R. Gavaldà and R. Morales-Bueno,
/// "Early drift detection method", International Workshop on Knowledge Discovery from Data Streams, 2006.
public struct EDDM: DriftDetector {
    /// EDDM's hyperparameters (River's and MOA's defaults).
    public struct Configuration: Sendable, Hashable {
        /// Values, and errors, seen before any warning or drift can be reported; at least 0. Default 30.
        public var warmStart: Int
        /// Warning when the distance level falls below this fraction of its maximum; in (0, 1]. Default 0.95.
        public var alpha: Double
        /// Drift when the distance level falls below this fraction of its maximum; in (0, `alpha`]. Default 0.9.
        public var beta: Double

        /// Creates a configuration.
        /// - Parameters:
        ///   - warmStart: Values and errors before any decision, ≥ 0.
        ///   - alpha: Warning fraction, in (0, 1].
        ///   - beta: Drift fraction, in (0, alpha].
        public init(warmStart: Int = 30, alpha: Double = 0.95, beta: Double = 0.9) {
            self.warmStart = warmStart
            self.alpha = alpha
            self.beta = beta
        }

        /// Checks every parameter against its range.
        /// - Throws: ``ConfigurationError`` naming the first parameter out of range.
        public func validate() throws {
            try ConfigurationError.check(warmStart >= 0, "warmStart", warmStart, accepted: "an integer ≥ 0")
            try ConfigurationError.check(alpha > 0 && alpha <= 1, "alpha", alpha, accepted: "a number in (0, 1]")
            try ConfigurationError.check(beta > 0 && beta <= alpha, "beta", beta,
                                         accepted: "a number in (0, alpha] = (0, \(alpha)]")
        }
    }

    /// The hyperparameters this detector was built with.
    public let configuration: Configuration
    private var count = 0
    private var errors = 0
    private var lastError = 0
    private var distanceMean = 0.0
    private var distanceM2 = 0.0
    private var levelMax = -1.0
    private var inWarning = false

    /// Creates a detector with the default configuration.
    public init() { configuration = Configuration() }

    /// Creates a detector.
    /// - Parameter configuration: The hyperparameters.
    /// - Throws: ``ConfigurationError`` when a parameter is out of range.
    public init(_ configuration: Configuration) throws {
        try configuration.validate()
        self.configuration = configuration
    }

    /// The error rate since the last drift or reset.
    public var estimation: Double { count == 0 ? 0 : Double(errors) / Double(count) }

    /// The mean distance, in values, between consecutive errors since the last drift or reset.
    public var meanDistance: Double { distanceMean }

    /// Adds one outcome (1 for an error, 0 for a correct prediction); only errors move the statistic.
    /// - Parameter value: The outcome; a non-finite one (NaN, ±∞) is ignored.
    /// - Returns: ``DriftState/drift`` (after which EDDM has restarted), ``DriftState/warning`` (which persists
    ///   until the next error re-evaluates it) or ``DriftState/stable``.
    public mutating func update(_ value: Double) -> DriftState {
        guard value.isFinite else { return .stable }
        count += 1
        guard value == 1 else { return inWarning ? .warning : .stable }
        errors += 1
        let distance = Double(count - lastError)
        lastError = count
        let delta = distance - distanceMean
        distanceMean += delta / Double(errors)
        distanceM2 += delta * (distance - distanceMean)
        guard count > configuration.warmStart else { return inWarning ? .warning : .stable }
        let sd = errors > 1 ? (distanceM2 / Double(errors - 1)).squareRoot() : 0
        let level = distanceMean + 2 * sd
        if level > levelMax {
            levelMax = level
        } else if errors > configuration.warmStart {
            let ratio = level / levelMax
            if ratio < configuration.beta {
                reset()
                return .drift
            }
            inWarning = ratio < configuration.alpha
        }
        return inWarning ? .warning : .stable
    }

    /// Forgets everything seen so far.
    public mutating func reset() {
        count = 0
        errors = 0
        lastError = 0
        distanceMean = 0
        distanceM2 = 0
        levelMax = -1
        inWarning = false
    }
}

extension EDDM: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(configuration.warmStart); writer.write(configuration.alpha); writer.write(configuration.beta)
        writer.write(count); writer.write(errors); writer.write(lastError)
        writer.write(distanceMean); writer.write(distanceM2); writer.write(levelMax); writer.write(inWarning)
    }

    public init(from reader: inout BinaryReader) throws {
        let start = reader.offset
        let c = Configuration(warmStart: try reader.read(), alpha: try reader.read(), beta: try reader.read())
        do { try self.init(c) } catch { throw ModelFormatError("invalid EDDM configuration: \(error)", offset: start) }
        count = try reader.read(); errors = try reader.read(); lastError = try reader.read()
        distanceMean = try reader.read(); distanceM2 = try reader.read(); levelMax = try reader.read()
        inWarning = try reader.read()
    }
}
