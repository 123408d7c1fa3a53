/// ADWIN, the adaptive sliding window: a change detector and mean estimator with guarantees on false alarms.
///
/// ADWIN keeps the longest recent window whose mean is statistically consistent with "nothing changed". Every
/// `clock` values it compares every split of the window into an older part W₀ and a newer part W₁; when
/// the means differ by more than ε_cut (a Bernstein-type bound at confidence δ), it drops the oldest bucket
/// and checks again, so after a change the window shrinks to the values that follow it. The window is
/// stored as an exponential histogram (ADWIN2): row *i* holds at most `maxBuckets` buckets of 2ⁱ values
/// each, so memory and the cost of a check grow with log(width).
///
/// Follows MOA's `moa.core.ADWIN` (Bifet) and River's `drift.ADWIN`: the same bucket compression, variance
/// bookkeeping (Babcock et al. 2003), cut bound `ε = √(2·m·σ²·δ′) + ⅔·δ′·m` with `δ′ = ln(2·ln(n)/δ)` and
/// `1/m = 1/(n₀−ℓ+1) + 1/(n₁−ℓ+1)`, and sub-windows of at least ℓ = `minWindowLength` values (River's rule;
/// MOA asks for more than ℓ + 1, which rarely matters: on the SEA reference stream MOA's Hoeffding adaptive
/// tree curve and River's detector table come out identical under either rule).
/// After a detection ADWIN keeps the shrunken window (MOA); River's wrapper restarts instead, which
/// ``Configuration/restartsAfterDrift`` reproduces.
///
/// The buckets live in two flat arrays that only grow when the window reaches a new power of two, so
/// `update(_:)` does not allocate.
///
/// Reference: A. Bifet and R. Gavaldà, "Learning from time-changing data with adaptive windowing",
/// SIAM International Conference on Data Mining (SDM), 2007.
public struct ADWIN: DriftDetector {
    /// ADWIN's hyperparameters (MOA's and River's defaults).
    public struct Configuration: Sendable, Hashable {
        /// The confidence δ of the cut test, in (0, 1); smaller values mean fewer false alarms and later
        /// detections. Default 0.002.
        public var delta: Double
        /// How often, in values, the window is checked for a cut; at least 1. Default 32.
        public var clock: Int
        /// How many buckets of one size a row keeps before the two oldest merge; at least 2. Default 5.
        public var maxBuckets: Int
        /// The fewest values either sub-window must hold for a cut to be considered; at least 1. Default 5.
        public var minWindowLength: Int
        /// No check happens until the window holds more than this many values; at least 0. Default 10.
        public var gracePeriod: Int
        /// Which changes are reported as drift (the window shrinks either way). Default ``DriftDirection/both``;
        /// MOA's `ADWINChangeDetector` reports only ``DriftDirection/increase``.
        public var direction: DriftDirection
        /// Whether ADWIN forgets its whole window after reporting drift (River) instead of keeping the values
        /// after the cut (MOA). Default false.
        public var restartsAfterDrift: Bool

        /// Creates a configuration; every parameter defaults to MOA's value.
        /// - Parameters:
        ///   - delta: Confidence of the cut test, in (0, 1).
        ///   - clock: Values between checks, ≥ 1.
        ///   - maxBuckets: Buckets per row before merging, ≥ 2.
        ///   - minWindowLength: Smallest sub-window considered, ≥ 1.
        ///   - gracePeriod: Width needed before the first check, ≥ 0.
        ///   - direction: Which changes are reported.
        ///   - restartsAfterDrift: Whether to forget the window after a detection.
        public init(
            delta: Double = 0.002, clock: Int = 32, maxBuckets: Int = 5, minWindowLength: Int = 5,
            gracePeriod: Int = 10, direction: DriftDirection = .both, restartsAfterDrift: Bool = false
        ) {
            self.delta = delta
            self.clock = clock
            self.maxBuckets = maxBuckets
            self.minWindowLength = minWindowLength
            self.gracePeriod = gracePeriod
            self.direction = direction
            self.restartsAfterDrift = restartsAfterDrift
        }

