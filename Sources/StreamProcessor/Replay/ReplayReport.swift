import Foundation
import OnlineLearning

/// Writes and prints what a replay measured: `summary.json`, `curve.csv` and a table for people.
///
/// Units follow MOA's output: accuracy and the three kappas are percentages; the abstention rate is a
/// fraction in [0, 1]; a measure undefined on the data (such as the precision of a class never predicted) is
/// `null` in JSON and empty in CSV.
public enum ReplayReport {
    /// The `summary.json` object: instances, accuracy, kappa, kappa_m, kappa_t (percent), abstention_rate,
    /// seconds, instances_per_second (wall clock), cpu_seconds, instances_per_cpu_second, model, config, plus the file, classes, per-class measures and the final
    /// window's measures when a window was set.
    public static func summaryObject(_ s: ReplaySummary) -> [String: Any] {
        let m = s.final.cumulative
        var object: [String: Any] = [
            "file": s.path,
            "model": s.model,
            "config": s.spec.effectiveValues,
            "instances": m.instances,
            "instances_read": s.instancesRead,
            "seconds": s.seconds,
            "instances_per_second": s.instancesPerSecond,
            "cpu_seconds": s.cpuSeconds,
            "instances_per_cpu_second": s.instancesPerCPUSecond,
            "classes": s.header.classes,
        ]
        for (k, v) in measures(m) { object[k] = v }
        if let w = s.final.window {
            var window: [String: Any] = ["instances": w.instances]
            for (k, v) in measures(w) { window[k] = v }
            object["window"] = window
        }
        return object
    }

    static func json(_ v: Double) -> Any { v.isFinite ? v : NSNull() }

    static func measures(_ m: ClassificationMetrics) -> [String: Any] {
        [
            "accuracy": json(m.accuracy * 100), "kappa": json(m.kappa * 100), "kappa_m": json(m.kappaM * 100),
            "kappa_t": json(m.kappaTemporal * 100), "abstention_rate": json(m.abstentionRate),
            "precision": m.precision.map { json($0 * 100) }, "recall": m.recall.map { json($0 * 100) },
            "f1": m.f1.map { json($0 * 100) },
        ]
    }

    /// The learning curve as CSV: MOA's column order (accuracy, kappa, kappa-temporal, kappa-M), then the
    /// abstention rate, then the same for the window when there is one.
    public static func curveCSV(_ s: ReplaySummary) -> String {
        let windowed = s.final.window != nil
        var lines = ["instances,accuracy,kappa,kappa_t,kappa_m,abstention_rate"
            + (windowed ? ",window_accuracy,window_kappa,window_kappa_t,window_kappa_m,window_abstention_rate" : "")]
        func cells(_ m: ClassificationMetrics) -> String {
            [m.accuracy * 100, m.kappa * 100, m.kappaTemporal * 100, m.kappaM * 100, m.abstentionRate]
                .map { $0.isFinite ? "\($0)" : "" }.joined(separator: ",")
        }
        for snap in s.snapshots {
            var line = "\(snap.instances),\(cells(snap.cumulative))"
            if let w = snap.window { line += "," + cells(w) }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `summary.json` and `curve.csv` into `directory`, creating it if needed.
    /// - Throws: a file-system error when the directory or files cannot be written.
    public static func write(_ s: ReplaySummary, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let data = try JSONSerialization.data(withJSONObject: summaryObject(s), options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: directory).appendingPathComponent("summary.json"))
        try Data(curveCSV(s).utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent("curve.csv"))
    }

    /// One progress line for a snapshot.
    public static func progressLine(_ snap: PrequentialSnapshot) -> String {
        let m = snap.cumulative
        var line = "\(snap.instances.formatted()) instances  accuracy \(percent(m.accuracy))  kappa \(percent(m.kappa))"
        if let w = snap.window { line += "  window accuracy \(percent(w.accuracy))" }
        return line
    }

    static func percent(_ v: Double) -> String { v.isFinite ? String(format: "%.2f %%", v * 100) : "—" }

    /// The final table printed by `eddy replay`.
    public static func table(_ s: ReplaySummary) -> String {
        let m = s.final.cumulative
        var rows: [(String, String)] = [
            ("model", s.model), ("file", s.path), ("instances", m.instances.formatted()),
            ("accuracy", percent(m.accuracy)), ("kappa", percent(m.kappa)), ("kappa-M", percent(m.kappaM)),
            ("kappa-temporal", percent(m.kappaTemporal)), ("abstention rate", percent(m.abstentionRate)),
        ]
        if let w = s.final.window {
            rows.append(("window (\(w.instances.formatted()))", "accuracy \(percent(w.accuracy)), kappa \(percent(w.kappa))"))
        }
        for (i, c) in s.header.classes.enumerated() {
            rows.append(("class \(c)", "precision \(percent(m.precision[i])), recall \(percent(m.recall[i])), F1 \(percent(m.f1[i]))"))
        }
        rows.append(("seconds", String(format: "%.3f", s.seconds)))
        rows.append(("instances/s", Int(s.instancesPerSecond.rounded()).formatted()))
        rows.append(("CPU seconds", String(format: "%.3f", s.cpuSeconds)))
        rows.append(("instances/CPU-s", Int(s.instancesPerCPUSecond.rounded()).formatted()))
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.1 }.joined(separator: "\n")
    }
}
