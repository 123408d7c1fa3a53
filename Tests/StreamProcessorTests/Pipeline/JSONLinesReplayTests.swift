import FeatureExtraction
import Foundation
import OnlineLearning
import Testing
@testable import StreamProcessor

@Suite struct JSONLinesReplayTests {
    func directory() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-jsonl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    func write(_ lines: [String], to url: URL) throws {
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
    }

    @Test func aJSONLinesFileRunsThroughThePipelineWithAnInferredSchema() throws {
        let d = try directory()
        defer { try? FileManager.default.removeItem(at: d) }
        var lines = PipelineFixtures.records(count: 1500).map { String(decoding: $0.value!, as: UTF8.self) }
        lines.insert("{not json", at: 700)
        try write(lines, to: d.appendingPathComponent("events.jsonl"))
        var spec = ModelSpec()
        spec.model = .naiveBayes
        var configuration = PipelineConfiguration()
        configuration.schemaInferEvents = 200
        configuration.labelField = "class"
        var options = JSONLinesReplayOptions(path: d.appendingPathComponent("events.jsonl").path)
        options.reportDirectory = d.appendingPathComponent("report").path
        options.sampleEvery = 500
        let result = try JSONLinesReplay.run(spec: spec, configuration: configuration, options: options)
        #expect(result.inferred)
        #expect(result.dictionary.label?.classes == ["no", "yes"])
        #expect(result.metrics.counters.eventsIn == 1501)
        #expect(result.metrics.counters.predictionsOut == 1500)
        #expect(result.metrics.counters.deadLetters == 1)
        #expect(result.summary.final.cumulative.accuracy > 0.8)
        let report = d.appendingPathComponent("report")
        let predictions = try String(contentsOf: report.appendingPathComponent("predictions.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        #expect(predictions.count == 1500)
        let first = try JSONSerialization.jsonObject(with: Data(predictions[0].utf8)) as! [String: Any]
        #expect((first["source"] as? [String: Any])?["offset"] as? Int == 1) // line numbers
        let dead = try String(contentsOf: report.appendingPathComponent("dead_letters.jsonl"), encoding: .utf8).split(separator: "\n")
        let letter = try JSONSerialization.jsonObject(with: Data(dead[0].utf8)) as! [String: Any]
        #expect(letter["value"] as? String == "{not json")
        #expect((letter["headers"] as? [String: String])?["eddy.reason"] == "invalid_json")
        #expect((letter["headers"] as? [String: String])?["eddy.source.offset"] == "701")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: report.appendingPathComponent("summary.json"))) as! [String: Any]
        #expect(summary["instances"] as? Int == 1500)
        #expect(summary["dead_letters"] as? Int == 1)
        #expect((summary["rejected_by_reason"] as? [String: Int])?["invalid_json"] == 1)
        #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("schema.json").path))
        #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("drift_events.jsonl").path))
    }

    @Test func aLabelsFileIsJoinedByID() throws {
        let d = try directory()
        defer { try? FileManager.default.removeItem(at: d) }
        let events = PipelineFixtures.records(count: 1000, labelled: false).map { String(decoding: $0.value!, as: UTF8.self) }
        let truth = PipelineFixtures.labels(count: 1000)
        try write(events, to: d.appendingPathComponent("events.jsonl"))
        try write((0..<1000).map { "{\"id\":\"e-\($0)\",\"label\":\"\(truth[$0])\"}" }, to: d.appendingPathComponent("labels.jsonl"))
        let schema = d.appendingPathComponent("schema.json")
        try Data(PipelineFixtures.dictionary.jsonString().utf8).write(to: schema)
        var spec = ModelSpec()
        spec.model = .naiveBayes
        var configuration = PipelineConfiguration()
        configuration.schemaPath = schema.path
        var options = JSONLinesReplayOptions(path: d.appendingPathComponent("events.jsonl").path)
        options.labelsPath = d.appendingPathComponent("labels.jsonl").path
        options.labelLag = 50
        let result = try JSONLinesReplay.run(spec: spec, configuration: configuration, options: options)
        #expect(!result.inferred)
        #expect(result.metrics.labelJoin.joined == 1000)
        #expect(result.summary.final.cumulative.instances == 1000)
        #expect(result.summary.final.cumulative.accuracy > 0.8)
    }

    @Test func theBootstrapKeepsTheRecordsItInferredFrom() throws {
        var configuration = PipelineConfiguration()
        configuration.schemaInferEvents = 10
        var bootstrap = try SchemaBootstrap(configuration: configuration)
        let records = PipelineFixtures.records(count: 12)
        var ready = false
        for r in records.prefix(10) { ready = try bootstrap.offer(r) }
        #expect(ready)
        #expect(bootstrap.dictionary?.features.map(\.name) == ["a", "b", "c"])
        #expect(bootstrap.takeBuffered() == Array(records.prefix(10)))
    }
}
