/// A byte-level, validating JSON scanner over a borrowed buffer: the primitives the event decoder and the
/// schema inference are built from.
///
/// It checks the whole grammar of RFC 8259 — including values the caller skips — and that strings are
/// well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF; escaped lone
/// surrogates are refused too). Containers are skipped by bounded recursion: nesting deeper than `maxDepth`
/// fails with `too_deep` before the stack can grow, so hostile nesting costs neither stack nor heap.
/// The scanner never allocates; it hands out byte ranges, and ``unescape(_:into:)`` decodes a string's
/// escapes only when the caller keeps it.
///
/// The pointer is borrowed: create a scanner inside `withUnsafeBytes` and do not let it escape.
struct JSONScanner {
    /// A scanned string: the byte range between its quotes and whether it holds escapes.
    struct StringToken {
        var start: Int
        var end: Int
        var escaped: Bool
        var count: Int { end - start }
    }

    let base: UnsafePointer<UInt8>
    let end: Int
    let maxDepth: Int
    var position = 0

    /// Creates a scanner over `bytes` (which must stay alive while the scanner is used).
    init(_ bytes: UnsafeRawBufferPointer, maxDepth: Int) {
        // An empty buffer may have no base address; any non-null pointer does, as `end` is 0 and nothing is read.
        base = bytes.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) } ?? UnsafePointer(bitPattern: 1)!
        end = bytes.count
        self.maxDepth = maxDepth
    }

    /// The byte at the cursor, or 0 at the end (0 is invalid wherever the scanner looks, so the end needs no
    /// separate test).
    @inline(__always) var current: UInt8 { position < end ? base[position] : 0 }

    @inline(__always) func fail(_ detail: StaticString) -> JSONScanError {
        JSONScanError(.invalidJSON, at: position, detail)
    }

    /// Skips spaces, tabs, carriage returns and line feeds.
    @inline(__always) mutating func skipWhitespace() {
        while position < end {
            let b = base[position]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            position += 1
        }
    }

    /// Consumes `byte` after optional whitespace.
    /// - Throws: `invalid_json` when something else is there.
    @inline(__always) mutating func expect(_ byte: UInt8, _ detail: StaticString) throws(JSONScanError) {
        skipWhitespace()
        guard current == byte else { throw fail(detail) }
        position += 1
    }

    /// Checks that nothing but whitespace follows the top-level value.
    /// - Throws: `invalid_json` on trailing data.
    mutating func expectEnd() throws(JSONScanError) {
        skipWhitespace()
        guard position == end else { throw fail("unexpected data after the JSON object") }
    }

    // MARK: Values

    /// Skips one value of any kind, checking its grammar; `depth` is the nesting depth of the container the
    /// value sits in (the event object is depth 1).
    /// - Throws: ``JSONScanError`` on invalid JSON or UTF-8, or nesting deeper than `maxDepth`.
    mutating func skipValue(depth: Int) throws(JSONScanError) {
        skipWhitespace()
        switch current {
        case UInt8(ascii: "{"): try skipObject(depth: depth + 1)
        case UInt8(ascii: "["): try skipArray(depth: depth + 1)
        case UInt8(ascii: "\""): _ = try scanString()
        case UInt8(ascii: "t"): try scanLiteral("true")
        case UInt8(ascii: "f"): try scanLiteral("false")
        case UInt8(ascii: "n"): try scanLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try scanNumber()
        default: throw fail("expected a JSON value")
        }
    }

    /// Skips an object whose `{` is at the cursor.
    mutating func skipObject(depth: Int) throws(JSONScanError) {
        guard depth <= maxDepth else { throw JSONScanError(.tooDeep, at: position, "objects and arrays nested too deeply") }
        position += 1
        skipWhitespace()
        if current == UInt8(ascii: "}") { position += 1; return }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw fail("expected a string key") }
            _ = try scanString()
            try expect(UInt8(ascii: ":"), "expected ':' after a key")
            try skipValue(depth: depth)
            skipWhitespace()
            let b = current
            position += 1
            if b == UInt8(ascii: ",") { continue }
            if b == UInt8(ascii: "}") { return }
            position -= 1
            throw fail("expected ',' or '}' in an object")
        }
    }

    /// Skips an array whose `[` is at the cursor.
    mutating func skipArray(depth: Int) throws(JSONScanError) {
        guard depth <= maxDepth else { throw JSONScanError(.tooDeep, at: position, "objects and arrays nested too deeply") }
        position += 1
        skipWhitespace()
        if current == UInt8(ascii: "]") { position += 1; return }
        while true {
            try skipValue(depth: depth)
            skipWhitespace()
            let b = current
            position += 1
            if b == UInt8(ascii: ",") { continue }
            if b == UInt8(ascii: "]") { return }
            position -= 1
            throw fail("expected ',' or ']' in an array")
        }
    }

    /// Consumes `true`, `false` or `null` (given as `word`) at the cursor.
    /// - Throws: `invalid_json` when the bytes differ (this is where `NaN` and `Infinity` end up).
    mutating func scanLiteral(_ word: StaticString) throws(JSONScanError) {
        let n = word.utf8CodeUnitCount
        guard end - position >= n else { throw fail("expected true, false or null") }
        let w = word.utf8Start
        for k in 0..<n where base[position + k] != w[k] {
            throw fail("expected true, false or null")
        }
        position += n
    }
}
