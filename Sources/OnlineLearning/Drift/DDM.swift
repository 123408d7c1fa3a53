/// DDM, the drift detection method: statistical process control on a learner's error rate.
///
/// DDM models the errors as Bernoulli trials: after *i* values the error rate is pᵢ with standard deviation
/// sᵢ = √(pᵢ(1−pᵢ)/i). It remembers the point where pᵢ + sᵢ was lowest (p_min, s_min) and reports a warning
/// when pᵢ + sᵢ > p_min + `warningThreshold`·s_min and drift when pᵢ + sᵢ > p_min + `driftThreshold`·s_min.
/// After drift it starts afresh. The input must be a 0/1 error stream (1 = the learner was wrong).
///
/// Follows River's `drift.binary.DDM` (and MOA's `DDM`, whose thresholds are the same): no decision before
/// more than `warmStart` values.
///
/// Reference: J. Gama, P. Medas, G. Castillo and P. Rodrigues, "Learning with drift detection",
/// Brazilian Symposium on Artificial Intelligence (SBIA), 2004.
public struct DDM: DriftDetector {
    /// DDM's hyperparameters (River's and MOA's defaults).
    public struct Configuration: Sendable, Hashable {
        /// Values seen before any warning or drift can be reported; at least 0. Default 30.
        public var warmStart: Int
        /// Standard deviations above the best level that raise a warning; > 0. Default 2.
        public var warningThreshold: Double
        /// Standard deviations above the best level that signal drift; ≥ `warningThreshold`. Default 3.
        public var driftThreshold: Double

        /// Creates a configuration.
        /// - Parameters:
        ///   - warmStart: Values before any decision, ≥ 0.
        ///   - warningThreshold: Warning level in standard deviations, > 0.
        ///   - driftThreshold: Drift level in standard deviations, ≥ `warningThreshold`.
        public init(warmStart: Int = 30, warningThreshold: Double = 2, driftThreshold: Double = 3) {
            self.warmStart = warmStart
            self.warningThreshold = warningThreshold
            self.driftThreshold = driftThreshold
        }

        /// Checks every parameter against its range.
        /// - Throws: ``ConfigurationError`` naming the first parameter out of range.
        public func validate() throws {
            try ConfigurationError.check(warmStart >= 0, "warmStart", warmStart, accepted: "an integer ≥ 0")
            try ConfigurationError.check(warningThreshold > 0 && warningThreshold.isFinite, "warningThreshold",
                                         warningThreshold, accepted: "a finite number > 0")
            try ConfigurationError.check(driftThreshold >= warningThreshold && driftThreshold.isFinite,
                                         "driftThreshold", driftThreshold,
                                         accepted: "a finite number ≥ warningThreshold (\(warningThreshold))")
        }
    }

    /// The hyperparameters this detector was built with.
    public let configuration: Configuration
    private var count = 0
    private var errorRate = 0.0
    private var pMin = Double.infinity
    private var sMin = Double.infinity
    private var psMin = Double.infinity

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
    public var estimation: Double { errorRate }

    /// Adds one outcome (1 for an error, 0 for a correct prediction) and tests the error level.
    /// - Parameter value: The outcome; a non-finite one (NaN, ±∞) is ignored.
    /// - Returns: ``DriftState/drift`` (after which DDM has restarted), ``DriftState/warning`` or ``DriftState/stable``.
    public mutating func update(_ value: Double) -> DriftState {
        guard value.isFinite else { return .stable }
        count += 1
        let n = Double(count)
        errorRate += (value - errorRate) / n
        guard count > configuration.warmStart else { return .stable }
        let s = (errorRate * (1 - errorRate) / n).squareRoot()
        let level = errorRate + s
        if level <= psMin {
            pMin = errorRate
            sMin = s
            psMin = level
        }
        if level > pMin + configuration.driftThreshold * sMin {
            reset()
            return .drift
        }
        return level > pMin + configuration.warningThreshold * sMin ? .warning : .stable
    }

    /// Forgets everything seen so far.
    public mutating func reset() {
        count = 0
        errorRate = 0
        pMin = .infinity
        sMin = .infinity
        psMin = .infinity
    }
}

extension DDM: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(configuration.warmStart)
        writer.write(configuration.warningThreshold)
        writer.write(configuration.driftThreshold)
        writer.write(count); writer.write(errorRate); writer.write(pMin); writer.write(sMin); writer.write(psMin)
    }

    public init(from reader: inout BinaryReader) throws {
        let start = reader.offset
        let c = Configuration(warmStart: try reader.read(), warningThreshold: try reader.read(),
                              driftThreshold: try reader.read())
        do { try self.init(c) } catch { throw ModelFormatError("invalid DDM configuration: \(error)", offset: start) }
        count = try reader.read(); errorRate = try reader.read()
        pMin = try reader.read(); sMin = try reader.read(); psMin = try reader.read()
    }
}
