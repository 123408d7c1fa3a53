/// ADWIN's window summary: an exponential histogram of buckets holding the sum and variance of their values.
///
/// Row r holds up to `maxBuckets` buckets of 2^r values each (briefly one more, before the two oldest merge
/// into a bucket of row r + 1), so a window of width W needs O(maxBuckets · log W) buckets (Datar et al.
/// 2002; Babcock et al. 2003 for the variances). Each row is a ring of `maxBuckets + 1` slots in two flat
/// arrays, so inserting, merging and dropping the oldest bucket move no other bucket and allocate nothing
/// except when the window first reaches a new power of two.
struct ExponentialHistogram: Sendable {
    /// Slots per row: `maxBuckets + 1`.
    let slots: Int
    /// Bucket sums; row r's ring occupies indices r·slots ..< (r+1)·slots.
    private(set) var totals: [Double]
    /// Bucket variances (sums of squared deviations from the bucket's mean), laid out like `totals`.
    private(set) var variances: [Double]
    /// How many buckets each row holds.
    private(set) var counts: [Int]
    /// The ring position of each row's oldest bucket.
    private(set) var starts: [Int]
    /// Rows in use (at least 1); the arrays always have room for one more.
    private(set) var rows = 1

    /// Creates an empty histogram whose rows keep up to `maxBuckets` buckets.
    init(maxBuckets: Int) {
        slots = maxBuckets + 1
        totals = [Double](repeating: 0, count: 8 * slots)
        variances = [Double](repeating: 0, count: 8 * slots)
        counts = [Int](repeating: 0, count: 8)
        starts = [Int](repeating: 0, count: 8)
    }

    /// The array index of the `k`-th oldest bucket of row `r` (k < slots).
    @inline(__always)
    static func index(row r: Int, age k: Int, start: Int, slots: Int) -> Int {
        var i = start + k
        if i >= slots { i -= slots }
        return r * slots + i
    }

    /// Empties the histogram, keeping its storage.
    mutating func removeAll() {
        for r in 0..<rows {
            counts[r] = 0
            starts[r] = 0
        }
        rows = 1
    }

    /// Adds a bucket of one value, then merges the two oldest buckets of every full row upwards.
    mutating func insert(_ value: Double) {
        if rows == counts.count { growRows() }
        let slots = slots
        rows = totals.withUnsafeMutableBufferPointer { totals in
            variances.withUnsafeMutableBufferPointer { variances in
                counts.withUnsafeMutableBufferPointer { counts in
                    starts.withUnsafeMutableBufferPointer { starts in
                        let i = Self.index(row: 0, age: counts[0], start: starts[0], slots: slots)
                        totals[i] = value
                        variances[i] = 0
                        counts[0] += 1
                        return Self.compress(totals, variances, counts, starts, rows: rows, slots: slots)
                    }
                }
            }
        }
    }

    /// Merges full rows upwards and returns the rows in use afterwards (at most one more than before).
    private static func compress(
        _ totals: UnsafeMutableBufferPointer<Double>, _ variances: UnsafeMutableBufferPointer<Double>,
        _ counts: UnsafeMutableBufferPointer<Int>, _ starts: UnsafeMutableBufferPointer<Int>, rows: Int, slots: Int
    ) -> Int {
        var rows = rows
        var r = 0
        while counts[r] == slots {
            if r + 1 == rows {
                counts[rows] = 0
                starts[rows] = 0
                rows += 1
            }
            let first = index(row: r, age: 0, start: starts[r], slots: slots)
            let second = index(row: r, age: 1, start: starts[r], slots: slots)
            let size = Double(1 << r)
            let mean0 = totals[first] / size, mean1 = totals[second] / size
            let target = index(row: r + 1, age: counts[r + 1], start: starts[r + 1], slots: slots)
            totals[target] = totals[first] + totals[second]
            variances[target] = variances[first] + variances[second] + size * (mean0 - mean1) * (mean0 - mean1) / 2
            counts[r + 1] += 1
            var start = starts[r] + 2
            if start >= slots { start -= slots }
            starts[r] = start
            counts[r] -= 2
            if counts[r + 1] < slots { break }
            r += 1
        }
        return rows
    }

    /// Removes the oldest bucket and returns how many values it held, its sum and its variance.
    mutating func removeOldest() -> (size: Int, total: Double, variance: Double) {
        let r = rows - 1
        let i = Self.index(row: r, age: 0, start: starts[r], slots: slots)
        let removed = (1 << r, totals[i], variances[i])
        starts[r] = starts[r] + 1 == slots ? 0 : starts[r] + 1
        counts[r] -= 1
        if counts[r] == 0 && rows > 1 { rows -= 1 }
        return removed
    }

    /// Empties the histogram and makes `count` rows available, all empty; for restoring saved state.
    mutating func reserveRows(_ count: Int) {
        removeAll()
        while counts.count <= count { growRows() }
        rows = max(1, count)
    }

    /// Appends a bucket as the newest of row `r` (< `rows`); for restoring saved state.
    mutating func append(row r: Int, total: Double, variance: Double) {
        let i = Self.index(row: r, age: counts[r], start: starts[r], slots: slots)
        totals[i] = total
        variances[i] = variance
        counts[r] += 1
    }

    /// Each row's buckets, oldest first, as (sum, variance) pairs; for saving state.
    func bucketsOfRow(_ r: Int) -> [(total: Double, variance: Double)] {
        (0..<counts[r]).map { k in
            let i = Self.index(row: r, age: k, start: starts[r], slots: slots)
            return (totals[i], variances[i])
        }
    }

    private mutating func growRows() {
        counts.append(0)
        starts.append(0)
        totals.append(contentsOf: repeatElement(0, count: slots))
        variances.append(contentsOf: repeatElement(0, count: slots))
    }
}
