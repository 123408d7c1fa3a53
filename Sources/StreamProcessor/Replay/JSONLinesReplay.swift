import FeatureExtraction
import Foundation
import OnlineLearning

/// How `eddy replay` drives JSON events (a file or a recorded topic) through ``PartitionPipeline``.
public struct JSONLinesReplayOptions: Sendable {
    /// The events file: one JSON event per line (a `.jsonl` or `.json` file); for a recorded topic, its name
    /// (shown in the summary).
    public var path: String
    /// A labels file of `{"id": ..., "label": ...}` lines, joined to the events by id; nil when the events
    /// carry their labels.
    public var labelsPath: String?
    /// How many event lines go by before the label on the same line number of the labels file is applied
    /// (labels line *i* is applied after events line *i* + lag); the rest are applied at the end. Default 0.
    public var labelLag = 0
    /// The directory receiving predictions.jsonl, dead_letters.jsonl, drift_events.jsonl, summary.json,
    /// curve.csv and (when inferred) schema.json; nil to write nothing.
    public var reportDirectory: String?
    /// Take a learning-curve snapshot every this many scored predictions (≥ 1).
    public var sampleEvery = 10_000
    /// When the run started (start-up and reading count in the reported seconds).
    public var startedAt = ContinuousClock.now

    /// Creates options for `path` with the defaults above.
    public init(path: String) { self.path = path }
}

/// What a replay of JSON events measured beyond the prequential summary.
public struct JSONLinesReplayResult: Sendable {
    /// The prequential summary (the same `summary.json` as a CSV or ARFF replay).
    public var summary: ReplaySummary
    /// The pipeline's measures at the end.
    public var metrics: PipelineMetrics
    /// The data dictionary used.
    public var dictionary: DataDictionary
    /// Whether the dictionary was inferred.
    public var inferred: Bool
    /// Wall-clock seconds of the replay loop: processing the records, not reading the files or the topic,
    /// nor writing outputs and reports.
    public var pipelineSeconds: Double
    /// CPU seconds of this thread over the same loop (robust to other processes sharing the cores).
    public var pipelineCPUSeconds: Double
    /// Events processed per wall-clock second of the loop.
    public var eventsPerSecond: Double { pipelineSeconds > 0 ? Double(metrics.counters.eventsIn) / pipelineSeconds : 0 }
    /// Events processed per CPU second of the loop.
    public var eventsPerCPUSecond: Double { pipelineCPUSeconds > 0 ? Double(metrics.counters.eventsIn) / pipelineCPUSeconds : 0 }
}

/// `eddy replay events.jsonl [--labels labels.jsonl]` and `eddy replay TOPIC [--labels LABELS_TOPIC]`: the
/// same ``PartitionPipeline`` the Kafka runtime runs, fed from files (the line number, from 1, as the offset
/// and the file name as the topic) or from a recorded topic's records (``RecordedTopic``) as they were.
///
/// The schema is `EDDY_SCHEMA` or inferred from the first events (``SchemaBootstrap``); the model is the
/// ``ModelSpec``'s. Every output record goes to a file in the report directory: the predictions and drift
/// events as the JSON lines the topics would carry, and each dead letter as a JSON object with its
/// original value (as text), key and headers.
public enum JSONLinesReplay {
    /// Whether `path` (or the explicit `format`) is a JSON-lines file this replay handles.
    /// - Parameters:
    ///   - path: the file.
    ///   - format: the `--format` given, if any.
    public static func handles(path: String, format: String?) -> Bool {
        if let format { return ["jsonl", "json", "ndjson"].contains(format.lowercased()) }
        let lower = path.lowercased()
        return lower.hasSuffix(".jsonl") || lower.hasSuffix(".json") || lower.hasSuffix(".ndjson")
    }

    /// Replays the events file.
    /// - Parameters:
    ///   - spec: the model.
    ///   - configuration: the pipeline settings.
    ///   - options: the files and reporting settings.
    ///   - progress: called with each learning-curve snapshot.
    /// - Returns: the summary and the pipeline's measures.
    /// - Throws: ``FeatureExtractionError`` for an unreadable file or an unusable schema;
    ///   ``ConfigurationKeyError`` / ``PipelineError`` when the model or pipeline cannot be built; a
    ///   file-system error when the report cannot be written.
    public static func run(
        spec: ModelSpec, configuration: PipelineConfiguration, options: JSONLinesReplayOptions,
        progress: @escaping (PrequentialSnapshot) -> Void = { _ in }
    ) throws -> JSONLinesReplayResult {
        let topic = URL(fileURLWithPath: options.path).lastPathComponent
        let events = try lines(of: options.path).map { record($0, topic: topic) }
        let labelsTopic = options.labelsPath.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "labels"
        let labels = try options.labelsPath.map { try lines(of: $0).map { record($0, topic: labelsTopic) } } ?? []
        // Labels line i comes after events line i + lag; those left over come at the end.
        var items: [ReplayItem] = []
        items.reserveCapacity(events.count + labels.count)
        var labelNext = 0
        for (i, event) in events.enumerated() {
            items.append(.event(event))
            while labelNext < labels.count, labelNext + options.labelLag <= i {
                items.append(.label(labels[labelNext]))
                labelNext += 1
            }
        }
        items += labels[labelNext...].map { .label($0) }
        return try run(spec: spec, configuration: configuration, items: items, topic: topic, options: options, progress: progress)
    }

