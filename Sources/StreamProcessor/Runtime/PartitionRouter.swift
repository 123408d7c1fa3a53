import FeatureExtraction
import OnlineLearning

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
    /// Every pipeline's measures (allocates; call it when exporting).
    func snapshots() -> [PartitionSnapshot]
    /// The number of pipelines.
    var count: Int { get }
    /// Label records that arrived while no pipeline existed (a running total).
    var orphanLabels: Int { get }
}

/// The pipelines of the input partitions this instance owns, for one model type, and the routing of late
/// labels to the pipeline that remembers the event.
///
/// Labels come from their own topic, whose partitions need not line up with the input's; a label record is
/// parsed once here and handed to the pipeline whose label store holds its id. A malformed label record
/// becomes a dead letter through the first pipeline (which counts it); a label whose event no pipeline
/// remembers is counted unmatched by the first pipeline.
struct PartitionRouter<Model: ExplainingClassifier>: PartitionRouting {
    /// An untrained pipeline whose ``PartitionPipeline/fresh(topic:partition:)`` makes each partition's.
    let template: PartitionPipeline<Model>
    var pipelines: [PartitionKey: PartitionPipeline<Model>] = [:]
    var labelDecoder: LabelDecoder
    /// Label records that arrived while no pipeline existed.
    var orphanLabels = 0

    /// A topic-partition key without KafkaClient's types (the pipeline layer knows none).
    struct PartitionKey: Hashable, Sendable, Comparable {
        var topic: String
        var partition: Int32
        static func < (a: Self, b: Self) -> Bool { (a.topic, a.partition) < (b.topic, b.partition) }
    }

    init(template: PartitionPipeline<Model>) {
        self.template = template
        labelDecoder = LabelDecoder(classes: template.header.classes, limits: template.extractor.dictionary.limits)
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

    mutating func process(inputs: [InputRecord], labels: [InputRecord], into outputs: inout [OutputRecord]) throws {
        var start = 0
        while start < inputs.count {
            let key = PartitionKey(topic: inputs[start].topic, partition: inputs[start].partition)
            var end = start + 1
            while end < inputs.count, inputs[end].partition == key.partition, inputs[end].topic == key.topic { end += 1 }
            if pipelines[key] == nil { try assign(topic: key.topic, partition: key.partition) }
            pipelines[key]!.process(Array(inputs[start..<end]), into: &outputs)
            start = end
        }
        for record in labels { route(record, into: &outputs) }
    }

    /// Hands one label record to the pipeline that remembers its event.
    mutating func route(_ record: InputRecord, into outputs: inout [OutputRecord]) {
        guard let first = pipelines.keys.min() else {
            orphanLabels += 1
            return
        }
        guard let value = record.value, case .success(let label) = labelDecoder.decode(value) else {
            // Malformed: the pipeline parses it again and writes the dead letter with the reason.
            pipelines[first]!.processLabels([record], into: &outputs)
            return
        }
        let holder = pipelines.first { $0.value.labelStore.contains(id: label.id) }?.key ?? first
        pipelines[holder]!.applyLabel(id: label.id, label: label.label, into: &outputs)
    }

    func snapshots() -> [PartitionSnapshot] {
        pipelines.keys.sorted().map { key in
            PartitionSnapshot(topic: key.topic, partition: key.partition, metrics: pipelines[key]!.metrics)
        }
    }
}

/// Wraps the pipeline ``PipelineFactory`` built for the configured model in a ``PartitionRouter``.
struct RouterBuilder: PipelineVisitor {
    func visit<Model: ExplainingClassifier>(_ pipeline: PartitionPipeline<Model>) throws -> any PartitionRouting {
        PartitionRouter(template: pipeline)
    }
}
