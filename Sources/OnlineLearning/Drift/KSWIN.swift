/// KSWIN, the Kolmogorov-Smirnov windowing detector: a two-sample KS test between recent and older values.
///
/// KSWIN keeps the last `windowSize` values. Once the window is full, every update compares the newest
/// `statSize` values with `statSize` values sampled without replacement from the rest of the window, using
/// the two-sample Kolmogorov-Smirnov test. Drift is reported when the p-value is at most `alpha` and the
/// statistic D exceeds 0.1; the window then keeps only the newest `statSize` values. Because it compares
/// whole distributions, KSWIN also sees changes of spread or shape in real-valued features, not only of
/// the mean. On a 0/1 error stream the samples are all ties and D is just the difference of two error rates
/// over 30 values, so it takes a jump of about 0.47 to reach significance: prefer ``ADWIN`` or ``HDDMA`` there.
///
/// Follows River's `drift.KSWIN` with SciPy's exact two-sided p-value (`ks_2samp`, method `auto`, which is
/// exact for samples of this size). The p-value only depends on D for two samples of equal size, so the
/// critical D is computed once at construction. The older and the newest values are also kept sorted as
/// the window slides, and the sample is drawn in sorted order (selection sampling, Knuth's Algorithm S),
/// so an update costs two sorted insertions, one pass over the older values and a merge, with no sorting.
/// Non-finite values (NaN, ±∞) are ignored.
/// River's wrapper also re-seeds its generator and empties the window on the update after a drift; here
/// the newest `statSize` values stay, as the paper describes, and the generator runs on.
///
/// Reference: C. Raab, M. Heusinger and F.-M. Schleif, "Reactive soft prototype computing for concept drift
/// streams", Neurocomputing 416, 2020.
public struct KSWIN: DriftDetector {
    /// KSWIN's hyperparameters (River's defaults).
    public struct Configuration: Sendable, Hashable {
        /// The significance level of the KS test, in (0, 1). Default 0.005.
        public var alpha: Double
        /// How many recent values the window holds; at least 2·`statSize`. Default 100.
        public var windowSize: Int
        /// The size of each of the two samples compared, in [1, 4096]. Default 30.
        public var statSize: Int
        /// The seed of the generator that samples the older values. Default 1.
        public var seed: UInt64

        /// Creates a configuration.
        /// - Parameters:
        ///   - alpha: Significance level, in (0, 1).
        ///   - windowSize: Window length, ≥ 2·statSize.
        ///   - statSize: Sample size, in [1, 4096].
        ///   - seed: Seed of the sampling generator.
        public init(alpha: Double = 0.005, windowSize: Int = 100, statSize: Int = 30, seed: UInt64 = 1) {
            self.alpha = alpha
            self.windowSize = windowSize
            self.statSize = statSize
            self.seed = seed
        }

        /// Checks every parameter against its range.
        /// - Throws: ``ConfigurationError`` naming the first parameter out of range.
        public func validate() throws {
            try ConfigurationError.check(alpha > 0 && alpha < 1, "alpha", alpha, accepted: "a number in (0, 1)")
            try ConfigurationError.check(statSize >= 1 && statSize <= 4096, "statSize", statSize,
                                         accepted: "an integer in [1, 4096]")
            try ConfigurationError.check(windowSize >= 2 * statSize && windowSize <= 1 << 24, "windowSize", windowSize,
                                         accepted: "an integer in [2·statSize, 2^24] = [\(2 * statSize), \(1 << 24)]")
        }
    }

    /// The hyperparameters this detector was built with.
    public let configuration: Configuration
    /// The smallest statistic, in steps of 1/statSize, whose p-value is at most `alpha`.
    private let criticalSteps: Int
    private var random: RandomSource
    // The window is a ring: logical position p (0 = oldest) is at (start + p) % windowSize. The newest
    // `statSize` values are "recent", the others "older"; each part is also kept sorted.
    private var window: [Double]
    private var start = 0
    private var count = 0
    private var sortedOlder: [Double]
    private var sortedRecent: [Double]
    private var sample: [Double]
    /// A bit set over the ranks of the older values, used while drawing a sample; all clear in between.
    private var chosenRanks: [UInt64]
    private var lastSteps = 0

    /// Creates a detector with the default configuration.
    public init() { self.init(validated: Configuration()) }

    /// Creates a detector.
    /// - Parameter configuration: The hyperparameters.
    /// - Throws: ``ConfigurationError`` when a parameter is out of range.
    public init(_ configuration: Configuration) throws {
        try configuration.validate()
        self.init(validated: configuration)
    }

    private init(validated c: Configuration) {
        configuration = c
        criticalSteps = KolmogorovSmirnov.criticalSteps(sampleSize: c.statSize, alpha: c.alpha)
        random = RandomSource(seed: c.seed)
        window = [Double](repeating: 0, count: c.windowSize)
        sortedOlder = []
        sortedOlder.reserveCapacity(c.windowSize - c.statSize + 1)
        sortedRecent = []
        sortedRecent.reserveCapacity(c.statSize + 1)
        sample = [Double](repeating: 0, count: c.statSize)
        chosenRanks = [UInt64](repeating: 0, count: (c.windowSize - c.statSize + 63) / 64)
    }

    /// The mean of the values in the window (0 while it is empty).
    public var estimation: Double {
        guard count > 0 else { return 0 }
        var total = 0.0
        for p in 0..<count { total += window[(start + p) % configuration.windowSize] }
        return total / Double(count)
    }

