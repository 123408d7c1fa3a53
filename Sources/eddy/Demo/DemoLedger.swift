import Synchronization

/// What the demo's producer published, shared with the monitor that scores Eddy's predictions, and how
/// the producer and the runtime ended.
///
/// The generator knows each event's true class and when it was sent; Eddy's predictions carry the event
/// id, so the monitor looks both up by event index to score accuracy over every prediction (including events
/// whose label arrives later) and to measure the time from publishing an event to its prediction. A mutex
/// rather than an actor: the producer appends a batch and the monitor reads a batch, each under one lock.
final class DemoLedger: Sendable {
    /// The ledger's contents.
    struct State {
        /// The true class of event `i` (-1 for a malformed event).
        var labels: [Int8] = []
        /// When event `i` was handed to the producer, in milliseconds since the epoch.
        var sentMilliseconds: [Int64] = []
        /// Malformed events by defect (the reason code Eddy should report).
        var malformed: [String: Int] = [:]
        /// Label records sent on the labels topic.
        var labelsSent = 0
        /// Whether the producer has finished (every event and label acknowledged, or it failed).
        var finished = false
        /// Why the producer failed, if it did.
        var producerError: String?
        /// Whether the runtime's service group has returned.
        var runtimeStopped = false
        /// Why the runtime failed, if it did.
        var runtimeError: String?
    }

    private let state = Mutex(State())

    /// Runs `body` with the ledger locked.
    /// - Parameter body: reads or changes the state; keep it short, the other side waits.
    /// - Returns: what `body` returns.
    func withState<R: Sendable>(_ body: (inout State) -> R) -> R {
        state.withLock { body(&$0) }
    }
}
