/// A type whose complete state can be written to and read back from Eddy's binary model format.
///
/// The format is little-endian and positional: a type writes its fields in a fixed order and reads them back
/// in the same order. Envelopes (``ModelEnvelope``) add a magic number, a format version and a type tag, so a
/// file from another type or another version is refused with a clear error instead of misread.
public protocol BinaryCodable {
    /// Appends this value's state to `writer`.
    func encode(to writer: inout BinaryWriter)
    /// Reads a value written by ``encode(to:)``.
    /// - Throws: ``ModelFormatError`` when the bytes end early or hold an impossible value.
    init(from reader: inout BinaryReader) throws
}

/// Why saved model bytes could not be read.
public struct ModelFormatError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A human-readable reason, naming what was expected.
    public var reason: String
    /// The byte offset at which reading failed.
    public var offset: Int

    /// Creates an error.
    public init(_ reason: String, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "invalid model data at byte \(offset): \(reason)" }
}

/// Appends values to a byte buffer in Eddy's binary model format.
public struct BinaryWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// Creates an empty writer.
    public init() {}

    /// Writes a fixed-width integer, little-endian.
    public mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Writes a double by its bit pattern (so `nan` and `-0` survive).
    public mutating func write(_ value: Double) { write(value.bitPattern) }

    /// Writes a boolean as one byte.
    public mutating func write(_ value: Bool) { write(UInt8(value ? 1 : 0)) }

    /// Writes a platform `Int` as 64 bits.
    public mutating func write(_ value: Int) { write(Int64(value)) }

    /// Writes a string as its UTF-8 length and bytes.
    public mutating func write(_ value: String) {
        let utf8 = Array(value.utf8)
        write(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    /// Writes an array of doubles with its count.
    public mutating func write(_ values: [Double]) {
        write(values.count)
        for v in values { write(v) }
    }

    /// Writes an array of integers with its count.
    public mutating func write(_ values: [Int]) {
        write(values.count)
        for v in values { write(v) }
    }

    /// Writes any codable value.
    public mutating func write<T: BinaryCodable>(_ value: T) { value.encode(to: &self) }

    /// Writes an array of codable values with its count.
    public mutating func write<T: BinaryCodable>(_ values: [T]) {
        write(values.count)
        for v in values { v.encode(to: &self) }
    }

    /// Writes an optional codable value behind a presence flag.
    public mutating func write<T: BinaryCodable>(_ value: T?) {
        write(value != nil)
        value?.encode(to: &self)
    }
}

/// Reads values written by ``BinaryWriter``, failing with ``ModelFormatError`` instead of trapping.
public struct BinaryReader: Sendable {
    private let bytes: [UInt8]
    /// The offset of the next byte to read.
    public private(set) var offset: Int = 0

    /// Creates a reader over `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// True when every byte has been read.
    public var isAtEnd: Bool { offset == bytes.count }

    /// Reads a fixed-width little-endian integer.
    public mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws -> T {
        let size = MemoryLayout<T>.size
        guard offset + size <= bytes.count else { throw ModelFormatError("unexpected end of data", offset: offset) }
        var value: T = 0
        for i in 0..<size { value |= T(truncatingIfNeeded: bytes[offset + i]) << (8 * i) }
        offset += size
        return value
    }

    /// Reads a double.
    public mutating func read(_: Double.Type = Double.self) throws -> Double {
        Double(bitPattern: try read(UInt64.self))
    }

    /// Reads a boolean.
    public mutating func read(_: Bool.Type = Bool.self) throws -> Bool {
        switch try read(UInt8.self) {
        case 0: return false
        case 1: return true
        default: throw ModelFormatError("expected a boolean byte", offset: offset - 1)
        }
    }

    /// Reads a platform `Int`.
    public mutating func read(_: Int.Type = Int.self) throws -> Int { Int(try read(Int64.self)) }

    /// Reads a count and checks it is plausible for the bytes left (each element needs `minimumSize` bytes).
    public mutating func readCount(minimumElementSize: Int = 1) throws -> Int {
        let start = offset
        let n = try read(Int.self)
        guard n >= 0, n <= (bytes.count - offset) / max(1, minimumElementSize) else {
            throw ModelFormatError("implausible element count \(n)", offset: start)
        }
        return n
    }

    /// Reads a string.
    public mutating func read(_: String.Type = String.self) throws -> String {
        let n = try readCount()
        let s = String(decoding: bytes[offset..<offset + n], as: UTF8.self)
        offset += n
        return s
    }

    /// Reads an array of doubles.
    public mutating func read(_: [Double].Type = [Double].self) throws -> [Double] {
        let n = try readCount(minimumElementSize: 8)
        var out = [Double]()
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try read(Double.self)) }
        return out
    }

    /// Reads an array of integers.
    public mutating func read(_: [Int].Type = [Int].self) throws -> [Int] {
        let n = try readCount(minimumElementSize: 8)
        var out = [Int]()
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try read(Int.self)) }
        return out
    }

    /// Reads a codable value.
    public mutating func read<T: BinaryCodable>(_: T.Type = T.self) throws -> T { try T(from: &self) }

    /// Reads an array of codable values.
    public mutating func read<T: BinaryCodable>(_: [T].Type = [T].self) throws -> [T] {
        let n = try readCount()
        var out = [T]()
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try T(from: &self)) }
        return out
    }

    /// Reads an optional codable value.
    public mutating func read<T: BinaryCodable>(_: T?.Type = T?.self) throws -> T? {
        try read(Bool.self) ? try T(from: &self) : nil
    }
}

