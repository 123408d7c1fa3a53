import Foundation
import OnlineLearning
import Testing
@testable import StreamProcessor

@Suite struct ReplayTests {
    /// A small two-class CSV in a fresh temporary directory; the class is `x > 0`, with the class column first.
    func writeStream() throws -> (directory: URL, file: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var r = RandomSource(seed: 4)
        var lines = ["label,x,colour"]
        for _ in 0..<3000 {
            let x = r.nextGaussian()
            lines.append("\(x > 0 ? "pos" : "neg"),\(x),\(["red", "blue"][r.nextInt(below: 2)])")
        }
        let file = directory.appendingPathComponent("stream.csv").path
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: file))
        return (directory, file)
    }

    @Test func replayWritesASummaryAndACurve() throws {
        let (directory, file) = try writeStream()
        defer { try? FileManager.default.removeItem(at: directory) }
        var spec = ModelSpec()
        spec.model = .naiveBayes
        var options = ReplayOptions(path: file)
        options.target = "label"
        options.sampleEvery = 1000
        options.window = 500
        var seen: [Int] = []
        let summary = try Replay.run(spec: spec, options: options) { seen.append($0.instances) }
        #expect(seen == [1000, 2000, 3000])
        let report = directory.appendingPathComponent("report").path
        try ReplayReport.write(summary, to: report)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report + "/summary.json"))) as! [String: Any]
        #expect(json["instances"] as? Int == 3000)
        let accuracy = try #require(json["accuracy"] as? Double)
        #expect(accuracy > 90 && accuracy <= 100) // percent
        #expect((json["kappa"] as? Double).map { $0 > 80 } == true)
        for key in ["kappa_m", "kappa_t", "abstention_rate", "seconds", "instances_per_second", "cpu_seconds", "instances_per_cpu_second"] {
            #expect(json[key] is Double, "\(key)")
        }
        #expect(json["model"] as? String == "naive_bayes")
        #expect((json["config"] as? [String: String])?["EDDY_MODEL"] == "naive_bayes")
        #expect(json["classes"] as? [String] == ["neg", "pos"])
        #expect((json["window"] as? [String: Any])?["instances"] as? Int == 500)
        let curve = try String(contentsOfFile: report + "/curve.csv", encoding: .utf8).split(separator: "\n")
        #expect(curve.count == 4)
        #expect(curve[0].hasPrefix("instances,accuracy,kappa,kappa_t,kappa_m,abstention_rate,window_accuracy"))
        #expect(curve[3].hasPrefix("3000,"))
    }

    @Test func everyAvailableModelReplays() throws {
        let (directory, file) = try writeStream()
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ModelFactory.available {
            var spec = ModelSpec()
            spec.model = try #require(ModelSpec.Kind(rawValue: name))
            spec.baseLearner = .naiveBayes
            spec.ensembleSize = 3
            var options = ReplayOptions(path: file)
            options.target = "label"
            let summary = try Replay.run(spec: spec, options: options)
            #expect(summary.final.instances == 3000, "\(name)")
            if spec.model.isEnsemble {
                spec.abstain = true
                let abstaining = try Replay.run(spec: spec, options: options)
                #expect(abstaining.final.cumulative.abstentionRate >= 0, "\(name)")
            }
        }
    }

    @Test func aMissingFileIsADataError() {
        #expect(throws: (any Error).self) { _ = try Replay.run(spec: ModelSpec(), options: ReplayOptions(path: "/nonexistent/x.csv")) }
        #expect(throws: (any Error).self) { _ = try Replay.run(spec: ModelSpec(), options: ReplayOptions(path: "/tmp/x.parquet")) }
    }
}
