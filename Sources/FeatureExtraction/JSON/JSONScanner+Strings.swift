extension JSONScanner {
    /// Scans a string whose opening quote is at the cursor, checking escapes and UTF-8, and leaves the cursor
    /// after the closing quote.
    /// - Returns: The range between the quotes and whether it holds escapes.
    /// - Throws: `invalid_json` (unterminated, control character, bad escape) or `invalid_utf8`.
    mutating func scanString() throws(JSONScanError) -> StringToken {
        position += 1
        let start = position
        var escaped = false
        while true {
            // Eight plain ASCII bytes at a time: no quote, backslash, control character or high bit.
            while end - position >= 8 {
                let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                if JSONScanner.isPlainASCII(word) { position += 8 } else { break }
            }
            guard position < end else { throw fail("unterminated string") }
            let b = base[position]
            if b == UInt8(ascii: "\"") {
                let token = StringToken(start: start, end: position, escaped: escaped)
                position += 1
                return token
            } else if b == UInt8(ascii: "\\") {
                escaped = true
                try scanEscape()
            } else if b < 0x20 {
                throw fail("unescaped control character in a string")
            } else if b < 0x80 {
                position += 1
            } else {
                try scanMultibyte(b)
            }
        }
    }

    /// True when none of the eight bytes is `"`, `\`, below 0x20 or above 0x7F (SWAR, per Hacker's Delight).
    @inline(__always) static func isPlainASCII(_ x: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let quote = x ^ (ones &* 0x22)
        let backslash = x ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote & high
        let hasBackslash = (backslash &- ones) & ~backslash & high
        let hasControl = (x &- ones &* 0x20) & ~x & high
        return (x & high) | hasQuote | hasBackslash | hasControl == 0
    }

    /// Checks one UTF-8 multi-byte sequence starting with `lead` at the cursor (RFC 3629, table 3-7 of the
    /// Unicode standard).
    @inline(__always) mutating func scanMultibyte(_ lead: UInt8) throws(JSONScanError) {
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw JSONScanError(.invalidUTF8, at: position, "invalid UTF-8 lead byte")
        }
        guard end - position >= length else { throw JSONScanError(.invalidUTF8, at: position, "truncated UTF-8 sequence") }
        let second = base[position + 1]
        guard second >= low, second <= high else { throw JSONScanError(.invalidUTF8, at: position, "invalid UTF-8 sequence") }
        for k in 2..<max(length, 2) where base[position + k] & 0xC0 != 0x80 {
            throw JSONScanError(.invalidUTF8, at: position, "invalid UTF-8 sequence")
        }
        position += length
    }

    /// Checks one escape whose backslash is at the cursor; a `\u` high surrogate must be followed by an
    /// escaped low surrogate.
    mutating func scanEscape() throws(JSONScanError) {
        let at = position
        position += 1
        switch current {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 1
        case UInt8(ascii: "u"):
            position += 1
            let unit = try scanHex4()
            if unit >= 0xDC00 && unit <= 0xDFFF {
                throw JSONScanError(.invalidUTF8, at: at, "escaped lone low surrogate")
            }
            if unit >= 0xD800 && unit <= 0xDBFF {
                guard end - position >= 6, base[position] == UInt8(ascii: "\\"), base[position + 1] == UInt8(ascii: "u") else {
                    throw JSONScanError(.invalidUTF8, at: at, "escaped lone high surrogate")
                }
                position += 2
                let low = try scanHex4()
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw JSONScanError(.invalidUTF8, at: at, "escaped lone high surrogate")
                }
            }
        default:
            throw fail("invalid escape in a string")
        }
    }

    /// Reads four hex digits at the cursor.
    @inline(__always) mutating func scanHex4() throws(JSONScanError) -> UInt32 {
        guard end - position >= 4 else { throw fail("expected four hex digits after \\u") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let d = JSONScanner.hexValue(base[position]) else { throw fail("expected four hex digits after \\u") }
            value = value << 4 | d
            position += 1
        }
        return value
    }

    @inline(__always) static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Appends the bytes of a scanned string to `out`, decoding escapes into UTF-8.
    ///
    /// The string was already checked by ``scanString()``, so decoding cannot fail.
    func unescape(_ token: StringToken, into out: inout [UInt8]) {
        guard token.escaped else {
            out.append(contentsOf: UnsafeBufferPointer(start: base + token.start, count: token.count))
            return
        }
        var i = token.start
        while i < token.end {
            let b = base[i]
            guard b == UInt8(ascii: "\\") else { out.append(b); i += 1; continue }
            let e = base[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(at: i)
                i += 4
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    let low = hex4(at: i + 2)
                    i += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                JSONScanner.appendUTF8(scalar, to: &out)
            default: out.append(e)  // ", \ and /
            }
        }
    }

    private func hex4(at i: Int) -> UInt32 {
        var v: UInt32 = 0
        for k in 0..<4 { v = v << 4 | (JSONScanner.hexValue(base[i + k]) ?? 0) }
        return v
    }

    /// Appends the UTF-8 encoding of a Unicode scalar value.
    static func appendUTF8(_ s: UInt32, to out: inout [UInt8]) {
        switch s {
        case 0..<0x80:
            out.append(UInt8(s))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | s >> 6)); out.append(UInt8(0x80 | s & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | s >> 12)); out.append(UInt8(0x80 | s >> 6 & 0x3F)); out.append(UInt8(0x80 | s & 0x3F))
        default:
            out.append(UInt8(0xF0 | s >> 18)); out.append(UInt8(0x80 | s >> 12 & 0x3F))
            out.append(UInt8(0x80 | s >> 6 & 0x3F)); out.append(UInt8(0x80 | s & 0x3F))
        }
    }
}
