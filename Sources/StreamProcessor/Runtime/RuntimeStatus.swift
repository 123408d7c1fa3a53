import Synchronization

/// What `/readyz` and `/healthz` report: a few flags the runtime updates and the HTTP thread reads.
///
/// Atomics rather than a lock: the runtime writes them once per rebalance or batch and the endpoint reads
/// them per request, from another thread.
public final class RuntimeStatus: Sendable {
    private let assigned = Atomic<Int>(0)
    private let producerHealthy = Atomic<Bool>(true)
    private let stopping = Atomic<Bool>(false)

    /// Creates a status: no partitions, producer healthy, not stopping.
    public init() {}

    /// The number of input partitions currently assigned to this instance.
    public var assignedPartitions: Int {
        get { assigned.load(ordering: .relaxed) }
        set { assigned.store(newValue, ordering: .relaxed) }
    }

    /// Whether the last batch's outputs were acknowledged and the producer reports no fatal error.
    public var isProducerHealthy: Bool {
        get { producerHealthy.load(ordering: .relaxed) }
        set { producerHealthy.store(newValue, ordering: .relaxed) }
    }

    /// Whether shutdown has begun (readiness is withdrawn first, so load balancers stop early).
    public var isStopping: Bool {
        get { stopping.load(ordering: .relaxed) }
        set { stopping.store(newValue, ordering: .relaxed) }
    }

    /// Ready: input partitions assigned, the producer healthy and not stopping.
    public var isReady: Bool { assignedPartitions > 0 && isProducerHealthy && !isStopping }

    /// Why the instance is not ready, in words (empty when ready).
    public var notReadyReason: String {
        if isStopping { return "shutting down" }
        if assignedPartitions == 0 { return "no input partitions assigned" }
        if !isProducerHealthy { return "the producer is failing" }
        return ""
    }
}
