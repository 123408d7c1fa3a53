import OnlineLearning

/// The demo's synthetic labelled stream: SEA concepts (Street & Kim 2001) with one abrupt drift.
///
/// Each event has three numeric features uniform in [0, 10); its class is `groupA` when `x1 + x2 ≤ θ` and
/// `groupB` otherwise (`x3` is irrelevant), and a fraction of labels is flipped as noise, like MOA's
/// `SEAGenerator`. θ is 8 (SEA function 1) before ``driftAt`` and 9.5 (function 4) from it on, so about 13%
/// of the feature space changes class at once: a concept drift P(y|x) with P(x) unchanged.
struct DemoStream {
    /// The class names, in label-index order.
    static let classes = ["groupA", "groupB"]

    /// The first event of the new concept.
    let driftAt: Int
    /// The fraction of labels flipped at random.
    let noise: Double
    /// The threshold before and after the drift.
    let thresholds = (before: 8.0, after: 9.5)
    private var random: RandomSource

    /// Creates the stream.
    ///
    /// - Parameters:
    ///   - seed: the random seed (the same seed gives the same events).
    ///   - driftAt: the index of the first event of the second concept.
    ///   - noise: the probability of flipping a label (MOA's default 10%).
    init(seed: UInt64, driftAt: Int, noise: Double = 0.1) {
        self.random = RandomSource(seed: seed)
        self.driftAt = driftAt
        self.noise = noise
    }

    /// The JSON of event `index`, as a producer would publish it:
    /// `{"id":"e-1","ts":"2026-11-29T10:00:00.001Z","x1":…,"x2":…,"x3":…,"class":"groupA"}`.
    ///
    /// - Parameter index: the event's position in the stream (events must be drawn in order).
    mutating func next(index: Int) -> [UInt8] {
        let x1 = random.nextDouble() * 10
        let x2 = random.nextDouble() * 10
        let x3 = random.nextDouble() * 10
        let threshold = index < driftAt ? thresholds.before : thresholds.after
        var label = x1 + x2 <= threshold ? 0 : 1
        if random.nextDouble() < noise { label = 1 - label }
        var json = "{\"id\":\"e-\(index)\",\"ts\":\"\(Self.timestamp(index))\","
        json += "\"x1\":\(Self.decimal(x1)),\"x2\":\(Self.decimal(x2)),\"x3\":\(Self.decimal(x3)),"
        json += "\"class\":\"\(Self.classes[label])\"}"
        return Array(json.utf8)
    }

    /// An ISO 8601 UTC time, one millisecond per event from 2026-11-29T10:00:00Z.
    private static func timestamp(_ index: Int) -> String {
        let milliseconds = index % 1000
        let seconds = index / 1000
        let (hour, minute, second) = (10 + seconds / 3600, (seconds / 60) % 60, seconds % 60)
        return "2026-11-29T\(pad(hour % 24, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(milliseconds, 3))Z"
    }

    /// `value` (non-negative) with exactly four decimals.
    private static func decimal(_ value: Double) -> String {
        let scaled = Int((value * 10_000).rounded())
        return "\(scaled / 10_000).\(pad(scaled % 10_000, 4))"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(width - digits.count, 0)) + digits
    }
}
