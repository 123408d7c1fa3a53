/// A top-level JSON value as schema inference sees it: its kind and, for scalars, its value.
enum ScalarValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case object
    case array
}

extension JSONScanner {
    /// Reads every top-level member of a JSON object, keeping scalars and only the kind of containers.
    ///
    /// Used by schema inference on a bounded number of events, so it may allocate; the per-event hot path
    /// uses ``EventDecoder`` instead.
    /// - Parameters:
    ///   - bytes: One message value.
    ///   - maxDepth: The deepest accepted nesting.
    ///   - maxStringBytes: Strings longer than this are cut to this many bytes (keeping inference bounded).
    /// - Returns: The members in order of appearance.
    /// - Throws: ``JSONScanError`` when the bytes are not a JSON object.
    static func topLevelFields(
        _ bytes: UnsafeRawBufferPointer, maxDepth: Int, maxStringBytes: Int = 256
    ) throws(JSONScanError) -> [(name: String, value: ScalarValue)] {
        var s = JSONScanner(bytes, maxDepth: maxDepth)
        var out: [(name: String, value: ScalarValue)] = []
        s.skipWhitespace()
        guard s.current == UInt8(ascii: "{") else { throw s.fail("expected a JSON object") }
        s.position += 1
        s.skipWhitespace()
        if s.current == UInt8(ascii: "}") {
            s.position += 1
            try s.expectEnd()
            return out
        }
        var scratch: [UInt8] = []
        while true {
            s.skipWhitespace()
            guard s.current == UInt8(ascii: "\"") else { throw s.fail("expected a string key") }
            let key = try s.scanString()
            scratch.removeAll(keepingCapacity: true)
            s.unescape(key, into: &scratch)
            let name = String(decoding: scratch.prefix(maxStringBytes), as: UTF8.self)
            try s.expect(UInt8(ascii: ":"), "expected ':' after a key")
            s.skipWhitespace()
            let value: ScalarValue
            switch s.current {
            case UInt8(ascii: "\""):
                let token = try s.scanString()
                scratch.removeAll(keepingCapacity: true)
                s.unescape(token, into: &scratch)
                value = .string(String(decoding: scratch.prefix(maxStringBytes), as: UTF8.self))
            case UInt8(ascii: "t"): try s.scanLiteral("true"); value = .bool(true)
            case UInt8(ascii: "f"): try s.scanLiteral("false"); value = .bool(false)
            case UInt8(ascii: "n"): try s.scanLiteral("null"); value = .null
            case UInt8(ascii: "{"): try s.skipObject(depth: 2); value = .object
            case UInt8(ascii: "["): try s.skipArray(depth: 2); value = .array
            default: value = .number(try s.scanNumber())
            }
            out.append((name, value))
            s.skipWhitespace()
            let b = s.current
            s.position += 1
            if b == UInt8(ascii: ",") { continue }
            if b == UInt8(ascii: "}") { break }
            s.position -= 1
            throw s.fail("expected ',' or '}' after a field")
        }
        try s.expectEnd()
        return out
    }
}
