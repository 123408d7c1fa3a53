import Synchronization

/// The outcome of producing one message: where it was written, or why it was not.
public struct KafkaDeliveryReport: Sendable, Hashable {
    /// The message's position in the batch passed to ``KafkaProducer/send(_:)``.
    public var index: Int
    /// The partition the message was written to (-1 if it was never assigned one).
    public var partition: Int32
    /// The offset the broker assigned (-1 when unknown or failed).
    public var offset: Int64
    /// Why the message was not delivered, or `nil` when it was.
    public var error: KafkaError?
}

/// Tracks the delivery of one batch handed to ``KafkaProducer/send(_:)``; await it to learn the outcome.
///
/// Why a batch object: delivery reports arrive on the producer's polling thread, many per librdkafka event.
/// Each message's librdkafka *opaque* is the address of its slot in this object's buffer, so recording a
/// report is a plain store plus one atomic decrement, with no lock and no allocation per message; the
/// object locks only once, when the last report arrives, to wake the waiters.
public final class KafkaDeliveryAcknowledgement: @unchecked Sendable {
    // @unchecked: `slots` is raw memory. Slot i is written by exactly one party (the polling thread, or the
    // sender when librdkafka refuses the message) and read only after `pending` reached zero, which the
    // acquiring-and-releasing decrement plus the `state` lock order before any read.

    /// One message's delivery outcome; its address is the message's librdkafka opaque.
    struct Slot {
        var owner: Unmanaged<KafkaDeliveryAcknowledgement>
        var partition: Int32
        var offset: Int64
    }

    private struct State {
        var done = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        var failures: [Int: KafkaError] = [:]
    }

    /// The number of messages in the batch.
    public let count: Int
    let slots: UnsafeMutablePointer<Slot>
    private let pending: Atomic<Int>
    private let state = Mutex(State())

    /// Creates the tracker for `count` messages and keeps itself alive until every message is reported.
    init(count: Int) {
        self.count = count
        self.pending = Atomic(count)
        self.slots = UnsafeMutablePointer<Slot>.allocate(capacity: max(count, 1))
        let unretained = Unmanaged<KafkaDeliveryAcknowledgement>.passUnretained(self)
        slots.initialize(repeating: Slot(owner: unretained, partition: -1, offset: -1), count: max(count, 1))
        if count == 0 {
            state.withLock { $0.done = true }
        } else {
            // Balanced by `finish()`: the polling thread may be the last holder while deliveries are in flight.
            _ = Unmanaged.passRetained(self)
        }
    }

    deinit {
        slots.deinitialize(count: max(count, 1))
        slots.deallocate()
    }

    /// The opaque pointer for message `index`.
    func opaque(for index: Int) -> UnsafeMutableRawPointer { UnsafeMutableRawPointer(slots + index) }

    /// Successful deliveries recorded in a row for one batch, settled with one atomic update (polling thread only).
    ///
    /// Safe to defer: a batch cannot complete (and release itself) while reports counted here are unsettled.
    struct DeliveryRun {
        private var owner: Unmanaged<KafkaDeliveryAcknowledgement>?
        private var count = 0

        /// Records a successful delivery for the message whose opaque is `opaque`.
        mutating func delivered(opaque: UnsafeMutableRawPointer, partition: Int32, offset: Int64) {
            let slot = opaque.assumingMemoryBound(to: Slot.self)
            slot.pointee.partition = partition
            slot.pointee.offset = offset
            if let owner, owner.toOpaque() != slot.pointee.owner.toOpaque() { settle() }
            owner = slot.pointee.owner
            count += 1
        }

        /// Applies the deliveries counted so far to their batch.
        mutating func settle() {
            guard let owner, count > 0 else { return }
            // The batch keeps itself alive until its last report, so no retain is needed to reach it.
            owner._withUnsafeGuaranteedRef { $0.resolve(count) }
            self.owner = nil
            count = 0
        }
    }

    /// Records a failed delivery for the message whose opaque is `opaque`.
    static func failed(opaque: UnsafeMutableRawPointer, partition: Int32, error: KafkaError) {
        let slot = opaque.assumingMemoryBound(to: Slot.self)
        slot.pointee.partition = partition
        let owner = slot.pointee.owner.takeUnretainedValue()
        owner.fail(index: slot - owner.slots, error: error)
    }

    /// Records that message `index` failed before librdkafka accepted it.
    func fail(index: Int, error: KafkaError) {
        state.withLock { $0.failures[index] = error }
        resolveOne()
    }

    private func resolveOne() { resolve(1) }

    private func resolve(_ count: Int) {
        if pending.wrappingSubtract(count, ordering: .acquiringAndReleasing).oldValue == count { finish() }
    }

    private func finish() {
        let waiters = state.withLock { state in
            state.done = true
            let waiters = state.waiters
            state.waiters = []
            return waiters
        }
        for waiter in waiters { waiter.resume() }
        Unmanaged.passUnretained(self).release()
    }

    /// Whether every message of the batch has been reported.
    public var isComplete: Bool { state.withLock { $0.done } }

    /// Waits until every message is reported (delivered, failed, or purged on close).
    public func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state in
                if state.done { return true }
                state.waiters.append(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Waits for the batch and throws the first failure, if any message was not delivered.
    ///
    /// - Throws: ``KafkaError`` of the lowest-index failed message, with `kafka.batch_index` in its context
    ///   and `kafka.batch_failures` (how many failed).
    public func acknowledged() async throws {
        await wait()
        let failures = state.withLock { $0.failures }
        if let first = failures.min(by: { $0.key < $1.key }) {
            throw first.value.adding(context: [
                KafkaMetadataKey.batchIndex: String(first.key), KafkaMetadataKey.batchFailures: String(failures.count),
            ])
        }
    }

    /// Waits for the batch and returns one report per message, in batch order.
    public func reports() async -> [KafkaDeliveryReport] {
        await wait()
        let failures = state.withLock { $0.failures }
        return (0..<count).map { index in
            let slot = slots[index]
            let error = failures[index]
            return KafkaDeliveryReport(
                index: index, partition: slot.partition, offset: error == nil ? slot.offset : -1, error: error)
        }
    }
}
