extension JSONScanner {
    /// Powers of ten that a `Double` holds exactly, for the fast path of ``scanNumber()``.
    private static let exactPowersOfTen: [Double] = (0...22).map { e in
        var p = 1.0
        for _ in 0..<e { p *= 10 }
        return p
    }

    /// Scans a number at the cursor (RFC 8259 grammar: no leading `+`, no leading zeros, no bare `.`) and
    /// returns its value, correctly rounded.
    ///
    /// Most event numbers have at most 15 significant digits and a small exponent; those are converted
    /// exactly with one multiplication or division by an exact power of ten (Clinger's fast path). Anything
    /// else goes through the standard library's correctly rounded text conversion. Magnitudes beyond
    /// `Double`'s range become ±infinity, which validation reports as out of range.
    /// - Throws: `invalid_json` when the grammar is broken.
    mutating func scanNumber() throws(JSONScanError) -> Double {
        let start = position
        var negative = false
        if current == UInt8(ascii: "-") { negative = true; position += 1 }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var exact = true

        @inline(__always) func digit(_ d: UInt64, fraction: Bool) {
            if mantissa == 0 && d == 0 {
                if fraction { exponent -= 1 }
                return
            }
            if significant < 19 {
                mantissa = mantissa &* 10 &+ d
                significant += 1
                if fraction { exponent -= 1 }
            } else {
                exact = false
                if !fraction { exponent += 1 }
            }
        }

        let first = current
        if first == UInt8(ascii: "0") {
            position += 1
        } else if first >= UInt8(ascii: "1") && first <= UInt8(ascii: "9") {
            while true {
                let b = current
                guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { break }
                digit(UInt64(b &- UInt8(ascii: "0")), fraction: false)
                position += 1
            }
        } else {
            throw fail("expected a digit in a number")
        }
        if current == UInt8(ascii: ".") {
            position += 1
            let b = current
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { throw fail("expected a digit after '.'") }
            while true {
                let b = current
                guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { break }
                digit(UInt64(b &- UInt8(ascii: "0")), fraction: true)
                position += 1
            }
        }
        let e = current
        if e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            position += 1
            var negativeExponent = false
            if current == UInt8(ascii: "+") { position += 1 } else if current == UInt8(ascii: "-") { negativeExponent = true; position += 1 }
            let b = current
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { throw fail("expected a digit in an exponent") }
            var written = 0
            while true {
                let b = current
                guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { break }
                if written < 100_000 { written = written * 10 + Int(b - UInt8(ascii: "0")) }
                position += 1
            }
            exponent += negativeExponent ? -written : written
        }
        if mantissa == 0 { return negative ? -0.0 : 0 }
        if exact && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            var v = Double(mantissa)
            if exponent < 0 { v /= JSONScanner.exactPowersOfTen[-exponent] } else { v *= JSONScanner.exactPowersOfTen[exponent] }
            return negative ? -v : v
        }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: position - start), as: UTF8.self)
        return Double(text) ?? .nan
    }
}
