/// The test of a Hoeffding tree's split node: which branch an instance follows.
///
/// The three tests of MOA's `NumericAttributeBinaryTest` (values equal to the threshold go left),
/// `NominalAttributeBinaryTest` and `NominalAttributeMultiwayTest`. A missing value follows no branch
/// (``branch(for:)`` returns nil) and the instance stops at the split node, as in MOA.
public struct SplitTest: Sendable, Hashable, BinaryCodable {
    /// The kinds of split test.
    public enum Kind: Sendable, Hashable {
        /// Branch 0 when `x <= threshold`, branch 1 otherwise.
        case numericAtMost(Double)
        /// Branch 0 when the nominal value equals the index, branch 1 otherwise.
        case nominalEquals(Int)
        /// One branch per nominal value: the branch index is the value index.
        case nominalMultiway
    }

    /// The index of the attribute tested.
    public var attribute: Int
    /// The test applied to it.
    public var kind: Kind

    /// Creates a split test.
    public init(attribute: Int, kind: Kind) {
        self.attribute = attribute
        self.kind = kind
    }

    /// The branch `x` follows, or nil when its value is missing (or, for nominal tests, not a valid index).
    /// - Parameters:
    ///   - x: The instance.
    ///   - valueCount: The number of values of a nominal attribute (ignored for numeric tests).
    public func branch(for x: Instance, valueCount: Int) -> Int? {
        let v = x[attribute]
        switch kind {
        case .numericAtMost(let threshold):
            if v.isNaN { return nil }
            return v <= threshold ? 0 : 1
        case .nominalEquals(let value):
            guard let i = x.nominalIndex(attribute, valueCount: valueCount) else { return nil }
            return i == value ? 0 : 1
        case .nominalMultiway:
            return x.nominalIndex(attribute, valueCount: valueCount)
        }
    }

    public func encode(to writer: inout BinaryWriter) {
        writer.write(attribute)
        switch kind {
        case .numericAtMost(let t): writer.write(UInt8(0)); writer.write(t)
        case .nominalEquals(let v): writer.write(UInt8(1)); writer.write(v)
        case .nominalMultiway: writer.write(UInt8(2))
        }
    }

    public init(from reader: inout BinaryReader) throws {
        attribute = try reader.read()
        guard attribute >= 0 else { throw ModelFormatError("negative split attribute", offset: reader.offset) }
        switch try reader.read(UInt8.self) {
        case 0: kind = .numericAtMost(try reader.read())
        case 1: kind = .nominalEquals(try reader.read())
        case 2: kind = .nominalMultiway
        default: throw ModelFormatError("unknown split test kind", offset: reader.offset - 1)
        }
    }
}
