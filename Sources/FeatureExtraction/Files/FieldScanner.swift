#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One field of a record: where its content lies in the record (quotes and surrounding blanks removed).
struct Field {
    /// The offset of the content's first byte in the record.
    var start: Int
    /// The offset just past the content.
    var end: Int
    /// True when the field was quoted (its content may contain doubled quotes to undo).
    var quoted: Bool
    /// The 1-based column of the field's first byte (its opening quote if quoted), for error messages.
    var column: Int { quoted ? start : start + 1 }
}

/// Splits records into fields and converts field bytes, shared by the CSV and ARFF readers.
enum FieldScanner {
    /// Splits `record` at `separator` into `fields` (reused between records to avoid allocating).
    ///
    /// Blanks around a field are dropped; a field that starts with one of `quotes` runs to the matching
    /// closing quote, and a doubled quote inside it stands for one quote (a backslash escapes in ARFF style).
    /// - Returns: nil on success, or the column of an unterminated quote.
    static func split(
        _ record: UnsafeBufferPointer<UInt8>, separator: UInt8, quotes: (UInt8, UInt8), into fields: inout [Field]
    ) -> Int? {
        fields.removeAll(keepingCapacity: true)
        let n = record.count
        var i = 0
        while true {
            while i < n && (record[i] == 32 || record[i] == 9) { i += 1 }
            if i < n && (record[i] == quotes.0 || record[i] == quotes.1) {
                let q = record[i]
                let open = i
                i += 1
                let start = i
                var closed = false
                while i < n {
                    if record[i] == 92 && quotes.0 != quotes.1 && i + 1 < n { i += 2; continue } // ARFF: \' \"
                    if record[i] == q {
                        if i + 1 < n && record[i + 1] == q { i += 2; continue }
                        closed = true
                        break
                    }
                    i += 1
                }
                guard closed else { return open + 1 }
                fields.append(Field(start: start, end: i, quoted: true))
                i += 1
                while i < n && record[i] != separator { i += 1 } // ignore stray bytes after the closing quote
            } else {
                let start = i
                while i < n && record[i] != separator { i += 1 }
                var end = i
                while end > start && (record[end - 1] == 32 || record[end - 1] == 9) { end -= 1 }
                fields.append(Field(start: start, end: end, quoted: false))
            }
            if i >= n { return nil }
            i += 1 // the separator
        }
    }

    /// The field's text, with doubled or backslash-escaped quotes undone.
    static func text(_ record: UnsafeBufferPointer<UInt8>, _ f: Field) -> String {
        let slice = UnsafeBufferPointer(rebasing: record[f.start..<f.end])
        guard f.quoted, slice.contains(where: { $0 == 34 || $0 == 39 || $0 == 92 }) else {
            return String(decoding: slice, as: UTF8.self)
        }
        var out: [UInt8] = []
        var i = 0
        while i < slice.count {
            let b = slice[i]
            if (b == 92 || b == 34 || b == 39) && i + 1 < slice.count && (slice[i + 1] == b || (b == 92 && slice[i + 1] != 92)) {
                out.append(slice[i + 1])
                i += 2
            } else {
                out.append(b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when the field holds exactly `literal` (ASCII).
    static func equals(_ record: UnsafeBufferPointer<UInt8>, _ f: Field, _ literal: StaticString) -> Bool {
        guard f.end - f.start == literal.utf8CodeUnitCount else { return false }
        let p = literal.utf8Start
        for k in 0..<(f.end - f.start) where record[f.start + k] != p[k] { return false }
        return true
    }

    /// Exact powers of ten representable as doubles (10^0 … 10^22), for the exact fast path.
    static let powersOfTen: [Double] = (0...22).map { e in (0..<e).reduce(1.0) { a, _ in a * 10 } }

    /// Parses a decimal number (`[+-]digits[.digits][(e|E)[+-]digits]`, or the same starting with `.`),
    /// correctly rounded; nil when the bytes are not such a number.
    ///
    /// Numbers with at most 15 significant digits and a small exponent are converted exactly by one
    /// multiplication or division of exactly representable doubles (Clinger 1990); longer ones go to the C
    /// library's `strtod`, which rounds correctly. Either way no string is built.
    @inline(__always)
    static func number(_ record: UnsafeBufferPointer<UInt8>, _ f: Field) -> Double? {
        var i = f.start
        let end = f.end
        guard i < end else { return nil }
        var negative = false
        if record[i] == 45 || record[i] == 43 { negative = record[i] == 45; i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0 // significant digits accumulated in `mantissa`
        var anyDigit = false
        var exponent = 0
        var dropped = false // a non-zero digit did not fit in `mantissa`
        while i < end, record[i] &- 48 < 10 {
            let d = UInt64(record[i] &- 48)
            if digits < 19 {
                if mantissa != 0 || d != 0 { mantissa = mantissa * 10 + d; if mantissa != 0 { digits += 1 } }
            } else {
                exponent += 1
                if d != 0 { dropped = true }
            }
            anyDigit = true
            i += 1
        }
        if i < end && record[i] == 46 {
            i += 1
            while i < end, record[i] &- 48 < 10 {
                let d = UInt64(record[i] &- 48)
                if digits < 19 {
                    if mantissa != 0 || d != 0 { mantissa = mantissa * 10 + d; if mantissa != 0 { digits += 1 } }
                    exponent -= 1
                } else if d != 0 {
                    dropped = true
                }
                anyDigit = true
                i += 1
            }
        }
        guard anyDigit else { return nil }
        if i < end && (record[i] == 101 || record[i] == 69) {
            i += 1
            var expNegative = false
            if i < end && (record[i] == 45 || record[i] == 43) { expNegative = record[i] == 45; i += 1 }
            var e = 0
            var expDigits = false
            while i < end, record[i] &- 48 < 10 {
                if e < 100_000 { e = e * 10 + Int(record[i] &- 48) }
                expDigits = true
                i += 1
            }
            guard expDigits else { return nil }
            exponent += expNegative ? -e : e
        }
        guard i == end else { return nil }
        if mantissa == 0 && !dropped { return negative ? -0.0 : 0 }
        if digits <= 15 && !dropped && exponent >= -22 && exponent <= 22 {
            let m = Double(mantissa)
            let v = exponent >= 0 ? m * powersOfTen[exponent] : m / powersOfTen[-exponent]
            return negative ? -v : v
        }
        // The byte after the field is never part of a number (see FileRecords), so strtod stops at `end`.
        return record.baseAddress!.withMemoryRebound(to: CChar.self, capacity: record.count) { base in
            strtod(base + f.start, nil)
        }
    }
}
