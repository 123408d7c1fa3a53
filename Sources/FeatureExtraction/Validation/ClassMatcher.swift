/// Finds the class index of a decoded label value without building strings: JSON strings by their bytes,
/// numbers and booleans by their JSON spelling (`1` matches the class `"1"`, `true` the class `"true"`).
struct ClassMatcher: Sendable {
    private let table: ByteStringTable
    private let numeric: [(value: Double, index: Int)]
    private let trueIndex: Int?
    private let falseIndex: Int?

    /// Prepares the lookup for `classes`, in class-index order.
    init(classes: [String]) {
        table = ByteStringTable(classes)
        numeric = classes.enumerated().compactMap { i, c in Double(c).flatMap { $0.isFinite ? ($0, i) : nil } }
        trueIndex = classes.firstIndex(of: "true")
        falseIndex = classes.firstIndex(of: "false")
    }

    /// The class index of the value in `slot`, or nil when it is not a declared class (or not a scalar).
    @inline(__always) func index(in e: DecodedEvent, slot: Int) -> Int? {
        switch e.kind(slot) {
        case .string: e.withStringBytes(slot) { table.index(of: $0) }
        case .number: numeric.first(where: { $0.value == e.number(slot) })?.index
        case .bool: e.bool(slot) ? trueIndex : falseIndex
        default: nil
        }
    }

    /// A short rendering of the offending label value for a rejection message.
    static func shown(_ e: DecodedEvent, slot: Int) -> String {
        switch e.kind(slot) {
        case .string:
            let s = e.string(slot)
            return "\"\(s.prefix(64))\(s.count > 64 ? "…" : "")\""
        case .number: return "\(e.number(slot))"
        case .bool: return "\(e.bool(slot))"
        case let kind: return "a \(kind)"
        }
    }
}