        /// Checks every parameter against its range.
        /// - Throws: ``ConfigurationError`` naming the first parameter out of range.
        public func validate() throws {
            try ConfigurationError.check(delta > 0 && delta < 1, "delta", delta, accepted: "a number in (0, 1)")
            try ConfigurationError.check(clock >= 1, "clock", clock, accepted: "an integer ≥ 1")
            try ConfigurationError.check(maxBuckets >= 2 && maxBuckets <= 1 << 16, "maxBuckets", maxBuckets,
                                         accepted: "an integer in [2, 65536]")
            try ConfigurationError.check(minWindowLength >= 1, "minWindowLength", minWindowLength,
                                         accepted: "an integer ≥ 1")
            try ConfigurationError.check(gracePeriod >= 0, "gracePeriod", gracePeriod, accepted: "an integer ≥ 0")
        }
    }

    /// The hyperparameters this detector was built with.
    public let configuration: Configuration

    private var buckets: ExponentialHistogram
    private var sum: Double
    private var varianceSum: Double
    /// Updates left until the next check of the window (counts down from `clock`).
    private var untilCheck: Int

    /// The number of values in the current window.
    public private(set) var width: Int
    /// How many updates have reported a cut since creation or the last ``reset()``.
    public private(set) var detections: Int
    /// Whether the latest update cut the window (whatever ``Configuration/direction`` says).
    public private(set) var windowShrank: Bool
    /// The state reported by the latest update.
    public private(set) var lastState: DriftState

    /// Creates a detector with MOA's defaults (δ = 0.002).
    public init() {
        self.init(validated: Configuration())
    }

    /// Creates a detector.
    /// - Parameter configuration: The hyperparameters.
    /// - Throws: ``ConfigurationError`` when a parameter is out of range.
    public init(_ configuration: Configuration) throws {
        try configuration.validate()
        self.init(validated: configuration)
    }

    /// Creates a detector with confidence `delta` and the other defaults.
    /// - Parameter delta: Confidence of the cut test, in (0, 1).
    /// - Throws: ``ConfigurationError`` when `delta` is out of range.
    public init(delta: Double) throws {
        try self.init(Configuration(delta: delta))
    }

    private init(validated configuration: Configuration) {
        self.configuration = configuration
        buckets = ExponentialHistogram(maxBuckets: configuration.maxBuckets)
        sum = 0
        varianceSum = 0
        untilCheck = configuration.clock
        width = 0
        detections = 0
        windowShrank = false
        lastState = .stable
    }

    /// The mean of the values in the window (0 while it is empty).
    public var estimation: Double { width == 0 ? 0 : sum / Double(width) }

    /// The (population) variance of the values in the window (0 while it is empty).
    public var variance: Double { width == 0 ? 0 : varianceSum / Double(width) }

    /// The sum of the values in the window.
    public var total: Double { sum }

    /// Adds `value` to the window and, every `clock` values, shrinks the window while a cut holds.
    /// - Parameter value: The next observation (for an error stream, 1 for a mistake and 0 otherwise); a
    ///   non-finite one (NaN, ±∞) is ignored.
    /// - Returns: ``DriftState/drift`` when the window was cut in a direction the configuration reports,
    ///   else ``DriftState/stable`` (ADWIN has no warning zone).
    public mutating func update(_ value: Double) -> DriftState {
        guard value.isFinite else { return .stable }
        let sumBefore = sum, widthBefore = width
        insert(value)
        untilCheck -= 1
        windowShrank = false
        if untilCheck == 0 {
            untilCheck = configuration.clock
            if width > configuration.gracePeriod { windowShrank = shrinkWhileCutHolds() }
        }
        guard windowShrank else {
            lastState = .stable
            return .stable
        }
        detections += 1
        let before = widthBefore == 0 ? 0 : sumBefore / Double(widthBefore)
        let isDrift = configuration.direction.accepts(estimation - before)
        lastState = isDrift ? .drift : .stable
        if isDrift && configuration.restartsAfterDrift {
            let count = detections
            restart()
            detections = count
            lastState = .drift
        }
        return lastState
    }

    /// Forgets the window and the detection count.
    public mutating func reset() {
        restart()
    }

    private mutating func restart() {
        buckets.removeAll()
        sum = 0
        varianceSum = 0
        untilCheck = configuration.clock
        width = 0
        detections = 0
        windowShrank = false
        lastState = .stable
    }

    private mutating func insert(_ value: Double) {
        width += 1
        if width > 1 {
            let d = value - sum / Double(width - 1)
            varianceSum += Double(width - 1) * d * d / Double(width)
        }
        sum += value
        buckets.insert(value)
    }

