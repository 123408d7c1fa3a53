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

    // Bucket row r, slot k (k = 0 is the oldest) is at index r * slotsPerRow + k of `totals`/`variances`.
    // Row r summarises 2^r values per bucket; row 0 holds the newest values. Rows beyond `rows` are spare.
    private var totals: [Double]
    private var variances: [Double]
    private var rowCounts: [Int]
    private var rows: Int
    private var sum: Double
    private var varianceSum: Double
    private var time: Int

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
        let slots = configuration.maxBuckets + 1
        totals = [Double](repeating: 0, count: 8 * slots)
        variances = [Double](repeating: 0, count: 8 * slots)
        rowCounts = [Int](repeating: 0, count: 8)
        rows = 1
        sum = 0
        varianceSum = 0
        time = 0
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

    private var slotsPerRow: Int { configuration.maxBuckets + 1 }

    /// Adds `value` to the window and, every `clock` values, shrinks the window while a cut holds.
    /// - Parameter value: The next observation (for an error stream, 1 for a mistake and 0 otherwise).
    /// - Returns: ``DriftState/drift`` when the window was cut in a direction the configuration reports,
    ///   else ``DriftState/stable`` (ADWIN has no warning zone).
    public mutating func update(_ value: Double) -> DriftState {
        let before = estimation
        insert(value)
        time += 1
        windowShrank = false
        if time % configuration.clock == 0 && width > configuration.gracePeriod {
            windowShrank = shrinkWhileCutHolds()
        }
        if windowShrank { detections += 1 }
        let isDrift = windowShrank && configuration.direction.accepts(estimation - before)
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
        for r in 0..<rows { rowCounts[r] = 0 }
        rows = 1
        sum = 0
        varianceSum = 0
        time = 0
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
        let slot = rowCounts[0]
        totals[slot] = value
        variances[slot] = 0
        rowCounts[0] = slot + 1
        compress()
    }

    /// Merges the two oldest buckets of every full row into the next row, cascading upwards.
    private mutating func compress() {
        let slots = slotsPerRow
        var r = 0
        while rowCounts[r] == slots {
            if r + 1 == rows { addRow() }
            let base = r * slots
            let size = Double(1 << r)
            let mean0 = totals[base] / size, mean1 = totals[base + 1] / size
            let merged = variances[base] + variances[base + 1] + size * (mean0 - mean1) * (mean0 - mean1) / 2
            let target = (r + 1) * slots + rowCounts[r + 1]
            totals[target] = totals[base] + totals[base + 1]
            variances[target] = merged
            rowCounts[r + 1] += 1
            for k in 2..<slots {
                totals[base + k - 2] = totals[base + k]
                variances[base + k - 2] = variances[base + k]
            }
            rowCounts[r] -= 2
            if rowCounts[r + 1] < slots { break }
            r += 1
        }
    }

    private mutating func addRow() {
        if rows == rowCounts.count {
            rowCounts.append(0)
            totals.append(contentsOf: repeatElement(0, count: slotsPerRow))
            variances.append(contentsOf: repeatElement(0, count: slotsPerRow))
        }
        rowCounts[rows] = 0
        rows += 1
    }

    /// Drops the oldest bucket and returns how many values it held.
    @discardableResult
    private mutating func deleteOldest() -> Int {
        let r = rows - 1
        let base = r * slotsPerRow
        let size = 1 << r
        let n = Double(size)
        let bucketTotal = totals[base]
        width -= size
        sum -= bucketTotal
        if width > 0 {
            let mean = bucketTotal / n, windowMean = sum / Double(width)
            varianceSum -= variances[base] + n * Double(width) * (mean - windowMean) * (mean - windowMean)
                / (n + Double(width))
        } else {
            varianceSum = 0
        }
        for k in 1..<rowCounts[r] {
            totals[base + k - 1] = totals[base + k]
            variances[base + k - 1] = variances[base + k]
        }
        rowCounts[r] -= 1
        if rowCounts[r] == 0 && rows > 1 { rows -= 1 }
        return size
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
        let slots = slotsPerRow
        let n = Double(width)
        let deltaPrime = (2 * n.log / configuration.delta).log
        let windowVariance = varianceSum / n
        let linearTerm = 2.0 / 3.0 * deltaPrime
        return totals.withUnsafeBufferPointer { totals in
            rowCounts.withUnsafeBufferPointer { rowCounts in
                var n0 = 0.0, n1 = n, u0 = 0.0, u1 = sum
                for r in stride(from: rows - 1, through: 0, by: -1) {
                    let size = Double(1 << r)
                    let base = r * slots
                    let count = rowCounts[r]
                    for k in 0..<count {
                        let t = totals[base + k]
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

extension ADWIN: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        let c = configuration
        writer.write(c.delta); writer.write(c.clock); writer.write(c.maxBuckets)
        writer.write(c.minWindowLength); writer.write(c.gracePeriod); writer.write(c.direction)
        writer.write(c.restartsAfterDrift)
        writer.write(rows)
        let slots = slotsPerRow
        for r in 0..<rows {
            writer.write(rowCounts[r])
            for k in 0..<rowCounts[r] {
                writer.write(totals[r * slots + k]); writer.write(variances[r * slots + k])
            }
        }
        writer.write(sum); writer.write(varianceSum); writer.write(time); writer.write(width)
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
        while rows < savedRows { addRow() }
        let slots = slotsPerRow
        for r in 0..<rows {
            let count = try reader.read(Int.self)
            guard count >= 0 && count < slots else {
                throw ModelFormatError("implausible ADWIN bucket count \(count)", offset: reader.offset - 8)
            }
            rowCounts[r] = count
            for k in 0..<count {
                totals[r * slots + k] = try reader.read(); variances[r * slots + k] = try reader.read()
            }
        }
        sum = try reader.read(); varianceSum = try reader.read(); time = try reader.read()
        width = try reader.read(); detections = try reader.read(); windowShrank = try reader.read()
        lastState = try reader.read()
    }
}
