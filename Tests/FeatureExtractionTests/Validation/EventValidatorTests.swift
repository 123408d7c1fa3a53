import OnlineLearning
import Testing
@testable import FeatureExtraction

/// Each validation rule, its reason code, its counter and each of its policies.
@Suite struct EventValidatorTests {
    static func dictionary(
        policies: [ReasonCode: ValidationPolicy] = [:], featurePolicies: [ReasonCode: ValidationPolicy]? = nil
    ) -> DataDictionary {
        DataDictionary(
            idField: "id", timeField: "ts", label: .init(field: "y", classes: ["no", "yes", "1"]),
            features: [
                FeatureSpec(name: "amount", type: .numeric, min: 0, max: 100, policies: featurePolicies),
                FeatureSpec(name: "country", type: .categorical, values: ["IE", "FR"], policies: featurePolicies),
                FeatureSpec(name: "vip", type: .boolean, nullable: true),
                FeatureSpec(name: "opened", type: .timestamp, format: .epochSeconds, nullable: true),
            ],
            policies: policies)
    }

    static let valid = #"{"id": "e1", "ts": "2026-11-29T10:00:00Z", "amount": 12.5, "country": "FR", "vip": true, "opened": 1764410400, "y": "yes"}"#

    /// Replaces or removes one field of the valid event (nil removes it).
    static func event(_ changes: [String: String?]) -> [UInt8] {
        var fields: [(String, String)] = [("id", "\"e1\""), ("ts", "\"2026-11-29T10:00:00Z\""), ("amount", "12.5"),
                                         ("country", "\"FR\""), ("vip", "true"), ("opened", "1764410400"), ("y", "\"yes\"")]
        for (k, v) in changes {
            if let i = fields.firstIndex(where: { $0.0 == k }) {
                if let v { fields[i].1 = v } else { fields.remove(at: i) }
            } else if let v {
                fields.append((k, v))
            }
        }
        return Array(("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}").utf8)
    }

    func run(_ bytes: [UInt8], _ d: DataDictionary = dictionary()) throws -> (FeatureExtractor.Outcome, ValidationCounters) {
        var x = try FeatureExtractor(dictionary: d)
        let outcome = x.extract(bytes)
        return (outcome, x.counters)
    }

    func rejection(_ o: FeatureExtractor.Outcome) -> Rejection? {
        if case .rejected(let r) = o { return r }
        return nil
    }

    func event(_ o: FeatureExtractor.Outcome) -> ExtractedEvent? {
        if case .event(let e) = o { return e }
        return nil
    }

    @Test func acceptsAValidEvent() throws {
        let (o, c) = try run(Array(Self.valid.utf8))
        let e = try #require(event(o))
        #expect(e.id == "e1" && e.label == 1)
        #expect(e.eventTime == 1_795_946_400)
        #expect(Array(e.instance.values[0...2]) == [12.5, 1, 1])
        #expect(c.events == 1 && c.accepted == 1 && c.rejected == 0)
    }

    @Test func payloadRulesRejectWithTheirReason() throws {
        let cases: [([UInt8], ReasonCode)] = [
            (Array("{\"id\": ".utf8), .invalidJSON),
            (Array("{\"amount\": NaN}".utf8), .invalidJSON),
            (Array("{\"country\": \"".utf8) + [0xFF] + Array("\"}".utf8), .invalidUTF8),
            (Array("{\"x\": ".utf8) + Array(repeating: UInt8(ascii: "["), count: 100) + Array(repeating: UInt8(ascii: "]"), count: 100) + [UInt8(ascii: "}")], .tooDeep),
            (Array(repeating: UInt8(ascii: " "), count: (1 << 20) + 1), .payloadTooLarge),
        ]
        for (bytes, reason) in cases {
            let (o, c) = try run(bytes)
            let r = try #require(rejection(o))
            #expect(r.reason == reason)
            #expect(r.byteOffset != nil)
            #expect(c.rejections(reason) == 1 && c.hits(reason) == 1)
        }
    }

