import Dispatch
import FeatureExtraction
import OnlineLearning
import Synchronization

/// One partition's measures, as the runtime exports them.
public struct PartitionSnapshot: Sendable {
    /// The input topic.
    public var topic: String
    /// The input partition.
    public var partition: Int32
    /// The pipeline's measures.
    public var metrics: PipelineMetrics
}

/// The runtime's view of the pipelines, whatever their model type: created on assignment, dropped on
/// revocation, fed per batch.
///
/// ``PartitionRouter`` implements it for one concrete model type; the runtime holds it as an existential,
/// so the one dynamic call per batch stays off the per-event path.
protocol PartitionRouting: Sendable {
    /// Creates the pipeline of an input partition (a fresh model; nothing happens if it exists).
    mutating func assign(topic: String, partition: Int32) throws
    /// Drops the pipeline of an input partition (its model and remembered events go with it).
    mutating func revoke(topic: String, partition: Int32)
    /// Processes input records (runs of one partition, each in offset order) and then label records,
    /// appending every output in order.
    mutating func process(inputs: [InputRecord], labels: [InputRecord], into outputs: inout [OutputRecord]) throws
    /// Drops remembered events and early labels older than the label TTL (they also go as records arrive;
    /// call it on a timer so that the counts stay current while the input is idle).
    mutating func expireLabels()
    /// Every pipeline's measures (allocates; call it when exporting).
    func snapshots() -> [PartitionSnapshot]
    /// The number of pipelines.
    var count: Int { get }
    /// The label measures kept by the router rather than by a pipeline.
    var labelCounts: RouterLabelCounts { get }
}

/// The label measures the router keeps itself, beside the pipelines' (``PipelineMetrics/labelJoin``).
struct RouterLabelCounts: Sendable, Hashable {
    /// Well-formed label records routed (a running total; a malformed one is counted by the pipeline that
    /// dead-letters it).
    var records = 0
    /// Labels that joined no event and no pipeline counted: their event did not come within the TTL, newer
    /// early labels pushed them out, or no pipeline existed to take a malformed one (a running total).
    var unmatched = 0
    /// Labels waiting for their event now.
    var waiting = 0
}

/// The pipelines of the input partitions this instance owns, for one model type, and the routing of late
/// labels to the pipeline that remembers the event.
///
/// The runs of a batch's partitions are processed by up to ``workers`` threads at once: each run's pipeline
/// leaves the table for the duration, so no two threads touch the same state, and the outputs are appended
/// in the order of the runs, exactly as one thread would. Label records are applied afterwards, on one.
///
/// Labels come from their own topic, whose partitions need not line up with the input's; a label record is
/// parsed once here and handed to the pipeline whose label store holds its id. A malformed label record
/// becomes a dead letter through the first pipeline (which counts it).
///
/// A label whose event no pipeline remembers waits here, as in a windowed stream-stream join: the labels
/// topic can run ahead of the input (a restart with a backlog on both, a slow input partition). Early labels
/// are bounded like remembered events (`EDDY_LABEL_JOIN_MAX` of them, `EDDY_LABEL_TTL`, the oldest evicted
/// first). While any wait, the pipelines report the ids of the events they remember, and after the batch's
/// events are processed each early label whose event came is applied to that event's pipeline: the event
/// was predicted first, then scored and learned, as a late label would have it. A label that waits in vain
/// (a second label for a joined event, an event that never comes) is counted unmatched when it leaves.
struct PartitionRouter<Model: ExplainingClassifier>: PartitionRouting {
    /// An untrained pipeline whose ``PartitionPipeline/fresh(topic:partition:)`` makes each partition's.
    let template: PartitionPipeline<Model>
    var pipelines: [PartitionKey: PartitionPipeline<Model>] = [:]
    var labelDecoder: LabelDecoder
    /// Labels that came before their event, by event id, waiting for it.
    var earlyLabels: ExpiringIndex<Int>
    /// Well-formed label records routed.
    var labelRecords = 0
    /// Label records no pipeline could take: malformed ones while no pipeline existed, and without a label
    /// store (`EDDY_LABEL_JOIN_MAX=0`) well-formed ones too.
    var orphanLabels = 0
    /// How many partitions' runs are processed at once.
    let workers: Int
    /// The fewest input records for which a batch is spread over workers (below it, handing work to another
    /// thread costs more than it saves).
    static var parallelThreshold: Int { 64 }

