import Testing
@testable import FeatureExtraction

@Suite struct EventDecoderTests {
    let decoder = EventDecoder(fields: ["s", "n", "b", "z"], maxPayloadBytes: 4096, maxDepth: 8)

    func decode(_ json: String) throws -> DecodedEvent {
        var e = decoder.makeRecord()
        try decoder.decode(Array(json.utf8), into: &e)
        return e
    }

    func failure(_ bytes: [UInt8]) -> JSONScanError? {
        var e = decoder.makeRecord()
        do { try decoder.decode(bytes, into: &e); return nil } catch { return error }
    }

    @Test func readsDeclaredFieldsByKind() throws {
        let e = try decode(#" { "n": -12.5e1, "s": "IE", "b": true, "z": null } "#)
        #expect(e.kind(0) == .string && e.string(0) == "IE")
        #expect(e.kind(1) == .number && e.number(1) == -125)
        #expect(e.kind(2) == .bool && e.bool(2))
        #expect(e.kind(3) == .null)
        #expect(e.extraFieldCount == 0 && e.memberCount == 4)
    }

    @Test func decodesEscapesUnicodeEscapesAndSurrogatePairs() throws {
        let e = try decode(#"{"s": "a\"b\\c\/d\n\t\u00e9\u20AC\ud83d\ude00 é€😀"}"#)
        #expect(e.string(0) == "a\"b\\c/d\n\té€😀 é€😀")
    }

    @Test func findsKeysWrittenWithEscapes() throws {
        let e = try decode(#"{"\u0073": "x"}"#)
        #expect(e.string(0) == "x")
    }

    @Test func readsNumbersExactly() throws {
        let cases: [(String, Double)] = [
            ("0", 0), ("-0", -0.0), ("1e3", 1000), ("1E+3", 1000), ("2.5e-3", 0.0025), ("0.1", 0.1),
            ("123456789012345678901234567890", 123456789012345678901234567890.0), ("1.7976931348623157e308", .greatestFiniteMagnitude),
            ("4.9e-324", 4.9e-324), ("0.30000000000000004", 0.30000000000000004), ("9007199254740993", 9007199254740993),
        ]
        for (text, value) in cases {
            let e = try decode(#"{"n": \#(text)}"#)
            #expect(e.number(1) == value, "\(text)")
        }
        #expect(try decode(#"{"n": 1e400}"#).number(1) == .infinity)
    }

    @Test func skipsNestedValuesInUndeclaredFields() throws {
        let e = try decode(#"{"x": {"a": [1, {"b": [true, null, "s"]}], "c": {}}, "n": 1, "y": [[], [[]]], "w": "v"}"#)
        #expect(e.number(1) == 1)
        #expect(e.extraFieldCount == 3 && e.firstExtraField == "x")
    }

    @Test func marksContainersInDeclaredFieldsAndDuplicates() throws {
        let e = try decode(#"{"s": {"a": 1}, "n": [1, 2], "b": false, "b": true}"#)
        #expect(e.kind(0) == .object && e.kind(1) == .array)
        #expect(e.duplicateSlot == 2 && e.bool(2))
    }

    @Test func refusesInvalidJSON() {
        for bad in ["", "   ", "[]", "\"s\"", "{", "{\"n\": }", "{\"n\": 1,}", "{\"n\": 01}", "{\"n\": 1.}", "{\"n\": .5}",
                    "{\"n\": +1}", "{\"n\": NaN}", "{\"n\": Infinity}", "{\"n\": -Infinity}", "{\"n\": tru}", "{n: 1}",
                    "{\"n\": 1} x", "{\"s\": \"a\tb\"}", "{\"s\": \"\\x\"}", "{\"s\": \"\\u12\"}", "{'n': 1}",
                    "{\"n\": 1}}", "{\"n\" 1}", "{\"x\": [1 2]}", "{\"x\": {\"a\" 1}}", "\u{FEFF}{}"] {
            #expect(failure(Array(bad.utf8))?.reason == .invalidJSON, "\(bad)")
        }
    }

    @Test func refusesInvalidUTF8() {
        let cases: [[UInt8]] = [
            [0xC3, 0x28], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xFF], [0x80], [0xE2, 0x82],
        ]
        for c in cases {
            let bytes = Array(#"{"x": "a"#.utf8) + c + Array(#"b"}"#.utf8)
            #expect(failure(bytes)?.reason == .invalidUTF8, "\(c)")
        }
        #expect(failure(Array(#"{"s": "\ud800"}"#.utf8))?.reason == .invalidUTF8)
        #expect(failure(Array(#"{"s": "\udc00x"}"#.utf8))?.reason == .invalidUTF8)
    }

    @Test func boundsSizeAndDepth() {
        #expect(failure(Array(repeating: UInt8(ascii: " "), count: 4097))?.reason == .payloadTooLarge)
        let deep = "{\"x\": " + String(repeating: "[", count: 8) + String(repeating: "]", count: 8) + "}"
        #expect(failure(Array(deep.utf8))?.reason == .tooDeep)
        let fine = "{\"x\": " + String(repeating: "[", count: 7) + String(repeating: "]", count: 7) + "}"
        #expect(failure(Array(fine.utf8)) == nil)
    }

    @Test func theDeepestAllowedNestingFitsOnTheStack() throws {
        let decoder = EventDecoder(fields: ["n"], maxPayloadBytes: 1 << 20, maxDepth: 1000)
        var e = decoder.makeRecord()
        for open in ["[", "{\"k\": "] {
            let close = open == "[" ? "]" : "}"
            let doc = "{\"x\": " + String(repeating: open, count: 999) + "1" + String(repeating: close, count: 999) + ", \"n\": 2}"
            try decoder.decode(Array(doc.utf8), into: &e)
            #expect(e.number(0) == 2)
        }
    }

    @Test func hugeStringsAndKeysDoNotStayInTheRecord() throws {
        let decoder = EventDecoder(fields: ["s"], maxPayloadBytes: 1 << 20)
        var e = decoder.makeRecord()
        let big = String(repeating: "k", count: 200_000)
        try decoder.decode(Array("{\"\(big)\": 1, \"s\": \"\(big)\"}".utf8), into: &e)
        #expect(e.firstExtraField?.utf8.count == 128 && e.string(0).utf8.count == 200_000)
        try decoder.decode(Array(#"{"s": "small"}"#.utf8), into: &e)
        #expect(e.byteCount < 2048)
    }

    @Test func reusesTheRecordAcrossEvents() throws {
        var e = decoder.makeRecord()
        try decoder.decode(Array(#"{"s": "first", "n": 1}"#.utf8), into: &e)
        try decoder.decode(Array(#"{"b": true}"#.utf8), into: &e)
        #expect(e.kind(0) == .absent && e.kind(1) == .absent && e.kind(2) == .bool)
    }
}
