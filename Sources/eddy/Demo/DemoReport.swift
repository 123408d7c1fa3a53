import Foundation
import StreamProcessor

/// The demo's summary, as text: a block of lines redrawn every second on a terminal, one line per second
/// plus one per drift event elsewhere (CI, logs), and the final summary.
///
/// Everything shown comes from two places: Eddy's own Prometheus metrics (what `/metrics` serves:
/// records in and out, abstentions, θ, windowed accuracy and kappa per partition, consumer lag, labels
/// joined) and its output topics read back by ``DemoMonitor`` (predictions scored against the generator's
/// truth, publish-to-prediction latency, drift events, dead letters by reason).
struct DemoReport {
    /// The values of one refresh.
    struct Frame {
        /// Seconds since publishing started, and the planned duration.
        var elapsed: Double, duration: Double
        /// Events published so far, and planned.
        var produced: Int, planned: Int
        /// The generator's known changes.
        var changes: [DriftingStream.Change]
        /// Eddy's metrics now, and at the previous refresh (for rates).
        var metrics: PrometheusSample, previous: PrometheusSample?
        /// Seconds since the previous refresh.
        var interval: Double
        /// Latencies of the predictions read since the previous refresh, in milliseconds.
        var recentLatencies: [Int64]
        /// Malformed events published, by defect; late labels published.
        var malformed: [String: Int], labelsSent: Int
    }

    /// The model, as the header says it.
    let model: String
    /// The broker address.
    let brokers: String

