import Foundation
import OnlineLearning
import Testing
@testable import FeatureExtraction

@Suite struct DataDictionaryTests {
    static let sample = """
    {
      "idField": "id", "timeField": "ts",
      "label": {"field": "class", "classes": ["fraud", "ok"]},
      "features": [
        {"name": "amount", "type": "numeric", "min": 0, "max": 1000, "imputation": "mean", "missingIndicator": true,
         "description": "Order value in euros"},
        {"name": "country", "type": "categorical", "values": ["IE", "FR"]},
        {"name": "merchant", "type": "categorical", "hashBuckets": 8, "nullable": true},
        {"name": "vip", "type": "boolean", "nullable": true, "imputation": "default", "default": false},
        {"name": "opened", "type": "timestamp", "format": "epoch_millis", "policies": {"bad_timestamp": "impute"}}
      ],
      "policies": {"extra_field": "reject"},
      "limits": {"maxDepth": 8}
    }
    """

    @Test func loadsTheDocumentedForm() throws {
        let d = try DataDictionary.decode(Data(Self.sample.utf8))
        #expect(d.idField == "id")
        #expect(d.label?.classes == ["fraud", "ok"])
        #expect(d.features.count == 5)
        #expect(d.features[0].min == 0 && d.features[0].imputation == .mean && d.features[0].missingIndicator)
        #expect(d.features[4].format == .epochMillis)
        #expect(d.policy(for: .badTimestamp, feature: 4) == .impute)
        #expect(d.policy(for: .extraField) == .reject)
        #expect(d.policy(for: .unseenCategory, feature: 1) == .other)
        #expect(d.limits.maxDepth == 8 && d.limits.maxPayloadBytes == 1 << 20)
    }

    @Test func headerListsAttributesInStableOrder() throws {
        let d = try DataDictionary.decode(Data(Self.sample.utf8))
        let h = d.header
        #expect(h.attributes.map(\.name) == ["amount", "amount.missing", "country", "merchant", "vip", "opened.hour", "opened.weekday"])
        #expect(h.attributes[2].kind == .nominal(values: ["IE", "FR", "other"]))
        #expect(h.attributes[3].valueCount == 8)
        #expect(h.attributes[4].kind == .nominal(values: ["false", "true"]))
        #expect(h.classes == ["fraud", "ok"])
    }

    @Test func roundTripsThroughJSON() throws {
        let d = try DataDictionary.decode(Data(Self.sample.utf8))
        let again = try DataDictionary.decode(Data(d.jsonString().utf8))
        #expect(again == d)
    }

    @Test func decodingErrorsNameTheSourceThePathAndWhatWasExpected() {
        let bad = #"{"features": [{"name": "a", "type": "numeric"}, {"name": "b", "type": "colour"}]}"#
        #expect {
            try DataDictionary.decode(Data(bad.utf8), source: "schema.json")
        } throws: { error in
            let e = error as! FeatureExtractionError
            return e.code == "invalid_dictionary" && e.location == "schema.json: $.features[1].type"
                && e.message.contains("colour")
        }
        let missing = #"{"features": [{"type": "numeric"}]}"#
        #expect {
            try DataDictionary.decode(Data(missing.utf8), source: "s.json")
        } throws: { error in
            let e = error as! FeatureExtractionError
            return e.location == "s.json: $.features[0].name" && e.message.contains("missing")
        }
        let wrongType = #"{"features": [{"name": "a", "type": "numeric", "min": "low"}]}"#
        #expect {
            try DataDictionary.decode(Data(wrongType.utf8), source: "s.json")
        } throws: { error in
            let e = error as! FeatureExtractionError
            return e.location == "s.json: $.features[0].min" && e.message.contains("expected a number")
        }
    }

    @Test func semanticChecksNameThePath() {
        func failure(_ json: String) -> FeatureExtractionError? {
            do { _ = try DataDictionary.decode(Data(json.utf8), source: "s.json"); return nil } catch { return error }
        }
        #expect(failure(#"{"features": [{"name": "a", "type": "numeric", "min": 5, "max": 1}]}"#)?.location == "s.json: $.features[0].max")
        #expect(failure(#"{"features": [{"name": "a", "type": "numeric"}, {"name": "a", "type": "boolean"}]}"#)?.location == "s.json: $.features[1].name")
        #expect(failure(#"{"features": [{"name": "a", "type": "boolean", "imputation": "mean"}]}"#)?.location == "s.json: $.features[0].imputation")
        #expect(failure(#"{"features": [{"name": "a", "type": "numeric", "policies": {"missing_feature": "other"}}]}"#)?.location == "s.json: $.features[0].policies.missing_feature")
        #expect(failure(#"{"features": [{"name": "a", "type": "numeric", "policies": {"no_such_rule": "reject"}}]}"#)?.message.contains("unknown reason code") == true)
        #expect(failure(#"{"idField": "a", "features": [{"name": "a", "type": "numeric"}]}"#)?.location == "s.json: $.idField")
        #expect(failure(#"{"label": {"field": "y", "classes": []}, "features": [{"name": "a", "type": "numeric"}]}"#)?.location == "s.json: $.label.classes")
        #expect(failure(#"{"features": [{"name": "a", "type": "categorical", "values": ["x"], "imputation": "default", "default": "y"}]}"#)?.location == "s.json: $.features[0].default")
        #expect(failure(#"{"features": [{"name": "a", "type": "numeric"}], "limits": {"maxDepth": 0}}"#)?.location == "s.json: $.limits.maxDepth")
    }

    @Test func misspeltKeysAreRefusedNotIgnored() {
        func failure(_ json: String) -> FeatureExtractionError? {
            do { _ = try DataDictionary.decode(Data(json.utf8), source: "s.json"); return nil } catch { return error }
        }
        let e = failure(#"{"features": [{"name": "a", "type": "numeric", "nulable": true}]}"#)
        #expect(e?.location == "s.json: $.features[0].nulable" && e?.message.contains("unknown key") == true)
        #expect(failure(#"{"features": [{"name": "a", "type": "numeric"}], "limit": {}}"#)?.location == "s.json: $.limit")
        #expect(failure(#"{"features": [{"name": "a", "type": "numeric"}], "limits": {"depth": 3}}"#)?.location == "s.json: $.limits.depth")
        #expect(failure(#"{"label": {"field": "y", "class": ["a"]}, "features": [{"name": "a", "type": "numeric"}]}"#)?.location == "s.json: $.label.class")
    }

    @Test func theTimeFieldMayDoubleAsATimestampFeature() throws {
        let json = #"{"timeField": "ts", "features": [{"name": "ts", "type": "timestamp"}, {"name": "x", "type": "numeric"}]}"#
        var x = try FeatureExtractor(dictionary: try DataDictionary.decode(Data(json.utf8)))
        guard case .event(let e) = x.extract(Array(#"{"ts": "2026-11-29T10:00:00Z", "x": 1}"#.utf8)) else {
            Issue.record("rejected")
            return
        }
        #expect(e.eventTime == 1_795_946_400 && e.instance.values == [10, 6, 1])
        let clash = #"{"timeField": "x", "features": [{"name": "x", "type": "numeric"}]}"#
        #expect(throws: FeatureExtractionError.self) { try DataDictionary.decode(Data(clash.utf8)) }
    }

    @Test func loadingAMissingFileNamesIt() {
        #expect {
            try DataDictionary.load(contentsOf: URL(fileURLWithPath: "/nonexistent/schema.json"))
        } throws: { error in
            (error as! FeatureExtractionError).code == "dictionary_unreadable"
                && (error as! FeatureExtractionError).location == "/nonexistent/schema.json"
        }
    }
}
