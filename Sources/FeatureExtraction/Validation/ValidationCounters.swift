/// Per-reason counts of validation outcomes, in a plain struct the stream processor exports as metrics.
///
/// `hits` counts every time a rule fired, whatever its policy did (an imputed value, an unseen category
/// mapped to `other`, an ignored extra field); `rejections` counts the events sent to the dead-letter topic,
/// each under the one reason that rejected it. So `accepted + Σ rejections == events`, and nothing is
/// dropped without a count.
public struct ValidationCounters: Sendable, Hashable {
    /// The events looked at.
    public internal(set) var events = 0
    /// The events that became instances.
    public internal(set) var accepted = 0
    @usableFromInline var hitCounts = Array(repeating: 0, count: ReasonCode.count)
    @usableFromInline var rejectionCounts = Array(repeating: 0, count: ReasonCode.count)

    /// Creates zeroed counters.
    public init() {}

    /// How often `reason`'s rule fired.
    public func hits(_ reason: ReasonCode) -> Int { hitCounts[reason.ordinal] }

    /// How many events were rejected for `reason`.
    public func rejections(_ reason: ReasonCode) -> Int { rejectionCounts[reason.ordinal] }

    /// The events rejected for any reason.
    public var rejected: Int { rejectionCounts.reduce(0, +) }

    /// Adds another set of counters (from another partition's extractor) to these.
    public mutating func add(_ other: ValidationCounters) {
        events += other.events
        accepted += other.accepted
        for i in 0..<ReasonCode.count {
            hitCounts[i] += other.hitCounts[i]
            rejectionCounts[i] += other.rejectionCounts[i]
        }
    }

    @inline(__always) mutating func hit(_ reason: ReasonCode) { hitCounts[reason.ordinal] += 1 }

    @inline(__always) mutating func reject(_ reason: ReasonCode) { rejectionCounts[reason.ordinal] += 1 }
}