    /// A topic-partition key without KafkaClient's types (the pipeline layer knows none).
    struct PartitionKey: Hashable, Sendable, Comparable {
        var topic: String
        var partition: Int32
        static func < (a: Self, b: Self) -> Bool { (a.topic, a.partition) < (b.topic, b.partition) }
    }

    init(template: PartitionPipeline<Model>, workers: Int) {
        self.template = template
        self.workers = max(workers, 1)
        labelDecoder = LabelDecoder(classes: template.header.classes, limits: template.extractor.dictionary.limits)
        earlyLabels = ExpiringIndex(capacity: template.configuration.labelJoinMax, ttl: template.configuration.labelTTL)
    }

    var count: Int { pipelines.count }

    mutating func assign(topic: String, partition: Int32) throws {
        let key = PartitionKey(topic: topic, partition: partition)
        guard pipelines[key] == nil else { return }
        pipelines[key] = try template.fresh(topic: topic, partition: partition)
    }

    mutating func revoke(topic: String, partition: Int32) {
        pipelines[PartitionKey(topic: topic, partition: partition)] = nil
    }

    var labelCounts: RouterLabelCounts {
        RouterLabelCounts(records: labelRecords, unmatched: orphanLabels + earlyLabels.expired + earlyLabels.evicted,
                          waiting: earlyLabels.count)
    }

    mutating func process(inputs: [InputRecord], labels: [InputRecord], into outputs: inout [OutputRecord]) throws {
        let runs = Self.runs(of: inputs)
        for run in runs where pipelines[run.key] == nil { try assign(topic: run.key.topic, partition: run.key.partition) }
        let joinsEarlyLabels = earlyLabels.count > 0
        if joinsEarlyLabels { for run in runs { pipelines[run.key]!.rememberedIDs = [] } }
        if workers > 1, runs.count > 1, inputs.count >= Self.parallelThreshold {
            processConcurrently(runs, into: &outputs)
        } else {
            for run in runs { pipelines[run.key]!.process(run.records, into: &outputs) }
        }
        if joinsEarlyLabels { joinEarlyLabels(runs.map(\.key), into: &outputs) }
        for record in labels { route(record, into: &outputs) }
    }

    /// Applies the early labels whose events the pipelines of `keys` just remembered, and stops the
    /// pipelines collecting ids.
    mutating func joinEarlyLabels(_ keys: [PartitionKey], into outputs: inout [OutputRecord]) {
        let now = template.now()
        for key in keys {
            guard let ids = pipelines[key]!.rememberedIDs else { continue }
            pipelines[key]!.rememberedIDs = nil
            for id in ids {
                guard let label = earlyLabels.remove(id: id, now: now) else { continue }
                pipelines[key]!.applyLabel(id: id, label: label, into: &outputs)
            }
        }
    }

    mutating func expireLabels() {
        earlyLabels.expire(now: template.now())
        for key in pipelines.keys { pipelines[key]!.expireLabels() }
    }

    /// Each partition's records of a batch, in offset order, the partitions in order of first appearance (a
    /// poll may return a partition's records in more than one stretch).
    static func runs(of inputs: [InputRecord]) -> [(key: PartitionKey, records: [InputRecord])] {
        var runs: [(key: PartitionKey, records: [InputRecord])] = []
        var index: [PartitionKey: Int] = [:]
        var start = 0
        while start < inputs.count {
            let key = PartitionKey(topic: inputs[start].topic, partition: inputs[start].partition)
            var end = start + 1
            while end < inputs.count, inputs[end].partition == key.partition, inputs[end].topic == key.topic { end += 1 }
            if let i = index[key] {
                runs[i].records += inputs[start..<end]
            } else {
                index[key] = runs.count
                runs.append((key, Array(inputs[start..<end])))
            }
            start = end
        }
        return runs
    }

