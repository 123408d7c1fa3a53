import FeatureExtraction
import Foundation
import Testing
@testable import StreamProcessor

@Suite struct SchemaSamplerTests {
    @Test func infersFromTheFirstEventsOfAJSONLinesFileWithConfiguredRoles() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID()).jsonl").path
        let lines = (0..<50).map { i in
            #"{"key":"k\#(i)","amount":\#(Double(i) / 2),"country":"\#(i % 2 == 0 ? "IE" : "FR")","outcome":"\#(i % 3 == 0 ? "fraud" : "ok")"}"#
        }
        try (lines.joined(separator: "\n") + "\n#not json\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var pipeline = PipelineConfiguration()
        pipeline.idField = "key"
        pipeline.labelField = "outcome"

        let dictionary = try SchemaSampler.infer(
            file: path, events: 10, configuration: SchemaSampler.inferenceConfiguration(pipeline))

        #expect(dictionary.idField == "key")
        #expect(dictionary.label?.classes == ["fraud", "ok"])
        #expect(dictionary.features.map(\.name) == ["amount", "country"])
        let amount = try #require(dictionary.features.first)
        #expect(amount.max == 4.5, "only the first 10 events count")
    }

    @Test func aFileWithoutEventsIsAnErrorNotAnEmptyDictionary() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID()).jsonl").path
        try "garbage\n[1,2]\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: FeatureExtractionError.self) {
            _ = try SchemaSampler.infer(file: path, events: 10, configuration: .init())
        }
    }
}