    /// Replays recorded events, and labels joined to them by id, in the order of their record timestamps
    /// (``RecordedTopic/read(topic:brokers:properties:idle:)``): a label comes after every event stamped no
    /// later than itself, so labels reach the pipeline as late as they reached the topic.
    /// - Parameters:
    ///   - spec: the model.
    ///   - configuration: the pipeline settings.
    ///   - events: the event records, in timestamp order.
    ///   - labels: the label records, in timestamp order.
    ///   - options: the reporting settings; ``JSONLinesReplayOptions/path`` names the source in the summary.
    ///   - progress: called with each learning-curve snapshot.
    /// - Returns: the summary and the pipeline's measures.
    /// - Throws: as ``run(spec:configuration:options:progress:)``.
    public static func run(
        spec: ModelSpec, configuration: PipelineConfiguration, events: [InputRecord], labels: [InputRecord],
        options: JSONLinesReplayOptions, progress: @escaping (PrequentialSnapshot) -> Void = { _ in }
    ) throws -> JSONLinesReplayResult {
        var items: [ReplayItem] = []
        items.reserveCapacity(events.count + labels.count)
        var labelNext = 0
        for event in events {
            while labelNext < labels.count, (labels[labelNext].timestamp ?? 0) < (event.timestamp ?? 0) {
                items.append(.label(labels[labelNext]))
                labelNext += 1
            }
            items.append(.event(event))
        }
        items += labels[labelNext...].map { .label($0) }
        return try run(spec: spec, configuration: configuration, items: items, topic: events.first?.topic ?? options.path,
                       options: options, progress: progress)
    }

    /// One step of a replay: an event for the pipeline, or a record for the label join.
    enum ReplayItem {
        case event(InputRecord)
        case label(InputRecord)
    }

    /// Replays `items` in order through the pipeline, the schema being `EDDY_SCHEMA` or inferred from the
    /// first events.
    static func run(
        spec: ModelSpec, configuration: PipelineConfiguration, items: [ReplayItem], topic: String,
        options: JSONLinesReplayOptions, progress: @escaping (PrequentialSnapshot) -> Void
    ) throws -> JSONLinesReplayResult {
        var bootstrap = try SchemaBootstrap(configuration: configuration)
        for item in items where bootstrap.dictionary == nil {
            if case .event(let record) = item { _ = try bootstrap.offer(record) }
        }
        let dictionary = try bootstrap.finish()
        _ = bootstrap.takeBuffered()  // the loop replays every item from the first
        let loop = Loop(options: options, spec: spec, items: items, dictionary: dictionary, inferred: bootstrap.inferred,
                        progress: progress)
        return try PipelineFactory.build(spec: spec, dictionary: dictionary, topic: topic, configuration: configuration, visitor: loop)
    }

