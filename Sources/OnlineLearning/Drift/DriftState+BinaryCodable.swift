extension DriftState: BinaryCodable {
    /// Writes the state as one byte (0 stable, 1 warning, 2 drift).
    public func encode(to writer: inout BinaryWriter) {
        switch self {
        case .stable: writer.write(UInt8(0))
        case .warning: writer.write(UInt8(1))
        case .drift: writer.write(UInt8(2))
        }
    }

    /// Reads a state written by ``encode(to:)``.
    /// - Throws: ``ModelFormatError`` for an unknown byte.
    public init(from reader: inout BinaryReader) throws {
        switch try reader.read(UInt8.self) {
        case 0: self = .stable
        case 1: self = .warning
        case 2: self = .drift
        case let raw: throw ModelFormatError("unknown drift state \(raw)", offset: reader.offset - 1)
        }
    }
}