    @Test func missingFeatureRejectsOrImputes() throws {
        let (o, c) = try run(Self.event(["amount": nil]))
        #expect(rejection(o)?.reason == .missingFeature && rejection(o)?.field == "amount")
        #expect(c.rejections(.missingFeature) == 1)
        let (o2, c2) = try run(Self.event(["amount": "null"]), Self.dictionary(policies: [.missingFeature: .impute]))
        #expect(try #require(event(o2)).instance.values[0].isNaN)
        #expect(c2.hits(.missingFeature) == 1 && c2.rejected == 0)
        // A nullable feature may be absent without tripping a rule.
        let (o3, c3) = try run(Self.event(["vip": nil]))
        #expect(try #require(event(o3)).instance.values[2].isNaN)
        #expect(c3.hits(.missingFeature) == 0)
    }

    @Test func extraFieldIsCountedAndIgnoredOrRejected() throws {
        let (o, c) = try run(Self.event(["surprise": "{\"a\": [1]}"]))
        #expect(event(o) != nil && c.hits(.extraField) == 1)
        let (o2, _) = try run(Self.event(["surprise": "1"]), Self.dictionary(policies: [.extraField: .reject]))
        #expect(rejection(o2)?.reason == .extraField && rejection(o2)?.field == "surprise")
    }