    /// The lines of a file with their line numbers (from 1), blank lines skipped.
    static func lines(of path: String) throws -> [(number: Int64, bytes: ArraySlice<UInt8>)] {
        let data: [UInt8]
        do { data = Array(try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw FeatureExtractionError(code: "file.unreadable", message: "cannot read the file: \(error.localizedDescription)", location: path)
        }
        var result: [(Int64, ArraySlice<UInt8>)] = []
        var start = 0
        var number: Int64 = 0
        for i in 0...data.count where i == data.count || data[i] == UInt8(ascii: "\n") {
            number += 1
            var end = i
            if end > start && data[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            if data[start..<end].contains(where: { $0 != 0x20 && $0 != 0x09 }) { result.append((number, data[start..<end])) }
            start = i + 1
        }
        return result
    }

    /// The CPU time of the calling thread, in seconds.
    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    static func record(_ line: (number: Int64, bytes: ArraySlice<UInt8>), topic: String) -> InputRecord {
        InputRecord(topic: topic, offset: line.number, value: Array(line.bytes))
    }

    /// The replay loop, specialised per model by ``PipelineFactory``.
    struct Loop: PipelineVisitor {
        let options: JSONLinesReplayOptions
        let spec: ModelSpec
        let items: [ReplayItem]
        let dictionary: DataDictionary
        let inferred: Bool
        let progress: (PrequentialSnapshot) -> Void

        func visit<Model: ExplainingClassifier>(_ pipeline: PartitionPipeline<Model>) throws -> JSONLinesReplayResult {
            var pipeline = pipeline
            var sink = try ReplayOutputSink(directory: options.reportDirectory)
            var sampler = try PrequentialSampler(every: options.sampleEvery)
            var outputs: [OutputRecord] = []
            outputs.reserveCapacity(1024)
            var sinkTime = Duration.zero
            var sinkCPU = 0.0

            func flush() throws {
                let t0 = ContinuousClock.now, c0 = threadCPUSeconds()
                try sink.write(&outputs)
                sinkTime += t0.duration(to: .now)
                sinkCPU += threadCPUSeconds() - c0
            }
            let t0 = ContinuousClock.now, c0 = threadCPUSeconds()
            for item in items {
                switch item {
                case .event(let record): pipeline.process(record, into: &outputs)
                case .label(let record): pipeline.processLabels([record], into: &outputs)
                }
                if let s = sampler.sample(pipeline.evaluator) { progress(s) }
                if outputs.count >= 1024 { try flush() }
            }
            let loopTime = t0.duration(to: .now), loopCPU = threadCPUSeconds() - c0
            try sink.write(&outputs)
            try sink.close()
            if let s = sampler.finish(pipeline.evaluator) { progress(s) }
            let evaluator = pipeline.evaluator
            let final = sampler.snapshots.last
                ?? PrequentialSnapshot(instances: 0, cumulative: evaluator.cumulative, window: evaluator.window)
            let summary = ReplaySummary(
                path: options.path, model: spec.displayName, spec: spec, header: pipeline.header,
                instancesRead: pipeline.counters.eventsIn, snapshots: sampler.snapshots, final: final,
                seconds: seconds(options.startedAt.duration(to: .now)), cpuSeconds: Replay.processCPUSeconds())
            let result = JSONLinesReplayResult(summary: summary, metrics: pipeline.metrics, dictionary: dictionary,
                                               inferred: inferred, pipelineSeconds: seconds(loopTime - sinkTime),
                                               pipelineCPUSeconds: loopCPU - sinkCPU)
            if let directory = options.reportDirectory { try JSONLinesReplay.writeReport(result, to: directory) }
            return result
        }

        func seconds(_ d: Duration) -> Double {
            Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
    }

    /// The `summary.json` object: ``ReplayReport/summaryObject(_:)`` plus the pipeline's counts.
    public static func summaryObject(_ r: JSONLinesReplayResult) -> [String: Any] {
        var object = ReplayReport.summaryObject(r.summary)
        let m = r.metrics
        object["events"] = m.counters.eventsIn
        object["predictions"] = m.counters.predictionsOut
        object["dead_letters"] = m.counters.deadLetters
        object["rejected_by_reason"] = m.rejectedByReason
        object["fallbacks"] = m.counters.fallbacks
        object["abstentions"] = m.counters.abstentions
        object["drift_events"] = Dictionary(uniqueKeysWithValues: m.counters.driftEvents.map { ($0.key.rawValue, $0.value) })
        object["model_version"] = m.modelVersion
        object["label_join"] = [
            "remembered": m.labelJoin.remembered, "joined": m.labelJoin.joined, "expired": m.labelJoin.expired,
            "evicted": m.labelJoin.evicted, "unmatched": m.labelJoin.unmatched, "duplicate_ids": m.labelJoin.duplicateIDs,
            "waiting": m.labelJoinSize,
        ]
        object["schema"] = r.inferred ? "inferred" : "file"
        object["pipeline_seconds"] = r.pipelineSeconds
        object["pipeline_events_per_second"] = r.eventsPerSecond
        object["pipeline_cpu_seconds"] = r.pipelineCPUSeconds
        object["pipeline_events_per_cpu_second"] = r.eventsPerCPUSecond
        if let p50 = m.counters.latency.quantile(0.5), let p99 = m.counters.latency.quantile(0.99) {
            object["latency_ms"] = ["p50": p50, "p99": p99, "max": m.counters.latency.max]
        }
        return object
    }

    /// Writes `summary.json`, `curve.csv` and, for an inferred schema, `schema.json` into `directory`.
    /// - Throws: a file-system error.
    public static func writeReport(_ r: JSONLinesReplayResult, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let url = URL(fileURLWithPath: directory)
        let data = try JSONSerialization.data(withJSONObject: summaryObject(r), options: [.prettyPrinted, .sortedKeys])
        try data.write(to: url.appendingPathComponent("summary.json"))
        try Data(ReplayReport.curveCSV(r.summary).utf8).write(to: url.appendingPathComponent("curve.csv"))
        if r.inferred { try Data(r.dictionary.jsonString().utf8).write(to: url.appendingPathComponent("schema.json")) }
    }
}
