/// HDDM-A, the Hoeffding drift detection method with the A-test: compares moving averages with Hoeffding bounds.
///
/// HDDM-A keeps the running mean of everything since the last drift and a snapshot of it taken where the
/// mean was lowest (for increases) or highest (for decreases), judged with a Hoeffding margin. It signals
/// drift when the current mean exceeds the snapshot by more than the Hoeffding bound for two samples at
/// `driftConfidence`, and a warning at the looser `warningConfidence`. Values must lie in [0, 1] (such as a
/// 0/1 error stream). It makes no distributional assumption and costs O(1) per value.
///
/// Follows River's `drift.binary.HDDM_A`: one-sided (increases only) by default, ``DriftDirection/both`` is
/// River's `two_sided_test`. (MOA's `HDDM_A_Test` calls its default "two-sided" but only restarts silently
/// on a decrease.)
///
/// Reference: I. Frías-Blanco, J. del Campo-Ávila, G. Ramos-Jiménez, R. Morales-Bueno, A. Ortiz-Díaz and
/// Y. Caballero-Mota, "Online and non-parametric drift detection methods based on Hoeffding's bounds",
/// IEEE Transactions on Knowledge and Data Engineering 27(3), 2015.
public struct HDDMA: DriftDetector {
    /// HDDM-A's hyperparameters (River's defaults).
    public struct Configuration: Sendable, Hashable {
        /// The confidence of the drift test, in (0, 1); smaller is stricter. Default 0.001.
        public var driftConfidence: Double
        /// The confidence of the warning test, in [`driftConfidence`, 1). Default 0.005.
        public var warningConfidence: Double
        /// Which changes of the mean are tested. Default ``DriftDirection/increase`` (a rising error rate).
        public var direction: DriftDirection

        /// Creates a configuration.
        /// - Parameters:
        ///   - driftConfidence: Confidence of the drift test, in (0, 1).
        ///   - warningConfidence: Confidence of the warning test, in [driftConfidence, 1).
        ///   - direction: Which changes are tested.
        public init(driftConfidence: Double = 0.001, warningConfidence: Double = 0.005,
                    direction: DriftDirection = .increase) {
            self.driftConfidence = driftConfidence
            self.warningConfidence = warningConfidence
            self.direction = direction
        }

        /// Checks every parameter against its range.
        /// - Throws: ``ConfigurationError`` naming the first parameter out of range.
        public func validate() throws {
            try ConfigurationError.check(driftConfidence > 0 && driftConfidence < 1, "driftConfidence",
                                         driftConfidence, accepted: "a number in (0, 1)")
            try ConfigurationError.check(warningConfidence >= driftConfidence && warningConfidence < 1,
                                         "warningConfidence", warningConfidence,
                                         accepted: "a number in [driftConfidence, 1) = [\(driftConfidence), 1)")
        }
    }

    /// The hyperparameters this detector was built with.
    public let configuration: Configuration
    // Logarithms of the bounds, fixed by the configuration.
    private let logInverseDrift: Double
    private let logTwiceInverseDrift: Double
    private let logTwiceInverseWarning: Double
    private var n = 0
    private var sum = 0.0
    private var nMin = 0
    private var sumMin = 0.0
    private var nMax = 0
    private var sumMax = 0.0
    // Derived from the snapshots above and cached, since they change rarely.
    private var meanMin = 0.0
    private var boundMin = 0.0
    private var meanMax = 0.0
    private var boundMax = 0.0

    /// Creates a detector with the default configuration.
    public init() { self.init(validated: Configuration()) }

    /// Creates a detector.
    /// - Parameter configuration: The hyperparameters.
    /// - Throws: ``ConfigurationError`` when a parameter is out of range.
    public init(_ configuration: Configuration) throws {
        try configuration.validate()
        self.init(validated: configuration)
    }

    private init(validated configuration: Configuration) {
        self.configuration = configuration
        logInverseDrift = (1 / configuration.driftConfidence).log
        logTwiceInverseDrift = (2 / configuration.driftConfidence).log
        logTwiceInverseWarning = (2 / configuration.warningConfidence).log
    }

