/// A small, fast JSON writer for the pipeline's output records: it appends UTF-8 bytes to a reusable buffer.
///
/// Foundation's `JSONSerialization` builds dictionaries of existentials per record; on the hot path (one
/// prediction per event) that costs more than many models. This writer appends straight into a byte array
/// the caller clears and reuses, escapes strings as RFC 8259 requires (quote, backslash and every control
/// character), writes non-finite numbers as `null`, and leaves commas to the caller through
/// ``key(_:)``, which inserts them between members. It does not check nesting: the record encoders that use
/// it are the only callers and are covered by tests that parse their output.
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public var bytes: [UInt8] = []
    private var needsComma = false

    /// Creates an empty writer.
    /// - Parameter capacity: the bytes to reserve.
    public init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    /// Forgets the bytes written, keeping the storage.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = false
    }

    /// Opens an object (`{`).
    public mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Closes an object (`}`).
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Writes a member name and the colon, preceded by a comma when it is not the object's first member.
    /// - Parameter name: the member name (escaped as needed).
    public mutating func key(_ name: String) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        string(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes a string value, escaped.
    /// - Parameter s: the text.
    public mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { string(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// Writes UTF-8 bytes as a string value, escaped. Invalid UTF-8 is written as it is; callers pass text
    /// that came from Swift strings or from the validated decoder.
    /// - Parameter utf8: the text's bytes.
    public mutating func string(utf8: UnsafeRawBufferPointer) {
        bytes.append(UInt8(ascii: "\""))
        var start = 0
        for i in 0..<utf8.count {
            let b = utf8[i]
            guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
            if start < i { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: utf8[start..<i])) }
            bytes.append(UInt8(ascii: "\\"))
            switch b {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            default:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)], hex[Int(b & 15)]])
            }
            start = i + 1
        }
        if start < utf8.count { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: utf8[start..<utf8.count])) }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Writes an integer.
    /// - Parameter v: the value.
    public mutating func int(_ v: Int64) {
        if v < 0 {
            bytes.append(UInt8(ascii: "-"))
            appendDigits(v.magnitude)
        } else {
            appendDigits(UInt64(v))
        }
        needsComma = true
    }

    /// Writes an integer.
    /// - Parameter v: the value.
    public mutating func int(_ v: Int) { int(Int64(v)) }

    /// Writes a number with the shortest text that reads back to the same `Double`; `null` when not finite.
    /// - Parameter v: the value.
    public mutating func number(_ v: Double) {
        guard v.isFinite else { return null() }
        if v == v.rounded(.towardZero), abs(v) < 1e15 {
            int(Int64(v))
        } else {
            bytes.append(contentsOf: v.description.utf8)
            needsComma = true
        }
    }

    /// Writes a number rounded to `digits` decimals (at most 9), without trailing zeros; `null` when not
    /// finite. Probabilities and latencies use this: it allocates nothing and six decimals are plenty.
    /// - Parameters:
    ///   - v: the value.
    ///   - digits: the decimals to keep, in `0...9`.
    public mutating func fixed(_ v: Double, digits: Int) {
        guard v.isFinite, abs(v) < 1e9 else { return number(v) }
        let digits = min(max(digits, 0), 9)
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(v) * Double(scale)).rounded()
        var units = UInt64(scaled)
        if v < 0 && units != 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(units / scale)
        units %= scale
        if units != 0 {
            bytes.append(UInt8(ascii: "."))
            var width = digits
            while units % 10 == 0 { units /= 10; width -= 1 }
            appendDigits(units, width: width)
        }
        needsComma = true
    }

    /// Writes `true` or `false`.
    /// - Parameter v: the value.
    public mutating func bool(_ v: Bool) {
        bytes.append(contentsOf: v ? "true".utf8 : "false".utf8)
        needsComma = true
    }

    /// Appends already encoded JSON text held elsewhere (a value, or inside an object an encoded `"name":`
    /// followed by the value written next), such as a class name escaped once per partition.
    /// - Parameter encoded: valid JSON text.
    public mutating func raw(_ encoded: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: encoded)
        needsComma = true
    }

    /// Appends constant JSON text, such as `,"name":` between two values a record encoder writes itself;
    /// static text costs no reference counting.
    /// - Parameter encoded: valid JSON text.
    public mutating func raw(_ encoded: StaticString) {
        encoded.withUTF8Buffer { bytes.append(contentsOf: $0) }
        needsComma = true
    }

    /// Writes `null`.
    public mutating func null() {
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    /// Writes an RFC 3339 UTC timestamp string with milliseconds, such as `"2026-11-29T10:00:00.000Z"`;
    /// `null` when the time is not finite or outside years 0001–9999.
    /// - Parameter seconds: seconds since the Unix epoch.
    public mutating func timestamp(_ seconds: Double) {
        guard seconds.isFinite, seconds > -62_135_596_800, seconds < 253_402_300_800 else { return null() }
        let millis = Int64((seconds * 1000).rounded(.down))
        var days = millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000
        let msOfDay = millis - days * 86_400_000
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        bytes.append(UInt8(ascii: "\""))
        pad(year, 4); bytes.append(UInt8(ascii: "-")); pad(month, 2); bytes.append(UInt8(ascii: "-")); pad(day, 2)
        bytes.append(UInt8(ascii: "T"))
        pad(msOfDay / 3_600_000, 2); bytes.append(UInt8(ascii: ":"))
        pad(msOfDay / 60_000 % 60, 2); bytes.append(UInt8(ascii: ":"))
        pad(msOfDay / 1000 % 60, 2); bytes.append(UInt8(ascii: "."))
        pad(msOfDay % 1000, 3)
        bytes.append(UInt8(ascii: "Z"))
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Appends `v` in decimal, zero-padded to `width` digits.
    private mutating func pad(_ v: Int64, _ width: Int) {
        appendDigits(UInt64(clamping: v), width: width)
    }

    /// Appends the decimal digits of `v`, at least `width` of them (zero-padded on the left; at most 20).
    ///
    /// The digits are made from the right by dividing by the constant 10 (a multiplication once compiled)
    /// in a stack buffer and appended at once: no division by a variable power of ten, one append.
    private mutating func appendDigits(_ v: UInt64, width: Int = 1) {
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { raw in
            var v = v
            var i = raw.count
            let first = raw.count - min(max(width, 1), raw.count)
            repeat {
                i -= 1
                raw[i] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: v % 10)
                v /= 10
            } while v > 0 || i > first
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[i...]))
        }
    }
}
