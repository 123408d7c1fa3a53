/// The most recent decode-to-emit latencies, with their count and sum, for percentiles and a summary metric.
public struct LatencySamples: Sendable, Hashable {
    /// The samples kept, in milliseconds, in ring order.
    public private(set) var samples: [Double]
    /// How many samples the ring holds at most.
    public let capacity: Int
    /// Every sample ever added.
    public private(set) var count = 0
    /// The sum of every sample ever added, in milliseconds.
    public private(set) var sum = 0.0
    /// The largest sample ever added, in milliseconds.
    public private(set) var max = 0.0
    private var next = 0

    /// Creates an empty ring.
    /// - Parameter capacity: the samples kept (at least 1).
    public init(capacity: Int) {
        self.capacity = Swift.max(1, capacity)
        samples = []
        samples.reserveCapacity(self.capacity)
    }

    /// Adds one latency.
    /// - Parameter milliseconds: the latency.
    public mutating func add(_ milliseconds: Double) {
        count += 1
        sum += milliseconds
        if milliseconds > max { max = milliseconds }
        if samples.count < capacity { samples.append(milliseconds) } else { samples[next] = milliseconds }
        next = (next + 1) % capacity
    }

    /// The `q`-quantile of the kept samples (nearest rank), or nil without samples.
    /// - Parameter q: the quantile, in [0, 1].
    public func quantile(_ q: Double) -> Double? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let rank = Int((Swift.min(Swift.max(q, 0), 1) * Double(sorted.count - 1)).rounded())
        return sorted[rank]
    }
}
