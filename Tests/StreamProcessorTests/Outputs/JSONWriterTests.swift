import Foundation
import Testing
@testable import StreamProcessor

/// The JSON that predictions, drift events and reports are written with: what consumers parse.
@Suite struct JSONWriterTests {
    /// The text `write` produces on a fresh writer.
    func text(_ write: (inout JSONWriter) -> Void) -> String {
        var w = JSONWriter()
        write(&w)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    @Test(arguments: [
        (Int64(0), "0"), (7, "7"), (10, "10"), (-42, "-42"), (1_000_000, "1000000"),
        (Int64.max, "9223372036854775807"), (Int64.min, "-9223372036854775808"),
    ])
    func integersAreWrittenInFull(value: Int64, expected: String) {
        #expect(text { $0.int(value) } == expected)
    }

    @Test(arguments: [
        (0.5, 6, "0.5"), (1.0, 6, "1"), (0.0, 6, "0"), (0.1234567, 6, "0.123457"), (-2.25, 3, "-2.25"),
        (0.000001, 6, "0.000001"), (0.0000004, 6, "0"), (-0.0000004, 6, "0"), (12.0625, 2, "12.06"),
        (999.9999996, 6, "1000"), (3.14159, 0, "3"), (0.05, 1, "0.1"),
    ])
    func fixedPointNumbersAreRoundedAndTrimmed(value: Double, digits: Int, expected: String) {
        #expect(text { $0.fixed(value, digits: digits) } == expected)
    }

    @Test func nonFiniteNumbersAreNull() {
        #expect(text { $0.fixed(.nan, digits: 6) } == "null")
        #expect(text { $0.fixed(.infinity, digits: 6) } == "null")
        #expect(text { $0.number(-.infinity) } == "null")
    }

    @Test func fixedPointNumbersParseBackWithinHalfAUnitOfTheLastDigit() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let value = Double.random(in: -1_000...1_000, using: &generator)
            let digits = Int.random(in: 0...9, using: &generator)
            let written = text { $0.fixed(value, digits: digits) }
            let parsed = try #require(Double(written), "\(written) is a number")
            #expect(abs(parsed - value) <= 0.5 * pow(10, -Double(digits)) + 1e-9, "\(value) with \(digits) digits gave \(written)")
        }
    }

    @Test(arguments: [
        (0.0, "\"1970-01-01T00:00:00.000Z\""), (1_700_000_000.123, "\"2023-11-14T22:13:20.123Z\""),
        (-1.0, "\"1969-12-31T23:59:59.000Z\""), (951_782_400.5, "\"2000-02-29T00:00:00.500Z\""),
        (253_402_300_799.999, "\"9999-12-31T23:59:59.999Z\""),
    ])
    func timestampsAreISO8601InUTCWithMilliseconds(seconds: Double, expected: String) {
        #expect(text { $0.timestamp(seconds) } == expected)
    }

    @Test func stringsAreEscaped() throws {
        let value = "a\"b\\c\nd\te\u{01}é🙂"
        let written = text { $0.string(value) }
        #expect(written == "\"a\\\"b\\\\c\\nd\\te\\u0001é🙂\"")
        let parsed = try JSONSerialization.jsonObject(with: Data(written.utf8), options: .fragmentsAllowed)
        #expect(parsed as? String == value)
    }

    @Test func objectsSeparateMembersWithCommas() throws {
        let written = text { w in
            w.beginObject()
            w.key("a"); w.bool(true)
            w.key("b"); w.null()
            w.key("c"); w.beginObject(); w.key("d"); w.bool(false); w.endObject()
            w.key("e"); w.int(5)
            w.endObject()
        }
        #expect(written == #"{"a":true,"b":null,"c":{"d":false},"e":5}"#)
    }
}
