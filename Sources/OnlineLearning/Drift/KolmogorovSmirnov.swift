/// The two-sample Kolmogorov-Smirnov test for two samples of equal size, as ``KSWIN`` needs it.
///
/// With both samples of size n, the statistic D is a multiple of 1/n, written here as an integer number of
/// steps k = n·D. Its exact two-sided p-value P(D ≥ k/n) is the probability that a uniformly random lattice
/// path from (0, 0) to (n, n) touches the band |i − j| ≥ k (Hodges 1957; SciPy's `ks_2samp` exact method).
enum KolmogorovSmirnov {
    /// The statistic of two sorted samples of equal size, in steps of 1/n: the largest gap between their
    /// empirical distribution functions, evaluated after all values equal to each point (ties as in SciPy).
    static func statisticSteps(_ a: [Double], _ b: [Double]) -> Int {
        let n = a.count
        var i = 0, j = 0, best = 0
        while i < n && j < n {
            let v = min(a[i], b[j])
            while i < n && a[i] <= v { i += 1 }
            while j < n && b[j] <= v { j += 1 }
            best = max(best, abs(i - j))
        }
        return best
    }

    /// The exact probability, under the null hypothesis, of a statistic of at least `steps`/`sampleSize`.
    static func pValue(steps: Int, sampleSize n: Int) -> Double {
        guard steps > 0 else { return 1 }
        guard steps <= n else { return 0 }
        // Probability mass of paths still inside the band, by row i (steps taken in the first sample) and
        // column j; a step into |i − j| ≥ steps is absorbed into `outside`.
        var inside = [Double](repeating: 0, count: (n + 1) * (n + 1))
        inside[0] = 1
        var outside = 0.0
        for i in 0...n {
            for j in 0...n {
                let p = inside[i * (n + 1) + j]
                guard p > 0 else { continue }
                let remaining = Double(2 * n - i - j)
                if i < n {
                    let q = p * Double(n - i) / remaining
                    if abs(i + 1 - j) >= steps { outside += q } else { inside[(i + 1) * (n + 1) + j] += q }
                }
                if j < n {
                    let q = p * Double(n - j) / remaining
                    if abs(i - j - 1) >= steps { outside += q } else { inside[i * (n + 1) + j + 1] += q }
                }
            }
        }
        return min(1, outside)
    }

    /// The smallest number of steps whose p-value is at most `alpha` (n + 1 when none is).
    static func criticalSteps(sampleSize n: Int, alpha: Double) -> Int {
        var low = 1, high = n + 1
        while low < high {
            let mid = (low + high) / 2
            if pValue(steps: mid, sampleSize: n) <= alpha { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
