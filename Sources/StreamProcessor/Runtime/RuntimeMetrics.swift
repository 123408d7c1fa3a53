import Metrics

/// Exports the pipelines' counters and the runtime's own measures through swift-metrics.
///
/// The pipelines count in plain integers (no atomics on the hot path); every export (about once a second
/// and at shutdown) this turns the increase since the previous export into counter increments and sets the
/// gauges. The metrics backend is whatever the executable bootstrapped (Prometheus in `eddy run`); names
/// follow Prometheus conventions with the `eddy_` prefix:
///
/// | metric | type | labels |
/// | --- | --- | --- |
/// | `eddy_events_in_total` | counter | topic, partition |
/// | `eddy_predictions_total`, `eddy_abstentions_total`, `eddy_fallbacks_total` | counter | topic, partition |
/// | `eddy_events_rejected_total` | counter | reason |
/// | `eddy_label_records_total`, `eddy_labels_joined_total`, `eddy_labels_unmatched_total` | counter | — |
/// | `eddy_drift_events_total` | counter | type |
/// | `eddy_records_out_total` | counter | destination (predictions, drift, dead_letter) |
/// | `eddy_accuracy`, `eddy_kappa` (over `EDDY_METRICS_WINDOW`) | gauge | topic, partition |
/// | `eddy_abstention_threshold` (θ), `eddy_model_version`, `eddy_label_join_size` | gauge | topic, partition |
/// | `eddy_labels_awaiting_event` (labels that came before their event) | gauge | — |
/// | `eddy_consumer_lag` | gauge | topic, partition |
/// | `eddy_assigned_partitions` | gauge | — |
/// | `eddy_event_to_prediction_seconds` | histogram | — |
/// | `eddy_processing_seconds` | histogram | — |
/// | `eddy_acknowledgement_seconds` | histogram | — |
///
/// The three latencies: **event to prediction**, one sample per input record, runs from the record's Kafka
/// timestamp (when its producer created it) until its prediction is handed to Eddy's producer — Kafka
/// Streams' end-to-end latency at the sink, so it includes the upstream producer's batching and the broker;
/// **processing**, one sample per batch, runs from the poll that returned the batch until the same moment
/// (Eddy's own share); **acknowledgement**, one sample per batch, runs from there until Eddy saw the batch's
/// outputs acknowledged and stored its offsets.
final class RuntimeMetrics {
    private var previous: [String: PipelineMetrics] = [:]
    private var labelsReported = RouterLabelCounts()
    private let labelsAwaitingEvent = Gauge(label: "eddy_labels_awaiting_event")
    private let recordsOut: [OutputRecord.Destination: Counter]
    private let latency = Metrics.Timer(label: "eddy_event_to_prediction_seconds")
    private let processing = Metrics.Timer(label: "eddy_processing_seconds")
    private let acknowledgement = Metrics.Timer(label: "eddy_acknowledgement_seconds")
    private let assigned = Gauge(label: "eddy_assigned_partitions")

    init() {
        var out: [OutputRecord.Destination: Counter] = [:]
        for d in OutputRecord.Destination.allCases {
            out[d] = Counter(label: "eddy_records_out_total", dimensions: [("destination", d.rawValue)])
        }
        recordsOut = out
    }

    /// Counts a batch's acknowledged output records and records how long their acknowledgement took.
    /// - Parameters:
    ///   - outputs: the batch's outputs.
    ///   - acknowledgedAfter: the time from handing them to the producer until the acknowledgement was seen.
    func published(_ outputs: [OutputRecord], acknowledgedAfter: Duration) {
        var n: [OutputRecord.Destination: Int] = [:]
        for o in outputs { n[o.destination, default: 0] += 1 }
        for (d, c) in n { recordsOut[d]?.increment(by: Int64(c)) }
        acknowledgement.recordNanoseconds(Self.nanoseconds(acknowledgedAfter))
    }