extension Header: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(attributes.count)
        for a in attributes {
            writer.write(a.name)
            switch a.kind {
            case .numeric:
                writer.write(UInt8(0))
            case .nominal(let values):
                writer.write(UInt8(1))
                writer.write(values.count)
                for v in values { writer.write(v) }
            }
        }
        writer.write(classes.count)
        for c in classes { writer.write(c) }
    }

    public init(from reader: inout BinaryReader) throws {
        let n = try reader.readCount()
        var attributes: [Attribute] = []
        for _ in 0..<n {
            let name = try reader.read(String.self)
            switch try reader.read(UInt8.self) {
            case 0: attributes.append(.numeric(name))
            case 1:
                let m = try reader.readCount()
                var values: [String] = []
                for _ in 0..<m { values.append(try reader.read(String.self)) }
                attributes.append(.nominal(name, values: values))
            default: throw ModelFormatError("unknown attribute kind", offset: reader.offset - 1)
            }
        }
        let c = try reader.readCount()
        var classes: [String] = []
        for _ in 0..<c { classes.append(try reader.read(String.self)) }
        self.init(attributes: attributes, classes: classes)
    }
}

/// The framing of a saved model: magic `EDDY`, a format version and the model's type tag, then its state.
public enum ModelEnvelope {
    /// The current format version; readers refuse other versions.
    public static let formatVersion: UInt16 = 1
    static let magic: [UInt8] = Array("EDDY".utf8)

    /// Frames `model` under `tag` (a stable name of its type, such as `hoeffding_tree`).
    public static func encode<T: BinaryCodable>(_ model: T, tag: String) -> [UInt8] {
        var w = BinaryWriter()
        for b in magic { w.write(b) }
        w.write(formatVersion)
        w.write(tag)
        w.write(model)
        return w.bytes
    }

    /// Reads the type tag of framed bytes and returns a reader positioned at the state.
    /// - Throws: ``ModelFormatError`` for a wrong magic number or an unsupported version.
    public static func open(_ bytes: [UInt8]) throws -> (tag: String, reader: BinaryReader) {
        var r = BinaryReader(bytes)
        for b in magic where try r.read(UInt8.self) != b {
            throw ModelFormatError("not an Eddy model (bad magic number)", offset: 0)
        }
        let version = try r.read(UInt16.self)
        guard version == formatVersion else {
            throw ModelFormatError("model format version \(version) is not supported (expected \(formatVersion))", offset: 4)
        }
        return (try r.read(String.self), r)
    }

    /// Decodes framed bytes as `T`, checking the tag.
    /// - Throws: ``ModelFormatError`` when the tag differs, the bytes are malformed or trail extra data.
    public static func decode<T: BinaryCodable>(_ type: T.Type, tag: String, from bytes: [UInt8]) throws -> T {
        var (found, r) = try open(bytes)
        guard found == tag else { throw ModelFormatError("model is a '\(found)', expected '\(tag)'", offset: 6) }
        let model = try T(from: &r)
        guard r.isAtEnd else { throw ModelFormatError("trailing bytes after the model", offset: r.offset) }
        return model
    }
}