    /// The mean of the values since the last drift or reset.
    public var estimation: Double { n == 0 ? 0 : sum / Double(n) }

    /// Adds one value in [0, 1] and tests whether the mean moved.
    /// - Parameter value: The value (for an error stream, 1 for a mistake and 0 otherwise); a non-finite one
    ///   (NaN, ±∞) is ignored.
    /// - Returns: ``DriftState/drift`` (after which HDDM-A has restarted), ``DriftState/warning`` or
    ///   ``DriftState/stable``.
    public mutating func update(_ value: Double) -> DriftState {
        guard value.isFinite else { return .stable }
        n += 1
        sum += value
        let mean = sum / Double(n)
        let bound = hoeffdingBound(n)
        if nMin == 0 || meanMin + boundMin >= mean + bound { snapshotMin(mean, bound) }
        if nMax == 0 || meanMax - boundMax <= mean - bound { snapshotMax(mean, bound) }
        var state = DriftState.stable
        if configuration.direction != .decrease {
            state = test(mean - meanMin, since: nMin)
        }
        if configuration.direction != .increase && state != .drift {
            let down = test(meanMax - mean, since: nMax)
            if down != .stable { state = down }
        }
        if state == .drift { reset() }
        return state
    }

    /// Forgets everything seen so far.
    public mutating func reset() {
        n = 0; sum = 0; nMin = 0; sumMin = 0; nMax = 0; sumMax = 0
        meanMin = 0; boundMin = 0; meanMax = 0; boundMax = 0
    }

    private mutating func snapshotMin(_ mean: Double, _ bound: Double) {
        nMin = n; sumMin = sum; meanMin = mean; boundMin = bound
    }

    private mutating func snapshotMax(_ mean: Double, _ bound: Double) {
        nMax = n; sumMax = sum; meanMax = mean; boundMax = bound
    }

    private func hoeffdingBound(_ count: Int) -> Double {
        (logInverseDrift / (2 * Double(count))).squareRoot()
    }

    /// The A-test: is `gap` between the mean of the first `cut` values and the mean of all `n` values larger
    /// than the two-sample Hoeffding bound?
    private func test(_ gap: Double, since cut: Int) -> DriftState {
        guard cut != n else { return .stable }
        let m = Double(n - cut) / Double(cut) / Double(n)
        // The warning bound is the smaller one, so testing it first decides most updates with one root.
        guard gap >= (m / 2 * logTwiceInverseWarning).squareRoot() else { return .stable }
        return gap >= (m / 2 * logTwiceInverseDrift).squareRoot() ? .drift : .warning
    }
}

extension HDDMA: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(configuration.driftConfidence); writer.write(configuration.warningConfidence)
        writer.write(configuration.direction)
        writer.write(n); writer.write(sum); writer.write(nMin); writer.write(sumMin)
        writer.write(nMax); writer.write(sumMax)
    }

    public init(from reader: inout BinaryReader) throws {
        let start = reader.offset
        let c = Configuration(driftConfidence: try reader.read(), warningConfidence: try reader.read(),
                              direction: try reader.read())
        do { try self.init(c) } catch { throw ModelFormatError("invalid HDDM-A configuration: \(error)", offset: start) }
        n = try reader.read(); sum = try reader.read(); nMin = try reader.read(); sumMin = try reader.read()
        nMax = try reader.read(); sumMax = try reader.read()
        guard n >= 0, nMin >= 0, nMin <= n, nMax >= 0, nMax <= n, (nMin == 0) == (nMax == 0) else {
            throw ModelFormatError("inconsistent HDDM-A counts", offset: start)
        }
        if nMin > 0 {
            meanMin = sumMin / Double(nMin); boundMin = hoeffdingBound(nMin)
            meanMax = sumMax / Double(nMax); boundMax = hoeffdingBound(nMax)
        }
    }
}
