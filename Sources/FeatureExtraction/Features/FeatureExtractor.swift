import OnlineLearning

/// Turns raw event bytes into model instances: decode, validate against the data dictionary, encode features.
///
/// This is the edge of the pipeline. Every message ends as exactly one of two things: an ``ExtractedEvent``
/// (id, label index, event time and an ``Instance`` laid out as ``header``) or a ``Rejection`` with a reason
/// code for the dead-letter topic; both are counted in ``counters``. Nothing crashes on bad data and nothing
/// grows with the stream: the decoder's record, the validator's tables and the imputation statistics are
/// sized by the dictionary.
///
/// Features: numeric values as they are (``LogisticRegression`` standardises its inputs itself, so no
/// scaler is applied here), categoricals as nominal indices or hash buckets, booleans as nominal
/// `false`/`true`, timestamps as hour of day and weekday, missing values as `nan` or their imputation, with
/// optional missing-indicator attributes.
///
/// One extractor serves one stream partition (it is a value type holding reusable buffers):
/// ```swift
/// var extractor = try FeatureExtractor(dictionary: dictionary)
/// switch extractor.extract(payload) {
/// case .event(let e): model.learn(e.instance, label: e.label!)
/// case .rejected(let r): deadLetter(payload, headers: r.headers)
/// }
/// ```
public struct FeatureExtractor: Sendable {
    /// The outcome for one message.
    public enum Outcome: Sendable, Hashable {
        /// The message became an event.
        case event(ExtractedEvent)
        /// The message was refused.
        case rejected(Rejection)
    }

    /// The data dictionary.
    public var dictionary: DataDictionary { validator.dictionary }
    /// The schema of the extracted instances.
    public let header: Header
    /// Where each feature lands in the instance.
    public let layout: FeatureLayout
    /// The per-reason counts so far.
    public private(set) var counters = ValidationCounters()
    /// The running statistics behind mean and mode imputation (part of a checkpoint).
    public var statistics: ImputationStatistics

    let validator: EventValidator
    private var record: DecodedEvent
    private var validated: ValidatedEvent
    private let imputations: [Imputation]
    private let defaults: [Double]

    /// Builds an extractor for a dictionary.
    /// - Parameter dictionary: The data dictionary.
    /// - Throws: ``FeatureExtractionError`` (`invalid_dictionary`) when the dictionary fails its checks.
    public init(dictionary: DataDictionary) throws(FeatureExtractionError) {
        validator = try EventValidator(dictionary: dictionary)
        layout = FeatureLayout(dictionary)
        header = Header(attributes: layout.attributes, classes: dictionary.label?.classes ?? [])
        record = validator.decoder.makeRecord()
        validated = ValidatedEvent(featureCount: dictionary.features.count)
        imputations = dictionary.features.map(\.imputation)
        statistics = ImputationStatistics(layout: layout, imputations: imputations)
        defaults = zip(dictionary.features, layout.entries).map { f, entry in
            guard f.imputation == .default, let d = f.default else { return .nan }
            switch (d, entry.encoding) {
            case (.number(let v), _): return v
            case (.bool(let b), _): return b ? 1 : 0
            case (.string(let s), .nominal(let values, _)): return values.firstIndex(of: s).map(Double.init) ?? .nan
            case (.string(let s), .hashed(let k)):
                let bytes = Array(s.utf8)
                return Double(bytes.withUnsafeBufferPointer { ByteStringTable.hash($0) } % UInt64(k))
            default: return .nan
            }
        }
    }

    /// Decodes, validates and encodes one message.
    /// - Parameter bytes: The message value.
    /// - Returns: The event or the rejection.
    public mutating func extract(_ bytes: [UInt8]) -> Outcome {
        bytes.withUnsafeBytes { extract($0) }
    }

    /// Decodes, validates and encodes one message from a borrowed buffer.
    /// - Parameter bytes: The message value (for example librdkafka's payload pointer).
    /// - Returns: The event or the rejection.
    public mutating func extract(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        var event = ExtractedEvent(instance: Instance([]))
        if let rejection = extract(bytes, into: &event) { return .rejected(rejection) }
        return .event(event)
    }

    /// Decodes, validates and encodes one message into an event the caller reuses, so that a stream of valid
    /// messages allocates nothing per event (the instance's storage is rewritten in place when the caller
    /// holds no other reference to it).
    /// - Parameters:
    ///   - bytes: The message value.
    ///   - event: Receives the event when the message is accepted; unspecified when it is rejected.
    /// - Returns: nil when accepted, else the rejection.
    public mutating func extract(_ bytes: UnsafeRawBufferPointer, into event: inout ExtractedEvent) -> Rejection? {
        counters.events += 1
        do {
            try validator.decoder.decode(bytes, into: &record)
        } catch {
            counters.hit(error.reason)
            counters.reject(error.reason)
            return Rejection(reason: error.reason, message: error.message, byteOffset: error.offset)
        }
        if let rejection = validator.validate(record, into: &validated, counters: &counters) {
            counters.reject(rejection.reason)
            return rejection
        }
        counters.accepted += 1
        event.id = validated.id
        event.label = validated.label
        event.eventTime = validated.eventTime
        encode(into: &event.instance.values)
        return nil
    }

    /// Writes the validated features into attribute values, imputing and updating the statistics.
    private mutating func encode(into values: inout [Double]) {
        let width = layout.attributes.count
        if values.count != width { values = Array(repeating: .nan, count: width) }
        for (f, entry) in layout.entries.enumerated() {
            var v = validated.values[f]
            let missing = validated.missing[f] || v.isNaN
            if missing {
                switch imputations[f] {
                case .missing: v = .nan
                case .default: v = defaults[f]
                case .mean: v = statistics.mean(f)
                case .mode: v = statistics.mode(f)
                }
            } else if validated.observed[f] {
                switch imputations[f] {
                case .mean: statistics.observe(mean: v, feature: f)
                case .mode: statistics.observe(value: Int(v), feature: f)
                default: break
                }
            }
            if case .timestamp = entry.encoding {
                // A timestamp cannot be imputed: its parts are missing together.
                let t = missing ? Double.nan : v
                values[entry.column] = t.isNaN ? .nan : Timestamp.hourOfDay(t)
                values[entry.column + 1] = t.isNaN ? .nan : Timestamp.weekday(t)
            } else {
                values[entry.column] = v
            }
            if let indicator = entry.indicatorColumn { values[indicator] = missing ? 1 : 0 }
        }
    }

    /// The number of bytes and entries the extractor's per-stream state holds, for memory-bound checks: it
    /// depends on the dictionary and the largest payload, never on how many distinct values were seen.
    public var retainedSize: Int { record.byteCount + statistics.entryCount * 8 + validated.values.count * 10 }
}