    /// The full block: the live view and, with `final`, the closing summary.
    func block(_ f: Frame, monitor: DemoMonitor, final: Bool = false) -> [String] {
        let m = f.metrics
        let eventsIn = m.sum("eddy_events_in_total"), predicted = m.sum("eddy_records_out_total", where: "destination", is: "predictions")
        let concept = f.changes.last { $0.index - $0.width / 2 <= f.produced }.map { "concept \($0.to)" } ?? "concept 0"
        var lines: [String] = []
        let title = final ? "eddy demo · finished after \(Int(f.elapsed.rounded())) s" : "eddy demo · \(Int(f.elapsed)) s of \(Int(f.duration)) s"
        lines.append("\(title) · \(model) · embedded broker \(brokers)")
        let changes = f.changes.map { c in
            c.kind == "abrupt" ? "abrupt change at e-\(c.index.formatted())" : "gradual change around e-\(c.index.formatted()) (±\((c.width / 2).formatted()))"
        }
        lines.append("  stream       \(f.produced.formatted()) of \(f.planned.formatted()) events published · now \(concept) · \(changes.joined(separator: ", "))")
        if final {
            let seconds = max(f.elapsed, 0.001)
            lines.append("  throughput   \(Int(eventsIn).formatted()) events in, \(Int(predicted).formatted()) predictions out: \(Int(eventsIn / seconds).formatted()) events/s on average")
        } else {
            lines.append("  throughput   in \(rate(eventsIn, f.previous?.sum("eddy_events_in_total"), f.interval)) events/s · out \(rate(predicted, f.previous?.sum("eddy_records_out_total", where: "destination", is: "predictions"), f.interval)) predictions/s · lag \(Int(m.sum("eddy_consumer_lag")).formatted()) · awaiting an answer \(max(0, f.produced - monitor.predictions - monitor.deadLetterTotal).formatted())")
        }
        let e = monitor.evaluator
        let window = e.window.map { "last \(min(e.instances, 2_000).formatted()) \(percent($0.accuracy)) κ \(decimal($0.kappa))" } ?? ""
        let eddyWindow = m.mean("eddy_accuracy").map { "Eddy's window \(percent($0)) κ \(decimal(m.mean("eddy_kappa") ?? .nan))" } ?? "Eddy's window –"
        lines.append("  accuracy     all \(percent(e.cumulative.accuracy)) κ \(decimal(e.cumulative.kappa)) · \(window) · \(eddyWindow)")
        let predictions = m.sum("eddy_predictions_total"), abstentions = m.sum("eddy_abstentions_total")
        let theta = m.mean("eddy_abstention_threshold").map { "θ \(decimal($0))" } ?? "θ –"
        lines.append("  abstention   \(predictions > 0 ? percent(abstentions / predictions) : "–") of predictions (\(Int(abstentions).formatted())) · window \(e.window.map { percent($0.abstentionRate) } ?? "–") · \(theta)")
        let latencies = final ? monitor.latencies[...] : f.recentLatencies[...]
        lines.append("  latency      p50 \(percentile(latencies, 0.5)) · p99 \(percentile(latencies, 0.99)) (published → prediction acknowledged)\(final ? "" : ", last second")")
        lines.append("  labels       \(f.labelsSent.formatted()) late labels published · \(Int(m.sum("eddy_labels_joined_total")).formatted()) joined to their events")
        let dead = monitor.deadLetters.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.formatted())" }
        let malformed = f.malformed.values.reduce(0, +)
        lines.append("  dead letters \(monitor.deadLetterTotal.formatted()) of \(malformed.formatted()) malformed published\(dead.isEmpty ? "" : ": " + dead.joined(separator: " · "))")
        lines.append("  drift events \(monitor.drift.count)\(monitor.drift.isEmpty ? " (none yet)" : ":")")
        let shown = final ? monitor.drift[...] : monitor.drift.suffix(8)
        if !final && monitor.drift.count > shown.count { lines.append("    … \(monitor.drift.count - shown.count) earlier") }
        for notice in shown { lines.append("    " + describe(notice, changes: f.changes)) }
        return lines
    }

    /// The one-line form for a non-terminal, once a second.
    func line(_ f: Frame, monitor: DemoMonitor) -> String {
        let m = f.metrics
        let e = monitor.evaluator
        let predictions = m.sum("eddy_predictions_total"), abstentions = m.sum("eddy_abstentions_total")
        var s = "[\(pad(Int(f.elapsed), 3))s] published \(f.produced)"
        s += " · in \(rate(m.sum("eddy_events_in_total"), f.previous?.sum("eddy_events_in_total"), f.interval))/s"
        s += " out \(rate(m.sum("eddy_records_out_total", where: "destination", is: "predictions"), f.previous?.sum("eddy_records_out_total", where: "destination", is: "predictions"), f.interval))/s"
        s += " · lag \(Int(m.sum("eddy_consumer_lag"))) · awaiting \(max(0, f.produced - monitor.predictions - monitor.deadLetterTotal))"
        s += " · accuracy \(percent(e.cumulative.accuracy)) (last 2000 \(e.window.map { percent($0.accuracy) } ?? "–"), κ \(e.window.map { decimal($0.kappa) } ?? "–"))"
        s += " · abstained \(predictions > 0 ? percent(abstentions / predictions) : "–") θ \(m.mean("eddy_abstention_threshold").map(decimal) ?? "–")"
        s += " · p50 \(percentile(f.recentLatencies[...], 0.5)) p99 \(percentile(f.recentLatencies[...], 0.99))"
        s += " · drift events \(monitor.drift.count) · dead letters \(monitor.deadLetterTotal)"
        return s
    }

    /// One drift event, placed against the generator's known changes.
    func describe(_ n: DemoMonitor.DriftNotice, changes: [DriftingStream.Change]) -> String {
        var where_ = "≈ e-\(n.eventIndex.formatted())"
        if let change = changes.last(where: { $0.index - $0.width / 2 <= n.eventIndex }) {
            let start = change.index - change.width / 2
            where_ += ", \((n.eventIndex - start).formatted()) events after the \(change.kind) change began"
        } else {
            where_ += ", before any change"
        }
        return "\(n.type) drift (\(n.detector), statistic \(significant(n.statistic)), threshold \(significant(n.threshold))) on partition \(n.partition) at offset \(n.toOffset.formatted()) (\(where_)) → \(n.action)"
    }

    private func rate(_ now: Double, _ before: Double?, _ interval: Double) -> String {
        guard let before, interval > 0 else { return "–" }
        return Int(((now - before) / interval).rounded()).formatted()
    }

    private func percent(_ x: Double) -> String { x.isFinite ? String(format: "%.1f %%", 100 * x) : "–" }
    private func decimal(_ x: Double) -> String { x.isFinite ? String(format: "%.2f", x) : "–" }
    private func significant(_ x: Double) -> String { x.isFinite ? String(format: "%.3g", x) : "–" }
    private func pad(_ n: Int, _ width: Int) -> String { String(repeating: " ", count: max(0, width - String(n).count)) + String(n) }

    private func percentile(_ values: ArraySlice<Int64>, _ q: Double) -> String {
        guard !values.isEmpty else { return "–" }
        let sorted = values.sorted()
        let v = sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * q))]
        return v < 1000 ? "\(v) ms" : String(format: "%.1f s", Double(v) / 1000)
    }
}
