import Dispatch

/// Runs blocking librdkafka calls on a serial Dispatch queue and bridges the result back with a continuation.
///
/// Why: `rd_kafka_consumer_poll`, `rd_kafka_flush`, commits and transaction calls block their thread for up
/// to their timeout. Swift's cooperative pool has one thread per core (two here), so blocking it would stall
/// every other task; a Dispatch queue's thread is allowed to block. Serial, so one client's calls (and the
/// callbacks librdkafka fires inside them) never overlap. One hop per call: callers batch.
final class BlockingExecutor: Sendable {
    private let queue: DispatchQueue

    /// Creates an executor with its own serial queue.
    ///
    /// - Parameter label: the queue label (shows in debuggers and crash logs).
    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    /// Runs `body` on the executor's queue and returns its result.
    ///
    /// - Parameter body: the blocking work.
    /// - Throws: whatever `body` throws.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}

extension Duration {
    /// This duration in whole milliseconds for librdkafka's `int timeout_ms` parameters (clamped, never negative).
    var milliseconds: Int32 {
        let (seconds, attoseconds) = components
        guard seconds < Int64(Int32.max) else { return Int32.max }
        let total = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(total, 0))
    }
}
