/// The JSON kind of one declared field in one decoded event.
public enum FieldKind: UInt8, Sendable, Hashable {
    /// The field was not in the event.
    case absent
    /// `null`.
    case null
    /// A number; read it with ``DecodedEvent/number(_:)``.
    case number
    /// A string; read it with ``DecodedEvent/withStringBytes(_:_:)`` or ``DecodedEvent/string(_:)``.
    case string
    /// `true` or `false`; read it with ``DecodedEvent/bool(_:)``.
    case bool
    /// An object (checked and skipped).
    case object
    /// An array (checked and skipped).
    case array
}

/// The declared fields of one event, typed, in a reusable record: the output of ``EventDecoder``.
///
/// A slot per declared field holds its kind and value; strings are copied (escapes decoded) into one shared
/// byte buffer that keeps its capacity between events, so decoding a typical event allocates nothing. Reuse
/// one record for a whole stream.
public struct DecodedEvent: Sendable {
    @usableFromInline var kinds: [FieldKind]
    @usableFromInline var numbers: [Double]
    @usableFromInline var stringStarts: [Int]
    @usableFromInline var stringEnds: [Int]
    @usableFromInline var storage: [UInt8] = []
    /// The first declared field that appeared twice in the event, by slot; nil when none did. The last
    /// occurrence is the one kept.
    public internal(set) var duplicateSlot: Int?
    /// How many top-level fields were not declared.
    public internal(set) var extraFieldCount = 0
    /// The name of the first undeclared field (at most 128 bytes of it).
    @usableFromInline var firstExtraName: [UInt8] = []
    /// How many top-level fields the event had.
    public internal(set) var memberCount = 0

    /// Creates an empty record for `slotCount` declared fields.
    public init(slotCount: Int) {
        kinds = Array(repeating: .absent, count: slotCount)
        numbers = Array(repeating: 0, count: slotCount)
        stringStarts = Array(repeating: 0, count: slotCount)
        stringEnds = Array(repeating: 0, count: slotCount)
        storage.reserveCapacity(256)
    }

    /// The number of declared fields.
    public var slotCount: Int { kinds.count }

    /// Clears the record for the next event, keeping its buffers (unless a huge string inflated them).
    mutating func reset() {
        for i in kinds.indices { kinds[i] = .absent }
        if storage.capacity > 1 << 16 { storage = []; storage.reserveCapacity(256) } else { storage.removeAll(keepingCapacity: true) }
        duplicateSlot = nil
        extraFieldCount = 0
        memberCount = 0
        if firstExtraName.capacity > 1024 { firstExtraName = [] } else { firstExtraName.removeAll(keepingCapacity: true) }
    }

    /// The kind of the field in `slot`.
    @inlinable public func kind(_ slot: Int) -> FieldKind { kinds[slot] }

    /// The number in `slot` (meaningful when its kind is `.number`).
    @inlinable public func number(_ slot: Int) -> Double { numbers[slot] }

    /// The boolean in `slot` (meaningful when its kind is `.bool`).
    @inlinable public func bool(_ slot: Int) -> Bool { numbers[slot] != 0 }

    /// Calls `body` with the UTF-8 bytes of the string in `slot`, escapes decoded, without copying.
    @inlinable public func withStringBytes<R>(_ slot: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let s = stringStarts[slot]
        let e = stringEnds[slot]
        return try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[s..<e])) }
    }

    /// The string in `slot` (allocates for strings over 15 bytes; prefer ``withStringBytes(_:_:)``).
    public func string(_ slot: Int) -> String {
        withStringBytes(slot) { String(decoding: $0, as: UTF8.self) }
    }

    /// The name of the first undeclared field, if any.
    public var firstExtraField: String? {
        extraFieldCount == 0 ? nil : String(decoding: firstExtraName, as: UTF8.self)
    }

    /// The number of bytes the record holds, for memory-bound checks.
    public var byteCount: Int { storage.capacity + firstExtraName.capacity + kinds.capacity * 33 }
}
