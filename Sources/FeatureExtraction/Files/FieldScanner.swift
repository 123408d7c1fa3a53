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

    /// The pieces of a decimal number: `mantissa × 10^exponent`, negated if `negative`.
    struct Decimal {
        var negative = false
        /// The first (at most 19) significant digits.
        var mantissa: UInt64 = 0
        /// How many significant digits `mantissa` holds.
        var digits = 0
        var exponent = 0
        /// True when a non-zero digit beyond the 19th was dropped (the value is then not exact).
        var dropped = false
    }

    /// Scans a decimal number (`[+-]digits[.digits][(e|E)[+-]digits]`, or the same starting with `.`) into
    /// its pieces without converting it; nil when the bytes are not such a number.
    @inline(__always)
    static func scan(_ record: UnsafeBufferPointer<UInt8>, _ f: Field) -> Decimal? {
        var i = f.start
        let end = f.end
        guard i < end else { return nil }
        var d = Decimal()
        if record[i] == 45 || record[i] == 43 { d.negative = record[i] == 45; i += 1 }
        var anyDigit = false
        while i < end, record[i] &- 48 < 10 {
            let digit = UInt64(record[i] &- 48)
            if d.digits < 19 {
                d.mantissa = d.mantissa &* 10 &+ digit
                if d.mantissa != 0 { d.digits += 1 }
            } else {
                d.exponent += 1
                if digit != 0 { d.dropped = true }
            }
            anyDigit = true
            i += 1
        }
        if i < end && record[i] == 46 {
            i += 1
            while i < end, record[i] &- 48 < 10 {
                let digit = UInt64(record[i] &- 48)
                if d.digits < 19 {
                    d.mantissa = d.mantissa &* 10 &+ digit
                    if d.mantissa != 0 { d.digits += 1 }
                    d.exponent -= 1
                } else if digit != 0 {
                    d.dropped = true
                }
                anyDigit = true
                i += 1
            }
        }
        guard anyDigit else { return nil }
        if i < end && (record[i] == 101 || record[i] == 69) {
            i += 1
            var negative = false
            if i < end && (record[i] == 45 || record[i] == 43) { negative = record[i] == 45; i += 1 }
            var e = 0
            var expDigits = false
            while i < end, record[i] &- 48 < 10 {
                if e < 100_000 { e = e * 10 + Int(record[i] &- 48) }
                expDigits = true
                i += 1
            }
            guard expDigits else { return nil }
            d.exponent += negative ? -e : e
        }
        return i == end ? d : nil
    }

    /// Exact powers of ten representable as doubles (10^0 … 10^22), for the exact fast path.
    static let powersOfTen: [Double] = (0...22).map { e in (0..<e).reduce(1.0) { a, _ in a * 10 } }
    /// 10^0 … 10^19 as integers.
    static let integerPowersOfTen: [UInt64] = (0...19).map { e in (0..<e).reduce(UInt64(1)) { a, _ in a * 10 } }

    /// Parses a decimal number, correctly rounded (the nearest double, ties to even); nil when the bytes
    /// are not a number (see ``scan(_:_:)``).
    ///
    /// Three exact paths avoid building a string: up to 15 significant digits with a small exponent, one
    /// multiplication or division of exactly representable doubles (Clinger 1990); up to 19 digits with up
    /// to 19 fraction digits (typical machine output such as `7.308781907032909`), one 128-by-64-bit integer
    /// division with the remainder as sticky bit; anything else, the C library's `strtod`, which also rounds
    /// correctly.
    @inline(__always)
    static func number(_ record: UnsafeBufferPointer<UInt8>, _ f: Field) -> Double? {
        guard let d = scan(record, f) else { return nil }
        if d.mantissa == 0 && !d.dropped { return d.negative ? -0.0 : 0 }
        if !d.dropped {
            if d.digits <= 15 && d.exponent >= -22 && d.exponent <= 22 {
                let m = Double(d.mantissa)
                let v = d.exponent >= 0 ? m * powersOfTen[d.exponent] : m / powersOfTen[-d.exponent]
                return d.negative ? -v : v
            }
            if d.exponent < 0 && d.exponent >= -19 {
                let v = quotient(d.mantissa, integerPowersOfTen[-d.exponent])
                return d.negative ? -v : v
            }
        }
        // The byte after the field is never part of a number (see FileRecords), so strtod stops at its end.
        return record.baseAddress!.withMemoryRebound(to: CChar.self, capacity: record.count) { base in
            strtod(base + f.start, nil)
        }
    }

    /// The double nearest to `m / divisor` (ties to even), for `m > 0` and `divisor` ≥ 1.
    ///
    /// `m` is shifted left so that the integer quotient has 63 or 64 bits; rounding it to 53 bits with the
    /// division's remainder as sticky bit is then exact, and scaling by a power of two is exact for the
    /// magnitudes that reach here (≥ 10^-19).
    @inline(__always)
    static func quotient(_ m: UInt64, _ divisor: UInt64) -> Double {
        let bitsM = 64 - m.leadingZeroBitCount
        let bitsD = 64 - divisor.leadingZeroBitCount
        let shift = 63 - bitsM + bitsD // quotient in [2^62, 2^64)
        let high: UInt64 = shift == 0 ? 0 : (shift >= 64 ? m << (shift - 64) : m >> (64 - shift))
        let low: UInt64 = shift >= 64 ? 0 : m << shift
        let (q, r) = divisor.dividingFullWidth((high, low))
        let extra = (64 - q.leadingZeroBitCount) - 53 // 10 or 11 bits below the 53 kept
        var kept = q >> UInt64(extra)
        let rest = q & ((1 << UInt64(extra)) - 1)
        let half: UInt64 = 1 << UInt64(extra - 1)
        if rest > half || (rest == half && (r != 0 || kept & 1 == 1)) { kept += 1 }
        return Double(sign: .plus, exponent: extra - shift, significand: Double(kept))
    }
}
