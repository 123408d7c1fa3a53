import Foundation
import OnlineLearning
import Testing
@testable import FeatureExtraction

@Suite struct SchemaInferenceTests {
    static func events(_ n: Int) -> [[UInt8]] {
        (0..<n).map { i in
            let score = i % 4 == 0 ? "null" : "\(Double(i) / 10)"
            let extra = i % 10 == 0 ? ", \"meta\": {\"a\": [1]}" : ""
            return Array("{\"id\": \"e-\(i)\", \"ts\": \"2026-11-29T10:00:\(String(format: "%02d", i % 60))Z\", \"amount\": \(i * 3), \"country\": \"\(["IE", "FR", "DE"][i % 3])\", \"merchant\": \"m-\(i)\", \"vip\": \(i % 2 == 0), \"opened\": \"2025-01-0\(1 + i % 9)T00:00:00Z\", \"score\": \(score)\(extra), \"class\": \"\(i % 5 == 0 ? "fraud" : "ok")\"}".utf8)
        }
    }

    @Test func infersTypesRolesAndRanges() throws {
        let d = try SchemaInference.infer(from: Self.events(200))
        #expect(d.idField == "id" && d.timeField == "ts" && d.timeFormat == nil)
        #expect(d.label == .init(field: "class", classes: ["fraud", "ok"]))
        let byName = Dictionary(uniqueKeysWithValues: d.features.map { ($0.name, $0) })
        #expect(d.features.map(\.name) == ["amount", "country", "merchant", "vip", "opened", "score"])
        #expect(byName["amount"]?.type == .numeric && byName["amount"]?.min == 0 && byName["amount"]?.max == 597)
        #expect(byName["amount"]?.policies?[.outOfRange] == .ignore && byName["amount"]?.nullable == false)
        #expect(byName["country"]?.type == .categorical && byName["country"]?.values == ["DE", "FR", "IE"])
        #expect(byName["merchant"]?.type == .categorical && byName["merchant"]?.values == nil)
        #expect(byName["vip"]?.type == .boolean)
        #expect(byName["opened"]?.type == .timestamp)
        #expect(byName["score"]?.type == .numeric && byName["score"]?.nullable == true)
    }

    @Test func theInferredDictionaryRoundTripsAndValidatesItsOwnEvents() throws {
        let d = try SchemaInference.infer(from: Self.events(200))
        let json = d.jsonString()
        let again = try DataDictionary.decode(Data(json.utf8))
        #expect(again == d)
        var x = try FeatureExtractor(dictionary: again)
        for e in Self.events(200) {
            if case .rejected(let r) = x.extract(e) { Issue.record("rejected its own event: \(r)") }
        }
        #expect(x.counters.hits(.extraField) == 20)
    }

    @Test func epochNumbersInTheTimeFieldAreRecognised() throws {
        let events = (0..<20).map { Array("{\"time\": \(1_795_946_400_000 + $0 * 1000), \"x\": \($0), \"label\": \($0 % 2)}".utf8) }
        let d = try SchemaInference.infer(from: events)
        #expect(d.timeField == "time" && d.timeFormat == .epochMillis)
        #expect(d.label?.classes == ["0", "1"])
    }

    @Test func configuredRolesWin() throws {
        var c = SchemaInference.Configuration()
        c.labelField = "country"
        c.idField = "merchant"
        c.maxCategories = 2
        let d = try SchemaInference.infer(from: Self.events(50), configuration: c)
        #expect(d.label?.field == "country" && d.idField == "merchant")
        #expect(d.features.first { $0.name == "class" }?.values == ["fraud", "ok"])
    }

    @Test func readsJSONLinesUpToALimit() throws {
        let text = Self.events(30).map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\r\n") + "\n\n"
        var inference = try SchemaInference()
        #expect(inference.observe(lines: Array(text.utf8), limit: 25) == 25)
        #expect(inference.eventCount == 25 && inference.invalidCount == 0)
    }

    @Test func fingerprintsChangeWithTheDictionary() throws {
        var d = try SchemaInference.infer(from: Self.events(50))
        let f = d.fingerprint
        let again = try DataDictionary.decode(Data(d.jsonString().utf8))
        #expect(f.count == 16 && f == again.fingerprint)
        d.features[0].max = 1e9
        #expect(d.fingerprint != f)
    }

    @Test func failsClearlyWithoutValidEvents() throws {
        #expect {
            try SchemaInference.infer(from: [Array("not json".utf8)])
        } throws: { ($0 as? FeatureExtractionError)?.code == "inference_failed" }
    }

    @Test func staysBoundedOnAFloodOfDistinctFieldsAndValues() throws {
        var c = SchemaInference.Configuration()
        c.maxFields = 50
        var inference = try SchemaInference(configuration: c)
        for i in 0..<2000 { inference.observe(Array("{\"f\(i)\": \"v\(i)\", \"x\": \"v\(i)\"}".utf8)) }
        #expect(inference.fields.count == 50)
        #expect(inference.fields["x"]!.distinctStrings.count <= c.maxClasses + 1)
        let d = try inference.dictionary()
        #expect(d.features.first { $0.name == "x" }?.values == nil)
    }
}
