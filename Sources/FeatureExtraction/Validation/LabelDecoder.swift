/// Decodes messages of the labels topic — `{"id": "e-1042", "label": "fraud"}` — into an event id and a
/// class index, for joining delayed labels to remembered events.
///
/// It shares the event path's decoder and rules: the same payload checks (size, depth, UTF-8, JSON), the
/// same id rules (string or number, at most `maxIDBytes`) and the same class matching (numbers and booleans
/// by their JSON spelling). A message that cannot be joined is a ``Rejection`` (`missing_id`, `bad_id`,
/// `unknown_label`, or a payload reason) for the dead-letter topic; undeclared fields are counted and ignored.
public struct LabelDecoder: Sendable {
    /// One decoded label.
    public struct Label: Sendable, Hashable {
        /// The id of the event the label belongs to.
        public var id: String
        /// The class index.
        public var label: Int
    }

    /// The per-reason counts so far.
    public private(set) var counters = ValidationCounters()
    private let decoder: EventDecoder
    private let classes: ClassMatcher
    private let maxIDBytes: Int
    private var record: DecodedEvent

    /// Creates a decoder.
    /// - Parameters:
    ///   - classes: The classes, in class-index order (the data dictionary's label classes).
    ///   - idField: The field holding the event id. Default `id`.
    ///   - labelField: The field holding the class. Default `label`.
    ///   - limits: Payload bounds (size, depth, id length).
    public init(classes: [String], idField: String = "id", labelField: String = "label", limits: DataDictionary.Limits = .init()) {
        decoder = EventDecoder(fields: [idField, labelField], maxPayloadBytes: limits.maxPayloadBytes, maxDepth: limits.maxDepth)
        self.classes = ClassMatcher(classes: classes)
        maxIDBytes = limits.maxIDBytes
        record = decoder.makeRecord()
    }

    /// Decodes one labels-topic message.
    /// - Parameter bytes: The message value.
    /// - Returns: The id and class index, or the rejection.
    public mutating func decode(_ bytes: [UInt8]) -> Result<Label, Rejection> {
        bytes.withUnsafeBytes { decode($0) }
    }

    /// Decodes one labels-topic message from a borrowed buffer.
    /// - Parameter bytes: The message value.
    /// - Returns: The id and class index, or the rejection.
    public mutating func decode(_ bytes: UnsafeRawBufferPointer) -> Result<Label, Rejection> {
        counters.events += 1
        let result = parse(bytes)
        switch result {
        case .success: counters.accepted += 1
        case .failure(let r):
            counters.hit(r.reason)
            counters.reject(r.reason)
        }
        return result
    }

    private mutating func parse(_ bytes: UnsafeRawBufferPointer) -> Result<Label, Rejection> {
        do {
            try decoder.decode(bytes, into: &record)
        } catch {
            return .failure(Rejection(reason: error.reason, message: error.message, byteOffset: error.offset))
        }
        if record.extraFieldCount > 0 { counters.hit(.extraField) }
        let idName = decoder.fields[0]
        let id: String
        switch record.kind(0) {
        case .string where record.withStringBytes(0, { $0.count }) <= maxIDBytes:
            id = record.string(0)
        case .number where record.number(0).isFinite:
            id = FieldStatistics.spelling(record.number(0))
        case .absent, .null:
            return .failure(Rejection(reason: .missingID, field: idName, message: "the id field '\(idName)' is absent or null"))
        case let kind:
            let what = kind == .string ? "longer than \(maxIDBytes) bytes" : "a \(kind)"
            return .failure(Rejection(reason: .badID, field: idName, message: "the id field '\(idName)' is \(what); expected a string or number"))
        }
        guard let label = classes.index(in: record, slot: 1) else {
            let labelName = decoder.fields[1]
            let shown = record.kind(1) == .absent ? "absent" : ClassMatcher.shown(record, slot: 1)
            return .failure(Rejection(reason: .unknownLabel, field: labelName, message: "the label \(shown) is not one of the declared classes"))
        }
        return .success(Label(id: id, label: label))
    }
}
