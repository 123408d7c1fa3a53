/// Decodes one JSON event into a ``DecodedEvent``: only the declared fields, typed, without building a
/// dictionary of values per event.
///
/// The decoder makes one pass over the bytes. It refuses payloads over `maxPayloadBytes` before reading them,
/// checks the grammar and UTF-8 of everything (undeclared fields and nested containers are checked and
/// skipped, nesting bounded by `maxDepth`), looks each top-level key up in a fixed table of declared names,
/// and stores numbers, booleans and strings of declared fields in the record's slots. Undeclared fields are
/// counted, duplicates of declared fields flagged; what to do about them is the validator's decision.
///
/// Example:
/// ```swift
/// let decoder = EventDecoder(fields: ["id", "amount", "country"])
/// var event = decoder.makeRecord()
/// try decoder.decode(bytes, into: &event)
/// if event.kind(1) == .number { print(event.number(1)) }
/// ```
public struct EventDecoder: Sendable {
    /// The declared field names, in slot order.
    public let fields: [String]
    /// The largest accepted payload in bytes.
    public let maxPayloadBytes: Int
    /// The deepest accepted nesting (the event object is depth 1).
    public let maxDepth: Int
    private let table: ByteStringTable

    /// Creates a decoder for the given fields.
    /// - Parameters:
    ///   - fields: The declared field names; slot `i` holds field `fields[i]`.
    ///   - maxPayloadBytes: The largest accepted payload; default 1 MiB.
    ///   - maxDepth: The deepest accepted nesting; default 32, at most 1000 (the scanner recurses once per level).
    public init(fields: [String], maxPayloadBytes: Int = 1 << 20, maxDepth: Int = 32) {
        self.fields = fields
        self.maxPayloadBytes = maxPayloadBytes
        self.maxDepth = Swift.min(Swift.max(maxDepth, 1), 1000)
        table = ByteStringTable(fields)
    }

    /// A record with one slot per declared field, to reuse across events.
    public func makeRecord() -> DecodedEvent { DecodedEvent(slotCount: fields.count) }

    /// Decodes `bytes` into `event`.
    /// - Parameters:
    ///   - bytes: One message value.
    ///   - event: The record to fill; its previous contents are cleared.
    /// - Throws: ``JSONScanError`` with `payload_too_large`, `invalid_json`, `invalid_utf8` or `too_deep`.
    public func decode(_ bytes: [UInt8], into event: inout DecodedEvent) throws(JSONScanError) {
        // `withUnsafeBytes` rethrows untyped errors, so carry the typed error out as a value.
        let failure = bytes.withUnsafeBytes { raw -> JSONScanError? in
            do throws(JSONScanError) { try decode(raw, into: &event); return nil } catch { return error }
        }
        if let failure { throw failure }
    }

    /// Decodes the bytes of a borrowed buffer into `event`.
    /// - Parameters:
    ///   - bytes: One message value (for example librdkafka's payload pointer).
    ///   - event: The record to fill; its previous contents are cleared.
    /// - Throws: ``JSONScanError`` with `payload_too_large`, `invalid_json`, `invalid_utf8` or `too_deep`.
    public func decode(_ bytes: UnsafeRawBufferPointer, into event: inout DecodedEvent) throws(JSONScanError) {
        event.reset()
        guard bytes.count <= maxPayloadBytes else {
            throw JSONScanError(.payloadTooLarge, at: maxPayloadBytes, "payload larger than the limit")
        }
        var s = JSONScanner(bytes, maxDepth: maxDepth)
        s.skipWhitespace()
        guard s.current == UInt8(ascii: "{") else { throw s.fail("expected a JSON object") }
        s.position += 1
        s.skipWhitespace()
        if s.current == UInt8(ascii: "}") {
            s.position += 1
            try s.expectEnd()
            return
        }
        var key: [UInt8] = []
        while true {
            s.skipWhitespace()
            guard s.current == UInt8(ascii: "\"") else { throw s.fail("expected a string key") }
            let name = try s.scanString()
            try s.expect(UInt8(ascii: ":"), "expected ':' after a key")
            event.memberCount += 1
            let slot: Int?
            if name.escaped {
                key.removeAll(keepingCapacity: true)
                s.unescape(name, into: &key)
                slot = key.withUnsafeBufferPointer { table.index(of: $0) }
            } else {
                slot = table.index(of: UnsafeBufferPointer(start: s.base + name.start, count: name.count))
            }
            if let slot {
                if event.kinds[slot] != .absent, event.duplicateSlot == nil { event.duplicateSlot = slot }
                try readValue(&s, slot: slot, into: &event)
            } else {
                if event.extraFieldCount == 0 {
                    s.unescape(name, into: &event.firstExtraName)
                    if event.firstExtraName.count > 128 { event.firstExtraName.removeLast(event.firstExtraName.count - 128) }
                }
                event.extraFieldCount += 1
                try s.skipValue(depth: 1)
            }
            s.skipWhitespace()
            let b = s.current
            s.position += 1
            if b == UInt8(ascii: ",") { continue }
            if b == UInt8(ascii: "}") { break }
            s.position -= 1
            throw s.fail("expected ',' or '}' after a field")
        }
        try s.expectEnd()
    }

    /// Reads the value of a declared field into its slot.
    @inline(__always)
    private func readValue(_ s: inout JSONScanner, slot: Int, into event: inout DecodedEvent) throws(JSONScanError) {
        s.skipWhitespace()
        switch s.current {
        case UInt8(ascii: "\""):
            let token = try s.scanString()
            event.stringStarts[slot] = event.storage.count
            s.unescape(token, into: &event.storage)
            event.stringEnds[slot] = event.storage.count
            event.kinds[slot] = .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            event.numbers[slot] = try s.scanNumber()
            event.kinds[slot] = .number
        case UInt8(ascii: "t"):
            try s.scanLiteral("true")
            event.numbers[slot] = 1
            event.kinds[slot] = .bool
        case UInt8(ascii: "f"):
            try s.scanLiteral("false")
            event.numbers[slot] = 0
            event.kinds[slot] = .bool
        case UInt8(ascii: "n"):
            try s.scanLiteral("null")
            event.kinds[slot] = .null
        case UInt8(ascii: "{"):
            try s.skipObject(depth: 2)
            event.kinds[slot] = .object
        case UInt8(ascii: "["):
            try s.skipArray(depth: 2)
            event.kinds[slot] = .array
        default:
            throw s.fail("expected a JSON value")
        }
    }
}