    @Test func duplicateFieldRejectsOrKeepsTheLast() throws {
        let bytes = Array(Self.valid.dropLast().utf8) + Array(#", "amount": 50}"#.utf8)
        let (o, _) = try run(bytes)
        #expect(rejection(o)?.reason == .duplicateField && rejection(o)?.field == "amount")
        let (o2, c2) = try run(bytes, Self.dictionary(policies: [.duplicateField: .ignore]))
        #expect(try #require(event(o2)).instance.values[0] == 50)
        #expect(c2.hits(.duplicateField) == 1)
    }

    @Test func wrongTypeRejectsOrImputes() throws {
        for (field, value) in [("amount", "\"12.5\""), ("country", "7"), ("vip", "\"true\""), ("amount", "[1]"), ("opened", "{}")] {
            let (o, c) = try run(Self.event([field: value]))
            #expect(rejection(o)?.reason == .wrongType && rejection(o)?.field == field, "\(field): \(value)")
            #expect(c.rejections(.wrongType) == 1)
        }
        let (o, c) = try run(Self.event(["amount": "\"12.5\""]), Self.dictionary(featurePolicies: [.wrongType: .impute]))
        #expect(try #require(event(o)).instance.values[0].isNaN)
        #expect(c.hits(.wrongType) == 1)
    }

    @Test func timestampWhoseFormatChangedIsABadTimestamp() throws {
        // Milliseconds where seconds are declared; an RFC 3339 string where a number is declared.
        for value in ["1764410400000", "\"2026-11-29T10:00:00Z\"", "-5"] {
            let (o, _) = try run(Self.event(["opened": value]))
            #expect(rejection(o)?.reason == .badTimestamp && rejection(o)?.field == "opened", "\(value)")
        }
        for value in ["1764410400", "\"29/11/2026\"", "\"2026-02-30T00:00:00Z\"", "\"2026-11-29T25:00:00Z\""] {
            let (o, _) = try run(Self.event(["ts": value]))
            #expect(rejection(o)?.reason == .badTimestamp && rejection(o)?.field == "ts", "\(value)")
        }
        var d = Self.dictionary()
        d.features[3].policies = [.badTimestamp: .impute]
        let (o, c) = try run(Self.event(["opened": "1764410400000"]), d)
        let e = try #require(event(o))
        #expect(e.instance.values[3].isNaN && e.instance.values[4].isNaN)
        #expect(c.hits(.badTimestamp) == 1)
    }

    @Test func outOfRangeRejectsImputesOrKeeps() throws {
        for value in ["-1", "100.5", "1e400"] {
            let (o, _) = try run(Self.event(["amount": value]))
            #expect(rejection(o)?.reason == .outOfRange, "\(value)")
        }
        let (o, _) = try run(Self.event(["amount": "500"]), Self.dictionary(featurePolicies: [.outOfRange: .impute]))
        #expect(try #require(event(o)).instance.values[0].isNaN)
        let (o2, c2) = try run(Self.event(["amount": "500"]), Self.dictionary(featurePolicies: [.outOfRange: .ignore]))
        #expect(try #require(event(o2)).instance.values[0] == 500)
        #expect(c2.hits(.outOfRange) == 1)
    }

    @Test func unseenCategoryMapsToOtherByDefaultOrRejectsOrImputes() throws {
        let (o, c) = try run(Self.event(["country": "\"XX\""]))
        let header = Self.dictionary().header
        #expect(try #require(event(o)).instance.values[1] == 2)
        #expect(header.attributes[1].kind == .nominal(values: ["IE", "FR", "other"]))
        #expect(c.hits(.unseenCategory) == 1)
        let (o2, _) = try run(Self.event(["country": "\"XX\""]), Self.dictionary(featurePolicies: [.unseenCategory: .reject]))
        #expect(rejection(o2)?.reason == .unseenCategory && rejection(o2)?.message.contains("XX") == true)
        let (o3, _) = try run(Self.event(["country": "\"XX\""]), Self.dictionary(featurePolicies: [.unseenCategory: .impute]))
        #expect(try #require(event(o3)).instance.values[1].isNaN)
    }

    @Test func unknownLabelRejectsOrLeavesTheEventUnlabelled() throws {
        let (o, c) = try run(Self.event(["y": "\"maybe\""]))
        #expect(rejection(o)?.reason == .unknownLabel && c.rejections(.unknownLabel) == 1)
        let (o2, _) = try run(Self.event(["y": "\"maybe\""]), Self.dictionary(policies: [.unknownLabel: .ignore]))
        #expect(try #require(event(o2)).label == nil)
        // Numbers match classes spelled as numbers; an absent label is simply unlabelled.
        #expect(try #require(event(try run(Self.event(["y": "1"])).0)).label == 2)
        #expect(try #require(event(try run(Self.event(["y": nil])).0)).label == nil)
    }

    @Test func idRules() throws {
        let (o, _) = try run(Self.event(["id": nil]))
        #expect(rejection(o)?.reason == .missingID)
        let (o2, _) = try run(Self.event(["id": "{}"]))
        #expect(rejection(o2)?.reason == .badID)
        let long = "\"" + String(repeating: "x", count: 300) + "\""
        #expect(rejection(try run(Self.event(["id": long])).0)?.reason == .badID)
        #expect(try #require(event(try run(Self.event(["id": "1042"])).0)).id == "1042")
        let (o3, c3) = try run(Self.event(["id": nil]), Self.dictionary(policies: [.missingID: .ignore]))
        #expect(try #require(event(o3)).id == nil && c3.hits(.missingID) == 1)
    }

    @Test func missingTimeIsIgnoredByDefaultOrRejected() throws {
        let (o, c) = try run(Self.event(["ts": nil]))
        #expect(try #require(event(o)).eventTime == nil && c.hits(.missingTime) == 1)
        let (o2, _) = try run(Self.event(["ts": nil]), Self.dictionary(policies: [.missingTime: .reject]))
        #expect(rejection(o2)?.reason == .missingTime)
    }

    @Test func rejectionsCarryDeadLetterHeaders() throws {
        let r = try #require(rejection(try run(Self.event(["amount": "-1"])).0))
        #expect(r.headers.map(\.key) == ["eddy.reason", "eddy.field", "eddy.message"])
        #expect(r.headers[0].value == "out_of_range" && r.error.code == "out_of_range")
    }
}
