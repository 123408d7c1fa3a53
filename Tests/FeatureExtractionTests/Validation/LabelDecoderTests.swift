import Testing
@testable import FeatureExtraction

@Suite struct LabelDecoderTests {
    @Test func decodesIdsAndClasses() throws {
        var d = LabelDecoder(classes: ["fraud", "ok", "1"])
        #expect(try d.decode(Array(#"{"id": "e-1042", "label": "ok", "extra": [1]}"#.utf8)).get() == .init(id: "e-1042", label: 1))
        #expect(try d.decode(Array(#"{"label": 1, "id": 77}"#.utf8)).get() == .init(id: "77", label: 2))
        #expect(d.counters.accepted == 2 && d.counters.hits(.extraField) == 1)
    }

    @Test func rejectsWhatCannotBeJoined() {
        var d = LabelDecoder(classes: ["fraud", "ok"], idField: "event", labelField: "y")
        let cases: [(String, ReasonCode)] = [
            (#"{"y": "ok"}"#, .missingID), (#"{"event": [1], "y": "ok"}"#, .badID), (#"{"event": "e"}"#, .unknownLabel),
            (#"{"event": "e", "y": "maybe"}"#, .unknownLabel), (#"{"event": "e", "y": "ok""#, .invalidJSON),
        ]
        for (json, reason) in cases {
            guard case .failure(let r) = d.decode(Array(json.utf8)) else {
                Issue.record("accepted \(json)")
                continue
            }
            #expect(r.reason == reason, "\(json)")
        }
        #expect(d.counters.rejected == cases.count && d.counters.rejections(.unknownLabel) == 2)
    }
}
