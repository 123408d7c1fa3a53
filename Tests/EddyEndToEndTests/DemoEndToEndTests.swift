import Foundation
import Testing

/// `eddy demo` as a user runs it (briefly, output piped): the embedded broker, the drifting stream through
/// the real runtime, and a summary that reports predictions, dead letters by reason and drift events.
@Suite(.enabled(if: EddyBinary.path != nil, "the eddy binary is not built (run `swift build` first, or set EDDY_BINARY)"))
struct DemoEndToEndTests {
    @Test func demoRunsThePipelineAndReportsPredictionsDeadLettersAndDrift() async throws {
        let (status, out, err) = try await EddyProcess.run(
            ["demo", "--duration", "8", "--rate", "1000"], environment: ["EDDY_METRICS_PORT": "0"])
        #expect(status == 0, "exit status; stderr:\n\(err.suffix(2000))\nstdout:\n\(out.suffix(3000))")
        #expect(!out.contains("\u{1B}["), "no terminal escapes when standard output is not a terminal")
        #expect(out.contains("abstaining leveraging_bagging(10 × hoeffding_tree)"), "the default demo model")

        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("[  1s] published ") }, "a plain summary line every second")
        let throughput = try #require(lines.first { $0.contains("predictions out") }, "a final summary:\n\(out)")
        let predictions = Int(throughput.components(separatedBy: " events in, ").last?
            .components(separatedBy: " predictions out").first?.replacingOccurrences(of: ",", with: "") ?? "") ?? 0
        #expect(predictions > 4_000, "most of the 8,000 events are predicted: \(throughput)")

        let dead = try #require(lines.first { $0.hasPrefix("  dead letters ") })
        let reasons = ["invalid_json", "wrong_type", "unseen_category", "missing_feature", "out_of_range"]
        #expect(reasons.contains { dead.contains("\($0) ") }, "dead letters are counted by reason: \(dead)")
        #expect(!dead.hasPrefix("  dead letters 0 "), "\(dead)")

        #expect(lines.contains { $0.contains("concept drift (adwin") }, "the abrupt change is reported as a drift event:\n\(out)")
        #expect(lines.contains { $0.contains("late labels published") && !$0.contains(" 0 joined") })
    }
}