    /// Records the latencies of a batch whose predictions were just handed to the producer.
    /// - Parameters:
    ///   - timestamps: the input records' Kafka timestamps, in milliseconds since the epoch.
    ///   - processing: the time since the poll returned them.
    ///   - nowMicroseconds: now, in the timestamps' clock, in microseconds.
    ///
    /// Kafka timestamps are whole milliseconds (the creation time truncated), so the event-to-prediction
    /// latency is measured from the start of the record's millisecond: it errs high, by less than 1 ms.
    func predicted(timestamps: some Sequence<Int64>, processing duration: Duration, nowMicroseconds: Int64) {
        for t in timestamps where t > 0 {
            latency.recordNanoseconds(max(0, nowMicroseconds - t * 1000) * 1000)
        }
        processing.recordNanoseconds(Self.nanoseconds(duration))
    }

    static func nanoseconds(_ d: Duration) -> Int64 {
        d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000
    }

    /// Sets the number of assigned input partitions.
    func assignedPartitions(_ n: Int) { assigned.record(n) }

    /// Sets a partition's consumer lag (high watermark minus the next offset to process).
    func lag(topic: String, partition: Int32, records: Int64) {
        Gauge(label: "eddy_consumer_lag", dimensions: Self.dimensions(topic, partition)).record(max(0, records))
    }

    /// Exports the increase of every pipeline's counters since the last call, and its gauges.
    /// - Parameters:
    ///   - snapshots: every pipeline's measures.
    ///   - labels: the router's own label measures (running totals and the labels waiting now).
    func export(_ snapshots: [PartitionSnapshot], labels: RouterLabelCounts) {
        var live = Set<String>()
        for s in snapshots {
            let id = "\(s.topic)\u{0}\(s.partition)"
            live.insert(id)
            let m = s.metrics
            let p = previous[id]
            let dims = Self.dimensions(s.topic, s.partition)
            func add(_ label: String, _ now: Int, _ before: Int?, _ d: [(String, String)] = dims) {
                let delta = now - (before ?? 0)
                if delta > 0 { Counter(label: label, dimensions: d).increment(by: Int64(delta)) }
            }
            add("eddy_events_in_total", m.counters.eventsIn, p?.counters.eventsIn)
            add("eddy_predictions_total", m.counters.predictionsOut, p?.counters.predictionsOut)
            add("eddy_abstentions_total", m.counters.abstentions, p?.counters.abstentions)
            add("eddy_fallbacks_total", m.counters.fallbacks, p?.counters.fallbacks)
            add("eddy_label_records_total", m.counters.labelRecordsIn, p?.counters.labelRecordsIn, [])
            add("eddy_labels_joined_total", m.labelJoin.joined, p?.labelJoin.joined, [])
            add("eddy_labels_unmatched_total", m.labelJoin.unmatched, p?.labelJoin.unmatched, [])
            let before = p?.rejectedByReason ?? [:]
            for (reason, n) in m.rejectedByReason {
                add("eddy_events_rejected_total", n, before[reason], [("reason", reason)])
            }
            for (kind, n) in m.counters.driftEvents {
                add("eddy_drift_events_total", n, p?.counters.driftEvents[kind], [("type", kind.rawValue)])
            }
            if let w = m.window, w.instances > 0 {
                Gauge(label: "eddy_accuracy", dimensions: dims).record(w.accuracy)
                if w.kappa.isFinite { Gauge(label: "eddy_kappa", dimensions: dims).record(w.kappa) }
            }
            if let theta = m.threshold { Gauge(label: "eddy_abstention_threshold", dimensions: dims).record(theta) }
            Gauge(label: "eddy_model_version", dimensions: dims).record(m.modelVersion)
            Gauge(label: "eddy_label_join_size", dimensions: dims).record(m.labelJoinSize)
            previous[id] = m
        }
        // A revoked partition's pipeline is gone; a later owner starts from zero.
        previous = previous.filter { live.contains($0.key) }
        if labels.records > labelsReported.records {
            Counter(label: "eddy_label_records_total").increment(by: Int64(labels.records - labelsReported.records))
        }
        if labels.unmatched > labelsReported.unmatched {
            Counter(label: "eddy_labels_unmatched_total").increment(by: Int64(labels.unmatched - labelsReported.unmatched))
        }
        labelsAwaitingEvent.record(labels.waiting)
        labelsReported = labels
    }

    static func dimensions(_ topic: String, _ partition: Int32) -> [(String, String)] {
        [("topic", topic), ("partition", String(partition))]
    }
}
