/// One example of a stream: attribute values in header order, stored densely for speed.
///
/// Numeric values are stored as they are; a nominal value is stored as the index of the value in its
/// attribute's value list. A missing value is `Double.nan`. Learners tolerate instances that carry fewer or
/// more values than their header has attributes (missing ones read as `nan`, extra ones are ignored) and nominal
/// indices outside the attribute's value list (treated as missing).
public struct Instance: Sendable, Hashable {
    /// The attribute values; `nan` marks a missing value.
    public var values: [Double]

    /// Creates an instance from its attribute values.
    @inlinable public init(_ values: [Double]) {
        self.values = values
    }

    /// The value of attribute `index`, or `nan` when the instance does not carry it.
    @inlinable public subscript(index: Int) -> Double {
        index < values.count ? values[index] : .nan
    }

    /// The nominal value index of attribute `index` if it is present and inside `0..<valueCount`, else nil.
    @inlinable public func nominalIndex(_ index: Int, valueCount: Int) -> Int? {
        let v = self[index]
        guard v.isFinite, v >= 0, v < Double(valueCount) else { return nil }
        return Int(v)
    }

    /// True when attribute `index` is missing.
    @inlinable public func isMissing(_ index: Int) -> Bool { self[index].isNaN }
}
