import Foundation
import OnlineLearning

/// The full 200,000-instance SEA reference stream from `shared/reference/sea_abrupt.csv.gz` beside the checkout
/// (or the path in `EDDY_REFERENCE_STREAM`), for the opt-in checks that run only when `EDDY_FULL_REFERENCE=1`.
enum FullReferenceStream {
    /// Whether the full-stream checks were asked for.
    static var isEnabled: Bool { ProcessInfo.processInfo.environment["EDDY_FULL_REFERENCE"] == "1" }

    /// Loads the whole stream (three numeric attributes, classes groupA/groupB).
    static func load() throws -> [(x: Instance, label: Int)] {
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = ProcessInfo.processInfo.environment["EDDY_REFERENCE_STREAM"]
            ?? checkout.deletingLastPathComponent().appendingPathComponent("shared/reference/sea_abrupt.csv.gz").path
        let data = try gunzip(path)
        return try ReferenceStream.parseSEA(data)
    }

    /// Runs a prequential loop over `stream` and returns the final accuracy in percent and the instances per
    /// second of the loop (predict then learn, data preloaded).
    static func measure<C: Classifier>(_ learner: inout C, on stream: [(x: Instance, label: Int)]) -> (accuracy: Double, perSecond: Double) {
        var correct = 0
        let clock = ContinuousClock()
        let start = clock.now
        for e in stream {
            if learner.predict(e.x) == e.label { correct += 1 }
            learner.learn(e.x, label: e.label)
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return (100 * Double(correct) / Double(stream.count), Double(stream.count) / seconds)
    }
}
