import OnlineLearning

/// Remembers unlabelled events by id until their label arrives, bounded in size and in time.
///
/// Labels often come later than events (a chargeback weeks after the payment; Grzenda, Gomes & Bifet,
/// "Delayed labelling evaluation for data streams", DMKD 2020). When the label arrives, the remembered
/// instance — as it was seen at prediction time — is learned, and the prediction that was published is
/// scored. Memory stays bounded: at most ``capacity`` entries (`EDDY_LABEL_JOIN_MAX`), the oldest evicted
/// first, and none older than ``ttl`` seconds of processing time (`EDDY_LABEL_TTL`). Time is passed in by the
/// caller, so tests control it. Every way an entry leaves or a label misses is counted.
///
/// Entries sit in arrival order in a ring; a dictionary maps each id to its entry's sequence number. A
/// duplicate id replaces the older entry (the newer prediction is the one a late label refers to), leaving
/// a stale slot in the ring that is skipped when it reaches the head.
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
    public let capacity: Int
    /// The longest an entry is kept, in seconds of processing time.
    public let ttl: Double
    /// The counts so far.
    public private(set) var counters = Counters()

    private var index: [String: (sequence: UInt64, entry: Entry)] = [:]
    /// Arrival order: ids with the sequence number they were remembered under; a slot whose sequence no
    /// longer matches the index is stale (its entry was joined, expired or replaced).
    private var order: [(id: String, sequence: UInt64)] = []
    private var head = 0
    private var nextSequence: UInt64 = 0

    /// Creates an empty store.
    /// - Parameters:
    ///   - capacity: the most entries kept, ≥ 0.
    ///   - ttl: the longest an entry is kept, in seconds, > 0.
    /// - Throws: ``ConfigurationError`` when either is out of range.
    public init(capacity: Int, ttl: Double) throws {
        try ConfigurationError.check(capacity >= 0, "capacity", capacity, accepted: "an integer ≥ 0")
        try ConfigurationError.check(ttl > 0 && ttl.isFinite, "ttl", ttl, accepted: "a finite number of seconds > 0")
        self.capacity = capacity
        self.ttl = ttl
    }

    /// The entries currently remembered.
    public var count: Int { index.count }

    /// Remembers an event's prediction under its id.
    /// - Parameters:
    ///   - id: the event id.
    ///   - entry: what to remember (its ``Entry/arrival`` is the current processing time).
    public mutating func remember(id: String, _ entry: Entry) {
        expire(now: entry.arrival)
        guard capacity > 0 else { counters.evicted += 1; return }
        if index[id] != nil {
            counters.duplicateIDs += 1
        } else if index.count >= capacity {
            evictOldest()
        }
        let sequence = nextSequence
        nextSequence &+= 1
        index[id] = (sequence, entry)
        order.append((id, sequence))
        counters.remembered += 1
        compactIfNeeded()
    }

    /// Removes and returns the entry remembered under `id`, counting a join or an unmatched label.
    /// - Parameters:
    ///   - id: the event id the label names.
    ///   - now: the current processing time, in seconds (entries older than the TTL expire first).
    /// - Returns: the entry, or nil when the id is unknown or expired.
    public mutating func take(id: String, now: Double) -> Entry? {
        expire(now: now)
        guard let slot = index.removeValue(forKey: id) else {
            counters.unmatched += 1
            return nil
        }
        counters.joined += 1
        compactIfNeeded()
        return slot.entry
    }

    /// Drops the entries older than the TTL.
    /// - Parameter now: the current processing time, in seconds.
    public mutating func expire(now: Double) {
        while head < order.count {
            let slot = order[head]
            guard let live = index[slot.id], live.sequence == slot.sequence else { head += 1; continue }
            guard now - live.entry.arrival >= ttl else { break }
            index.removeValue(forKey: slot.id)
            counters.expired += 1
            head += 1
        }
        compactIfNeeded()
    }

    private mutating func evictOldest() {
        while head < order.count {
            let slot = order[head]
            head += 1
            if let live = index[slot.id], live.sequence == slot.sequence {
                index.removeValue(forKey: slot.id)
                counters.evicted += 1
                return
            }
        }
    }

    /// Keeps the order ring proportional to the live entries: drops the consumed prefix, and when stale
    /// slots pile up behind a long-lived head entry, filters them out (amortised O(1) per operation).
    private mutating func compactIfNeeded() {
        if head == order.count {
            order.removeAll(keepingCapacity: true)
            head = 0
        } else if order.count - head > 4 * max(index.count, 1024) {
            order = order[head...].filter { index[$0.id]?.sequence == $0.sequence }
            head = 0
        } else if head > 1024 && head * 2 > order.count {
            order.removeSubrange(0..<head)
            head = 0
        }
    }
}

extension LabelJoinStore {
    /// Counts a label that cannot match any event (for example one naming no known class).
    public mutating func countUnmatched() { counters.unmatched += 1 }

    /// Whether an event is remembered under `id` (possibly past its TTL until the next expiry): lets the
    /// runtime route a late label to the partition that holds its event without counting a miss elsewhere.
    /// - Parameter id: the event id.
    public func contains(id: String) -> Bool { index[id] != nil }
}