    /// One partition's run of a batch, with the pipeline that processes it while it is out of the table.
    struct Run {
        var pipeline: PartitionPipeline<Model>
        let records: [InputRecord]
        var outputs: [OutputRecord] = []
    }

    /// Processes the runs (one per partition) on up to ``workers`` threads, each taking the next unprocessed
    /// run, and appends their outputs in run order.
    mutating func processConcurrently(_ runs: [(key: PartitionKey, records: [InputRecord])], into outputs: inout [OutputRecord]) {
        var work = runs.map { Run(pipeline: pipelines.removeValue(forKey: $0.key)!, records: $0.records) }
        let next = Atomic<Int>(0)
        work.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedRuns(buffer: buffer)
            // Each index is claimed by exactly one thread through `next`, so the threads write disjoint elements.
            DispatchQueue.concurrentPerform(iterations: min(workers, buffer.count)) { _ in
                while true {
                    let i = next.add(1, ordering: .relaxed).oldValue
                    guard i < shared.buffer.count else { return }
                    shared.buffer[i].pipeline.process(shared.buffer[i].records, into: &shared.buffer[i].outputs)
                }
            }
        }
        for (run, done) in zip(runs, work) {
            pipelines[run.key] = done.pipeline
            outputs.append(contentsOf: done.outputs)
        }
    }

    /// Hands one label record to the pipeline that remembers its event, or keeps it until its event comes.
    mutating func route(_ record: InputRecord, into outputs: inout [OutputRecord]) {
        let first = pipelines.keys.min()
        guard let value = record.value, case .success(let label) = labelDecoder.decode(value) else {
            // Malformed: the pipeline parses it again, counts it and writes the dead letter with the reason.
            if let first { pipelines[first]!.processLabels([record], into: &outputs) } else { labelRecords += 1; orphanLabels += 1 }
            return
        }
        labelRecords += 1
        if let holder = pipelines.first(where: { $0.value.labelStore.contains(id: label.id) })?.key {
            pipelines[holder]!.applyLabel(id: label.id, label: label.label, into: &outputs)
        } else if earlyLabels.capacity > 0 {
            earlyLabels.insert(id: label.id, label.label, arrival: template.now())
        } else if let first {
            pipelines[first]!.applyLabel(id: label.id, label: label.label, into: &outputs)  // counted unmatched
        } else {
            orphanLabels += 1
        }
    }

    func snapshots() -> [PartitionSnapshot] {
        pipelines.keys.sorted().map { key in
            PartitionSnapshot(topic: key.topic, partition: key.partition, metrics: pipelines[key]!.metrics)
        }
    }
}

/// Wraps the pipeline ``PipelineFactory`` built for the configured model in a ``PartitionRouter``.
struct RouterBuilder: PipelineVisitor {
    /// How many partitions' runs the router processes at once.
    let workers: Int

    func visit<Model: ExplainingClassifier>(_ pipeline: PartitionPipeline<Model>) throws -> any PartitionRouting {
        PartitionRouter(template: pipeline, workers: workers)
    }
}

/// The runs of one batch, handed to the worker threads; each thread writes only the elements it claimed.
private struct SharedRuns<Model: ExplainingClassifier>: @unchecked Sendable {
    // @unchecked: the buffer is written concurrently, but every index by one thread only (claimed through
    // an atomic counter), and read by the caller only after `concurrentPerform` returned.
    let buffer: UnsafeMutableBufferPointer<PartitionRouter<Model>.Run>
}
