/// One reading of the Prometheus text exposition (`/metrics`): every sample by name and label set.
///
/// The demo reads Eddy's own metrics the way Prometheus would, from the registry `eddy run` serves, so the
/// live summary shows what an operator's dashboard would. Only what the summary needs is parsed: lines
/// `name{label="value",...} number`; comments and histogram internals are kept but unused.
struct PrometheusSample {
    /// One sample line.
    struct Line {
        /// The metric name.
        var name: String
        /// The labels, in order.
        var labels: [String: String]
        /// The value.
        var value: Double
    }

    /// Every sample.
    private(set) var lines: [Line] = []

    /// Parses an exposition.
    /// - Parameter text: the exposition text.
    init(text: String) {
        for raw in text.split(separator: "\n") where !raw.hasPrefix("#") {
            guard let space = raw.lastIndex(of: " "), let value = Double(raw[raw.index(after: space)...]) else { continue }
            let series = raw[..<space]
            var labels: [String: String] = [:]
            let name: Substring
            if let brace = series.firstIndex(of: "{") {
                name = series[..<brace]
                let body = series[series.index(after: brace)...].dropLast()
                for pair in body.split(separator: ",") {
                    guard let eq = pair.firstIndex(of: "=") else { continue }
                    labels[String(pair[..<eq])] = String(pair[pair.index(after: eq)...].dropFirst().dropLast())
                }
            } else {
                name = series
            }
            lines.append(Line(name: String(name), labels: labels, value: value))
        }
    }

    /// The sum of every series of `name`, optionally only those whose `label` equals `value`.
    func sum(_ name: String, where label: String? = nil, is value: String? = nil) -> Double {
        lines.reduce(0) { total, line in
            guard line.name == name else { return total }
            if let label, line.labels[label] != value { return total }
            return total + line.value
        }
    }

    /// The mean of every series of `name`, or nil when there is none.
    func mean(_ name: String) -> Double? {
        let values = lines.filter { $0.name == name && $0.value.isFinite }.map(\.value)
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// The series of `name` summed by the value of `label`.
    func byLabel(_ name: String, _ label: String) -> [String: Double] {
        var out: [String: Double] = [:]
        for line in lines where line.name == name {
            out[line.labels[label] ?? "", default: 0] += line.value
        }
        return out
    }
}