    /// Drops the oldest bucket from the window and its statistics.
    private mutating func deleteOldest() {
        let (size, bucketTotal, bucketVariance) = buckets.removeOldest()
        let n = Double(size)
        width -= size
        sum -= bucketTotal
        if width > 0 {
            let mean = bucketTotal / n, windowMean = sum / Double(width)
            varianceSum -= bucketVariance + n * Double(width) * (mean - windowMean) * (mean - windowMean)
                / (n + Double(width))
        } else {
            varianceSum = 0
        }
    }

    /// Drops the oldest bucket while some cut of the window shows a significant difference of means;
    /// returns whether any cut held.
    private mutating func shrinkWhileCutHolds() -> Bool {
        var changed = false
        while width > 0 && hasSignificantCut() {
            deleteOldest()
            changed = true
        }
        return changed
    }

    /// Scans the cuts from the oldest bucket to the newest and tells whether one separates two sub-windows
    /// whose means differ by more than ε_cut.
    private func hasSignificantCut() -> Bool {
        let ell = Double(configuration.minWindowLength)
        let n = Double(width)
        let deltaPrime = (2 * n.log / configuration.delta).log
        let windowVariance = varianceSum / n
        let linearTerm = 2.0 / 3.0 * deltaPrime
        let slots = buckets.slots, rows = buckets.rows
        return buckets.totals.withUnsafeBufferPointer { totals in
            buckets.counts.withUnsafeBufferPointer { counts in
                buckets.starts.withUnsafeBufferPointer { starts in
                    var n0 = 0.0, n1 = n, u0 = 0.0, u1 = sum
                    for r in stride(from: rows - 1, through: 0, by: -1) {
                        let size = Double(1 << r)
                        let count = counts[r], start = starts[r]
                        for k in 0..<count {
                            let t = totals[ExponentialHistogram.index(row: r, age: k, start: start, slots: slots)]
                            n0 += size; n1 -= size; u0 += t; u1 -= t
                            if r == 0 && k == count - 1 { return false }
                            guard n0 >= ell && n1 >= ell else { continue }
                            let m = 1 / (n0 - ell + 1) + 1 / (n1 - ell + 1)
                            // Evaluated in River's order of operations, so decisions match it bit for bit.
                            let epsilon = (2 * m * windowVariance * deltaPrime).squareRoot() + linearTerm * m
                            if abs(u0 / n0 - u1 / n1) > epsilon { return true }
                        }
                    }
                    return false
                }
            }
        }
    }
}

extension ADWIN: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        let c = configuration
        writer.write(c.delta); writer.write(c.clock); writer.write(c.maxBuckets)
        writer.write(c.minWindowLength); writer.write(c.gracePeriod); writer.write(c.direction)
        writer.write(c.restartsAfterDrift)
        writer.write(buckets.rows)
        for r in 0..<buckets.rows {
            let row = buckets.bucketsOfRow(r)
            writer.write(row.count)
            for bucket in row {
                writer.write(bucket.total); writer.write(bucket.variance)
            }
        }
        writer.write(sum); writer.write(varianceSum); writer.write(untilCheck); writer.write(width)
        writer.write(detections); writer.write(windowShrank); writer.write(lastState)
    }

    public init(from reader: inout BinaryReader) throws {
        let start = reader.offset
        let c = Configuration(
            delta: try reader.read(), clock: try reader.read(), maxBuckets: try reader.read(),
            minWindowLength: try reader.read(), gracePeriod: try reader.read(), direction: try reader.read(),
            restartsAfterDrift: try reader.read())
        do { try c.validate() } catch { throw ModelFormatError("invalid ADWIN configuration: \(error)", offset: start) }
        self.init(validated: c)
        let savedRows = try reader.read(Int.self)
        guard savedRows >= 1 && savedRows <= 62 else {
            throw ModelFormatError("implausible ADWIN row count \(savedRows)", offset: reader.offset - 8)
        }
        buckets.reserveRows(savedRows)
        for r in 0..<savedRows {
            let count = try reader.read(Int.self)
            guard count >= 0 && count < buckets.slots else {
                throw ModelFormatError("implausible ADWIN bucket count \(count)", offset: reader.offset - 8)
            }
            for _ in 0..<count {
                buckets.append(row: r, total: try reader.read(), variance: try reader.read())
            }
        }
        sum = try reader.read(); varianceSum = try reader.read(); untilCheck = try reader.read()
        guard untilCheck >= 1 && untilCheck <= c.clock else {
            throw ModelFormatError("implausible ADWIN clock state \(untilCheck)", offset: reader.offset - 8)
        }
        width = try reader.read(); detections = try reader.read(); windowShrank = try reader.read()
        lastState = try reader.read()
    }
}