    /// The KS statistic D of the latest test (0 before the window first fills).
    public var statistic: Double { Double(lastSteps) / Double(configuration.statSize) }

    /// The exact two-sided p-value of the latest test (1 before the window first fills).
    public var pValue: Double { KolmogorovSmirnov.pValue(steps: lastSteps, sampleSize: configuration.statSize) }

    /// Adds one value and, once the window is full, tests the newest values against a sample of the older ones.
    /// - Parameter value: The value; a non-finite one (NaN, ±∞) is ignored.
    /// - Returns: ``DriftState/drift`` (after which only the newest `statSize` values stay) or ``DriftState/stable``.
    public mutating func update(_ value: Double) -> DriftState {
        guard value.isFinite else { return .stable }
        let size = configuration.windowSize, s = configuration.statSize
        // The oldest recent value becomes the newest older one; when the window is full its oldest value leaves.
        if count >= s {
            let moving = window[(start + count - s) % size]
            Self.remove(moving, from: &sortedRecent)
            Self.insert(moving, into: &sortedOlder)
        }
        Self.insert(value, into: &sortedRecent)
        if count < size {
            window[(start + count) % size] = value
            count += 1
        } else {
            Self.remove(window[start], from: &sortedOlder)
            window[start] = value
            start = start + 1 == size ? 0 : start + 1
        }
        guard count == size else { return .stable }
        drawSortedSample()
        lastSteps = KolmogorovSmirnov.statisticSteps(sample, sortedRecent)
        guard lastSteps >= criticalSteps && 10 * lastSteps > s else { return .stable }
        start = (start + size - s) % size
        count = s
        sortedOlder.removeAll(keepingCapacity: true)
        return .drift
    }

    /// Forgets the window and restarts the sampling generator from its seed.
    public mutating func reset() {
        random = RandomSource(seed: configuration.seed)
        start = 0
        count = 0
        lastSteps = 0
        sortedOlder.removeAll(keepingCapacity: true)
        sortedRecent.removeAll(keepingCapacity: true)
    }

    /// Fills `sample` with `statSize` of the older values chosen uniformly without replacement, in sorted
    /// order: Floyd's algorithm marks `statSize` distinct ranks in a bit set with one draw each, and the
    /// marked ranks are read back in increasing order.
    private mutating func drawSortedSample() {
        let population = sortedOlder.count, s = configuration.statSize
        var random = random
        sortedOlder.withUnsafeBufferPointer { older in
            chosenRanks.withUnsafeMutableBufferPointer { chosen in
                sample.withUnsafeMutableBufferPointer { sample in
                    for j in (population - s)..<population {
                        // A uniform draw from 0...j (Lemire's multiply-shift; its bias, below 2⁻⁴⁰, is immaterial).
                        let t = Int(random.next().multipliedFullWidth(by: UInt64(j + 1)).high)
                        let rank = chosen[t >> 6] & (1 << UInt64(t & 63)) != 0 ? j : t
                        chosen[rank >> 6] |= 1 << UInt64(rank & 63)
                    }
                    var filled = 0
                    for w in chosen.indices {
                        var word = chosen[w]
                        while word != 0 {
                            sample[filled] = older[w << 6 | word.trailingZeroBitCount]
                            filled += 1
                            word &= word - 1
                        }
                        chosen[w] = 0
                    }
                }
            }
        }
        self.random = random
    }

    /// Inserts `value` into the sorted array `values` after any equal values.
    private static func insert(_ value: Double, into values: inout [Double]) {
        values.insert(value, at: upperBound(value, in: values))
    }

    /// Removes one occurrence of `value` from the sorted array `values`.
    private static func remove(_ value: Double, from values: inout [Double]) {
        let i = upperBound(value, in: values) - 1
        if i >= 0 && values[i] == value { values.remove(at: i) }
    }

    /// The index of the first element greater than `value`.
    private static func upperBound(_ value: Double, in values: [Double]) -> Int {
        var low = 0, high = values.count
        while low < high {
            let mid = (low + high) / 2
            if values[mid] <= value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

extension KSWIN: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        let c = configuration
        writer.write(c.alpha); writer.write(c.windowSize); writer.write(c.statSize); writer.write(c.seed)
        writer.write(random)
        writer.write(count)
        for p in 0..<count { writer.write(window[(start + p) % c.windowSize]) }
        writer.write(lastSteps)
    }

    public init(from reader: inout BinaryReader) throws {
        let begin = reader.offset
        let c = Configuration(alpha: try reader.read(), windowSize: try reader.read(), statSize: try reader.read(),
                              seed: try reader.read())
        do { try c.validate() } catch { throw ModelFormatError("invalid KSWIN configuration: \(error)", offset: begin) }
        self.init(validated: c)
        random = try reader.read()
        let saved = try reader.read(Int.self)
        guard saved >= 0 && saved <= c.windowSize else {
            throw ModelFormatError("implausible KSWIN window length \(saved)", offset: reader.offset - 8)
        }
        for p in 0..<saved {
            let value = try reader.read(Double.self)
            guard value.isFinite else { throw ModelFormatError("non-finite KSWIN value", offset: reader.offset - 8) }
            window[p] = value
        }
        count = saved
        let split = max(0, saved - c.statSize)
        sortedOlder.append(contentsOf: window[0..<split].sorted())
        sortedRecent.append(contentsOf: window[split..<saved].sorted())
        lastSteps = try reader.read()
        guard lastSteps >= 0 && lastSteps <= c.statSize else {
            throw ModelFormatError("implausible KSWIN statistic", offset: reader.offset - 8)
        }
    }
}
