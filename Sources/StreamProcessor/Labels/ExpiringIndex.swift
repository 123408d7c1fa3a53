/// Values kept by id in arrival order, bounded in number and in age: the memory behind ``LabelJoinStore``
/// (events waiting for their label) and the runtime's early labels (labels waiting for their event).
///
/// Entries sit in arrival order in a ring; a dictionary maps each id to its entry's sequence number. A
/// duplicate id replaces the older entry, leaving a stale slot in the ring that is skipped when it reaches
/// the head. Time is passed in by the caller (seconds of processing time), so tests control it.
struct ExpiringIndex<Value: Sendable>: Sendable {
    /// The most entries kept (0 keeps none).
    let capacity: Int
    /// The longest an entry is kept, in seconds.
    let ttl: Double
    /// Entries dropped because they outlived ``ttl`` (a running total).
    private(set) var expired = 0
    /// Entries dropped to make room, the oldest first, or refused because ``capacity`` is 0 (a running total).
    private(set) var evicted = 0
    /// Insertions whose id was already present (the newer replaced the older; a running total).
    private(set) var replaced = 0

    private var index: [String: (sequence: UInt64, arrival: Double, value: Value)] = [:]
    /// Arrival order: ids with the sequence number they were inserted under; a slot whose sequence no longer
    /// matches the index is stale (its entry was taken, expired or replaced).
    private var order: [(id: String, sequence: UInt64)] = []
    private var head = 0
    private var nextSequence: UInt64 = 0

    init(capacity: Int, ttl: Double) {
        self.capacity = capacity
        self.ttl = ttl
    }

    /// The entries currently kept.
    var count: Int { index.count }

    /// Whether an entry is kept under `id` (possibly past its TTL until the next expiry).
    func contains(id: String) -> Bool { index[id] != nil }

    /// Keeps `value` under `id`, expiring what is older than the TTL at `arrival` and evicting the oldest
    /// entry when full.
    /// - Returns: false when nothing can be kept (``capacity`` is 0; counted as evicted).
    @discardableResult
    mutating func insert(id: String, _ value: Value, arrival: Double) -> Bool {
        expire(now: arrival)
        guard capacity > 0 else { evicted += 1; return false }
        if index[id] != nil {
            replaced += 1
        } else if index.count >= capacity {
            evictOldest()
        }
        let sequence = nextSequence
        nextSequence &+= 1
        index[id] = (sequence, arrival, value)
        order.append((id, sequence))
        compactIfNeeded()
        return true
    }

    /// Removes and returns the value kept under `id`, after expiring what is older than the TTL at `now`.
    mutating func remove(id: String, now: Double) -> Value? {
        expire(now: now)
        guard let slot = index.removeValue(forKey: id) else { return nil }
        compactIfNeeded()
        return slot.value
    }

    /// Drops the entries older than the TTL at `now`.
    mutating func expire(now: Double) {
        while head < order.count {
            let slot = order[head]
            guard let live = index[slot.id], live.sequence == slot.sequence else { head += 1; continue }
            guard now - live.arrival >= ttl else { break }
            index.removeValue(forKey: slot.id)
            expired += 1
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
                evicted += 1
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
