/// How well a drift detector found known changes: changes found, detection delays and false alarms.
///
/// A detection at position *t* finds the true change at *c* when `c ≤ t < c + tolerance` (and no later
/// change starts before *t*); the first such detection sets the change's delay *t − c*. Every other
/// detection is a false alarm, including repeats inside an interval whose change was already found (those
/// are also counted apart, in ``repeatedDetections``). This is the protocol behind the reference table in
/// shared/reference/README.md (River's numbers follow it exactly). Positions count from 0 in the order
/// values were fed, so a change "at instance 50,000" (counted from 1) is position 49,999.
public struct DriftDetectionScore: Sendable, Hashable {
    /// The positions of the true changes (the index of the first value of each new concept), ascending.
    public let trueChanges: [Int]
    /// How many values after a true change a detection may come and still find it.
    public let tolerance: Int
    /// For each true change, the delay of the detection that found it, or nil when none did.
    public private(set) var delays: [Int?]
    /// Detections that found no change: outside every interval, or repeats after the change was found.
    public private(set) var falseAlarms = 0
    /// The false alarms that were repeats inside an interval whose change was already found.
    public private(set) var repeatedDetections = 0
    /// Every detection position recorded, in order.
    public private(set) var detections: [Int] = []

    /// Creates an empty score.
    /// - Parameters:
    ///   - trueChanges: Positions of the true changes, ≥ 0 and strictly ascending.
    ///   - tolerance: The largest delay, in values, that still counts as finding a change; ≥ 1.
    /// - Throws: ``ConfigurationError`` when the changes are not ascending or the tolerance is below 1.
    public init(trueChanges: [Int], tolerance: Int = 10_000) throws {
        try ConfigurationError.check(tolerance >= 1, "tolerance", tolerance, accepted: "an integer ≥ 1")
        let ascending = zip(trueChanges, trueChanges.dropFirst()).allSatisfy { $0 < $1 }
        try ConfigurationError.check(ascending && (trueChanges.first ?? 0) >= 0, "trueChanges", "\(trueChanges)",
                                     accepted: "non-negative positions in strictly ascending order")
        self.trueChanges = trueChanges
        self.tolerance = tolerance
        delays = Array(repeating: nil, count: trueChanges.count)
    }

    /// Records a detection reported at `position`.
    /// - Parameter position: The index of the value whose update reported drift.
    public mutating func record(detectionAt position: Int) {
        detections.append(position)
        // The latest change at or before the detection is the only one it can find.
        var low = 0, high = trueChanges.count
        while low < high {
            let mid = (low + high) / 2
            if trueChanges[mid] <= position { low = mid + 1 } else { high = mid }
        }
        let change = low - 1
        guard change >= 0, position - trueChanges[change] < tolerance else {
            falseAlarms += 1
            return
        }
        if delays[change] == nil {
            delays[change] = position - trueChanges[change]
        } else {
            falseAlarms += 1
            repeatedDetections += 1
        }
    }

    /// How many true changes were found.
    public var found: Int { delays.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    /// The mean delay over the changes found (nil when none was found).
    public var meanDelay: Double? {
        let found = delays.compactMap { $0 }
        return found.isEmpty ? nil : Double(found.reduce(0, +)) / Double(found.count)
    }

    /// Feeds `values` to `detector` and scores its drift reports against the true changes.
    /// - Parameters:
    ///   - detector: The detector, updated in place.
    ///   - values: The stream, such as a learner's 0/1 errors; positions count from 0.
    ///   - trueChanges: Positions of the true changes, strictly ascending.
    ///   - tolerance: The largest delay that still finds a change.
    /// - Returns: The score.
    /// - Throws: ``ConfigurationError`` for invalid changes or tolerance.
    public static func evaluate<D: DriftDetector>(
        _ detector: inout D, on values: some Sequence<Double>, trueChanges: [Int], tolerance: Int = 10_000
    ) throws -> DriftDetectionScore {
        var score = try DriftDetectionScore(trueChanges: trueChanges, tolerance: tolerance)
        for (position, value) in values.enumerated() where detector.update(value) == .drift {
            score.record(detectionAt: position)
        }
        return score
    }
}
