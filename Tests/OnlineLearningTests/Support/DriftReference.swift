import OnlineLearning

/// The drift-detection reference: a learner's 0/1 prequential error stream on the SEA reference stream, fed
/// to each detector with River's defaults and scored against the true changes (see
/// ../shared/reference/README.md, which also gives River 0.26.1's numbers).
enum DriftReference {
    /// Where the concepts change in the full stream: instances 50,000, 100,000 and 150,000 counted from 1
    /// (the centres of MOA's width-1 changes), as positions counted from 0.
    static let trueChanges = [49_999, 99_999, 149_999]
    /// How long after a change a detection still finds it.
    static let tolerance = 10_000

    /// Each detector under its reference configuration (River 0.26.1's defaults; Page-Hinkley watches
    /// increases, as on an error stream), as a name and a scoring function.
    static let detectors: [(name: String, score: @Sendable ([Double], [Int]) throws -> DriftDetectionScore)] = [
        ("ADWIN", { try run(ADWIN(), $0, $1) }),
        ("ADWIN restart", { try run(ADWIN(.init(restartsAfterDrift: true)), $0, $1) }),
        ("ADWIN up", { try run(ADWIN(.init(direction: .increase)), $0, $1) }),
        ("DDM", { try run(DDM(), $0, $1) }),
        ("HDDM-A", { try run(HDDMA(), $0, $1) }),
        ("Page-Hinkley", { try run(PageHinkley(.init(direction: .increase)), $0, $1) }),
        ("EDDM", { try run(EDDM(), $0, $1) }),
        ("KSWIN", { try run(KSWIN(), $0, $1) }),
    ]

    private static func run<D: DriftDetector>(_ detector: D, _ errors: [Double], _ changes: [Int]) throws -> DriftDetectionScore {
        var detector = detector
        return try DriftDetectionScore.evaluate(&detector, on: errors, trueChanges: changes, tolerance: tolerance)
    }

    /// The prequential (test-then-train) error stream of `learner`: 1 where it mispredicted, else 0.
    static func errorStream<C: Classifier>(_ learner: inout C, on stream: [(x: Instance, label: Int)]) -> [Double] {
        stream.map { example in
            let wrong = learner.predict(example.x) != example.label
            learner.learn(example.x, label: example.label)
            return wrong ? 1 : 0
        }
    }

    /// A table of scores, one line per detector, for reports.
    static func table(_ rows: [(String, DriftDetectionScore)]) -> String {
        var lines = ["detector       found  mean delay  false alarms (repeats)"]
        for (name, s) in rows {
            let delay = s.meanDelay.map { String(Int($0.rounded())) } ?? "-"
            lines.append(name.padding(toLength: 14, withPad: " ", startingAt: 0)
                + " \(s.found)/\(s.trueChanges.count)".padding(toLength: 7, withPad: " ", startingAt: 0)
                + delay.leftPadded(11) + String(s.falseAlarms).leftPadded(14) + " (\(s.repeatedDetections))")
        }
        return lines.joined(separator: "\n")
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
