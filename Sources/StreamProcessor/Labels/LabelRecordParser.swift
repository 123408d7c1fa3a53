import FeatureExtraction

/// Reads labels-topic records, `{"id": "e-1042", "label": "fraud"}`, into an event id and a class index.
///
/// The id may be a string or a number (rendered as the event validator renders number ids, so `42` joins
/// the event whose id was `42`); the label may be a class name or, for classes spelled as numbers or
/// booleans, the JSON number or boolean. Other members are ignored. Anything else is refused with a reason
/// code, and the pipeline sends the record to the dead-letter stream: `invalid_json`/`invalid_utf8`/
/// `payload_too_large`/`too_deep` from the decoder, `missing_id`/`bad_id`, `missing_label`, `unknown_label`.
public struct LabelRecordParser: Sendable {
    /// A parsed label.
    public struct Label: Sendable, Hashable {
        /// The event id.
        public var id: String
        /// The class index.
        public var label: Int
    }

    /// The reason code of a label record without a label (the event validator has none: there a missing
    /// label means an unlabelled event).
    public static let missingLabel = "missing_label"

    /// The classes, in class-index order.
    public let classes: [String]
    private let decoder: EventDecoder
    private var record: DecodedEvent
    private let maxIDBytes: Int

    /// Creates a parser.
    /// - Parameters:
    ///   - classes: the stream's classes, in class-index order.
    ///   - limits: payload limits (those of the data dictionary).
    public init(classes: [String], limits: DataDictionary.Limits = .init()) {
        self.classes = classes
        decoder = EventDecoder(fields: ["id", "label"], maxPayloadBytes: limits.maxPayloadBytes, maxDepth: limits.maxDepth)
        record = decoder.makeRecord()
        maxIDBytes = limits.maxIDBytes
    }

    /// Parses one record's value.
    /// - Parameter bytes: the record's value.
    /// - Returns: the id and class index, or why the record was refused (reason code, field, message).
    public mutating func parse(_ bytes: [UInt8]) -> Result<Label, LabelRecordError> {
        do {
            try decoder.decode(bytes, into: &record)
        } catch {
            return .failure(LabelRecordError(reason: error.reason.rawValue, field: nil, message: error.message))
        }
        let id: String
        switch record.kind(0) {
        case .string where record.withStringBytes(0, { $0.count }) <= maxIDBytes:
            id = record.string(0)
        case .number where record.number(0).isFinite:
            let v = record.number(0)
            id = v == v.rounded() && abs(v) < 9.007_199_254_740_992e15 ? String(Int64(v)) : "\(v)"
        case .absent, .null:
            return .failure(LabelRecordError(reason: ReasonCode.missingID.rawValue, field: "id", message: "the label record has no id"))
        default:
            return .failure(LabelRecordError(reason: ReasonCode.badID.rawValue, field: "id",
                                             message: "the id is a \(record.kind(0)) or longer than \(maxIDBytes) bytes; expected a string or number"))
        }
        let name: String
        switch record.kind(1) {
        case .string: name = record.string(1)
        case .number:
            let v = record.number(1)
            guard let i = classes.firstIndex(where: { Double($0) == v }) else {
                return .failure(unknown("\(v)"))
            }
            return .success(Label(id: id, label: i))
        case .bool: name = record.bool(1) ? "true" : "false"
        case .absent, .null:
            return .failure(LabelRecordError(reason: Self.missingLabel, field: "label", message: "the label record for id '\(id)' has no label"))
        case .object, .array:
            return .failure(unknown("a \(record.kind(1))"))
        }
        guard let i = classes.firstIndex(of: name) else { return .failure(unknown("\"\(name.prefix(64))\"")) }
        return .success(Label(id: id, label: i))
    }

    private func unknown(_ shown: String) -> LabelRecordError {
        LabelRecordError(reason: ReasonCode.unknownLabel.rawValue, field: "label",
                         message: "the label \(shown) is not one of the classes \(classes.joined(separator: ", "))")
    }
}

/// Why a labels-topic record was refused: the dead-letter headers' reason code, field and message.
public struct LabelRecordError: Error, Sendable, Hashable {
    /// The reason code, such as `unknown_label`.
    public var reason: String
    /// The field involved, if any.
    public var field: String?
    /// A sentence for people.
    public var message: String
}
