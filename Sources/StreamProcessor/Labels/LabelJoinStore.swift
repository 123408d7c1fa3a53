import OnlineLearning

/// Remembers unlabelled events by id until their label arrives, bounded in size and in time.
///
/// Labels often come later than events (a chargeback weeks after the payment; Grzenda, Gomes & Bifet,
/// "Delayed labelling evaluation for data streams", DMKD 2020). When the label arrives, the remembered
/// instance — as it was seen at prediction time — is learned, and the prediction that was published is
/// scored. Memory stays bounded: at most ``capacity`` entries (`EDDY_LABEL_JOIN_MAX`), the oldest evicted
/// first, and none older than ``ttl`` seconds of processing time (`EDDY_LABEL_TTL`). Time is passed in by the
/// caller, so tests control it. Every way an entry leaves or a label misses is counted. A duplicate id
/// replaces the older entry: the newer prediction is the one a late label refers to.
public struct LabelJoinStore: Sendable {
    /// One remembered prediction.
    public struct Entry: Sendable, Hashable {
        /// The instance as it was seen at prediction time.
        public var instance: Instance
        /// The class that was published.
        public var predictedClass: Int
        /// Whether the published prediction was an abstention.
        public var abstained: Bool
        /// Whether a backup model answered.
        public var fallback: Bool
        /// The input offset of the event.
        public var offset: Int64
        /// The event time, if any (seconds since the epoch).
        public var eventTime: Double?
        /// When it was remembered, in processing-time seconds.
        public var arrival: Double
        /// The model version that made the prediction.
        public var modelVersion: Int

        /// Creates an entry.
        public init(instance: Instance, predictedClass: Int, abstained: Bool, fallback: Bool, offset: Int64,
                    eventTime: Double?, arrival: Double, modelVersion: Int) {
            self.instance = instance
            self.predictedClass = predictedClass
            self.abstained = abstained
            self.fallback = fallback
            self.offset = offset
            self.eventTime = eventTime
            self.arrival = arrival
            self.modelVersion = modelVersion
        }
    }

    /// What happened to remembered events and arriving labels.
    public struct Counters: Sendable, Hashable {
        /// Events remembered.
        public var remembered = 0
        /// Labels that found their event.
        public var joined = 0
        /// Entries dropped because they outlived the TTL.
        public var expired = 0
        /// Entries dropped because the store was full (the oldest go first).
        public var evicted = 0
        /// Labels whose id was not (or no longer) remembered.
        public var unmatched = 0
        /// Events whose id was already remembered (the newer replaced the older).
        public var duplicateIDs = 0

        /// Creates zeroed counters.
        public init() {}
    }

    /// The most entries kept (0 disables remembering).
    public var capacity: Int { entries.capacity }
    /// The longest an entry is kept, in seconds of processing time.
    public var ttl: Double { entries.ttl }
    /// The counts so far.
    public var counters: Counters {
        var c = Counters()
        c.remembered = remembered
        c.joined = joined
        c.unmatched = unmatched
        c.expired = entries.expired
        c.evicted = entries.evicted
        c.duplicateIDs = entries.replaced
        return c
    }

    private var entries: ExpiringIndex<Entry>
    private var remembered = 0
    private var joined = 0
    private var unmatched = 0

    /// Creates an empty store.
    /// - Parameters:
    ///   - capacity: the most entries kept, ≥ 0.
    ///   - ttl: the longest an entry is kept, in seconds, > 0.
    /// - Throws: ``ConfigurationError`` when either is out of range.
    public init(capacity: Int, ttl: Double) throws {
        try ConfigurationError.check(capacity >= 0, "capacity", capacity, accepted: "an integer ≥ 0")
        try ConfigurationError.check(ttl > 0 && ttl.isFinite, "ttl", ttl, accepted: "a finite number of seconds > 0")
        entries = ExpiringIndex(capacity: capacity, ttl: ttl)
    }

    /// The entries currently remembered.
    public var count: Int { entries.count }

    /// Remembers an event's prediction under its id.
    /// - Parameters:
    ///   - id: the event id.
    ///   - entry: what to remember (its ``Entry/arrival`` is the current processing time).
    public mutating func remember(id: String, _ entry: Entry) {
        if entries.insert(id: id, entry, arrival: entry.arrival) { remembered += 1 }
    }

    /// Removes and returns the entry remembered under `id`, counting a join or an unmatched label.
    /// - Parameters:
    ///   - id: the event id the label names.
    ///   - now: the current processing time, in seconds (entries older than the TTL expire first).
    /// - Returns: the entry, or nil when the id is unknown or expired.
    public mutating func take(id: String, now: Double) -> Entry? {
        guard let entry = entries.remove(id: id, now: now) else {
            unmatched += 1
            return nil
        }
        joined += 1
        return entry
    }

    /// Drops the entries older than the TTL.
    /// - Parameter now: the current processing time, in seconds.
    public mutating func expire(now: Double) {
        entries.expire(now: now)
    }
}

extension LabelJoinStore {
    /// Counts a label that cannot match any event (for example one naming no known class).
    public mutating func countUnmatched() { unmatched += 1 }

    /// Whether an event is remembered under `id` (possibly past its TTL until the next expiry): lets the
    /// runtime route a late label to the partition that holds its event without counting a miss elsewhere.
    /// - Parameter id: the event id.
    public func contains(id: String) -> Bool { entries.contains(id: id) }
}
