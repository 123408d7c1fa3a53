/// What schema inference has seen of one top-level field.
struct FieldStatistics: Sendable {
    /// The events the field appeared in, with `null`s.
    var present = 0
    var nulls = 0
    var numbers = 0
    var strings = 0
    var bools = 0
    var containers = 0
    /// The strings that parsed as RFC 3339 timestamps.
    var timestampStrings = 0
    var min = Double.infinity
    var max = -Double.infinity
    /// Distinct string values, up to the limit.
    var distinctStrings: Set<String> = []
    /// Distinct numbers and booleans in their JSON spelling, up to the limit (for labels).
    var distinctOthers: Set<String> = []
    /// Whether more distinct values were seen than are kept.
    var overflow = false

    /// The scalar (non-null, non-container) values seen.
    var scalars: Int { numbers + strings + bools }

    mutating func observe(_ value: ScalarValue, event: Int, distinctLimit: Int) {
        present += 1
        switch value {
        case .null: nulls += 1
        case .object, .array: containers += 1
        case .bool(let b):
            bools += 1
            if Self.insert(b ? "true" : "false", into: &distinctOthers, limit: distinctLimit) { overflow = true }
        case .number(let v):
            numbers += 1
            if v.isFinite {
                min = Swift.min(min, v)
                max = Swift.max(max, v)
            }
            if Self.insert(Self.spelling(v), into: &distinctOthers, limit: distinctLimit) { overflow = true }
        case .string(let s):
            strings += 1
            let parses = Array(s.utf8).withUnsafeBufferPointer { Timestamp.parseRFC3339($0) } != nil
            if parses { timestampStrings += 1 }
            if Self.insert(s, into: &distinctStrings, limit: distinctLimit) { overflow = true }
        }
    }

    /// Inserts `s` unless the set is full; returns whether a new value had to be dropped.
    private static func insert(_ s: String, into set: inout Set<String>, limit: Int) -> Bool {
        if set.count < limit { set.insert(s); return false }
        return !set.contains(s)
    }

    /// A number as a label class is spelled: integers without a fraction.
    static func spelling(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 9.007_199_254_740_992e15 ? String(Int64(v)) : "\(v)"
    }
}
