import OnlineLearning

/// Infers a data dictionary from the first events of a stream, for when no `EDDY_SCHEMA` is given.
///
/// Feed it events with ``observe(_:)`` (Eddy uses the first `EDDY_SCHEMA_INFER_EVENTS`), then call
/// ``dictionary()``; log the result and write ``DataDictionary/jsonString()`` beside the state so a person can
/// review and pin it. Rules, per top-level field:
/// - the id, label and time fields are the configured ones, else the first present of the usual names
///   (`id`, `event_id`…; `label`, `class`, `target`, `y`; `ts`, `timestamp`, `time`, `event_time`);
/// - numbers → `numeric` with the observed `min`/`max`, recorded with policy `out_of_range: ignore` so
///   later values outside them are counted (a hint of covariate shift) rather than rejected;
/// - strings that all parse as RFC 3339 → `timestamp`; otherwise at most `maxCategories` distinct values →
///   `categorical` with that value set (unseen values later map to `other`), more → hashed `categorical`;
/// - `true`/`false` → `boolean`; objects and arrays are not features (they count as extra fields later);
/// - a field absent from some events or `null` in any is `nullable`; mixed kinds take the most frequent;
/// - the label's classes are the values seen, sorted.
///
/// Memory is bounded whatever the input: distinct values are tracked up to `maxCategories + 1` per field
/// and at most `maxFields` fields are considered.
public struct SchemaInference: Sendable {
    /// What to infer and how.
    public struct Configuration: Sendable, Hashable {
        /// The id field (`EDDY_ID_FIELD`); nil to look for a usual name.
        public var idField: String?
        /// The label field (`EDDY_LABEL_FIELD`); nil to look for a usual name.
        public var labelField: String?
        /// The time field (`EDDY_TIME_FIELD`); nil to look for a usual name.
        public var timeField: String?
        /// Strings with at most this many distinct values become nominal; in `1...10_000`. Default 20.
        public var maxCategories: Int = 20
        /// The most distinct classes a label may have; in `2...10_000`. Default 1000.
        public var maxClasses: Int = 1000
        /// The most distinct top-level fields considered; in `1...10_000`. Default 1000.
        public var maxFields: Int = 1000
        /// Bounds for the inferred dictionary (and the payload checks while inferring).
        public var limits = DataDictionary.Limits()

        /// Creates the default configuration.
        public init() {}
    }

    /// The configuration.
    public let configuration: Configuration
    /// The events observed (valid JSON objects).
    public private(set) var eventCount = 0
    /// The messages skipped because they were not valid JSON objects.
    public private(set) var invalidCount = 0
    var fields: [String: FieldStatistics] = [:]
    var order: [String] = []

    /// Creates an inference.
    /// - Parameter configuration: What to infer and how.
    /// - Throws: ``ConfigurationError`` when a bound is out of range.
    public init(configuration: Configuration = Configuration()) throws {
        try ConfigurationError.check((1...10_000).contains(configuration.maxCategories), "maxCategories", configuration.maxCategories, accepted: "1...10000")
        try ConfigurationError.check((2...10_000).contains(configuration.maxClasses), "maxClasses", configuration.maxClasses, accepted: "2...10000")
        try ConfigurationError.check((1...10_000).contains(configuration.maxFields), "maxFields", configuration.maxFields, accepted: "1...10000")
        self.configuration = configuration
    }

    /// Adds one message to the evidence.
    /// - Parameter bytes: One message value.
    /// - Returns: false when the message was skipped as not a JSON object (or too large, too deep, not UTF-8).
    @discardableResult
    public mutating func observe(_ bytes: [UInt8]) -> Bool {
        guard bytes.count <= configuration.limits.maxPayloadBytes else { invalidCount += 1; return false }
        let members: [(name: String, value: ScalarValue)]
        do {
            members = try bytes.withUnsafeBytes { raw in
                try JSONScanner.topLevelFields(raw, maxDepth: configuration.limits.maxDepth)
            }
        } catch {
            invalidCount += 1
            return false
        }
        eventCount += 1
        for (name, value) in members {
            if fields[name] == nil {
                guard fields.count < configuration.maxFields else { continue }
                fields[name] = FieldStatistics()
                order.append(name)
            }
            fields[name]!.observe(value, event: eventCount, distinctLimit: Swift.max(configuration.maxCategories, configuration.maxClasses) + 1)
        }
        return true
    }

    /// Adds the events of a JSON Lines text (one JSON object per line, as `eddy schema infer FILE` reads),
    /// skipping blank lines.
    /// - Parameters:
    ///   - text: The file's bytes.
    ///   - limit: The most events to observe (`EDDY_SCHEMA_INFER_EVENTS`); nil for all.
    /// - Returns: The number of lines observed, valid or not.
    @discardableResult
    public mutating func observe(lines text: [UInt8], limit: Int? = nil) -> Int {
        var observed = 0
        var start = 0
        while start < text.count, observed < (limit ?? Int.max) {
            let end = text[start...].firstIndex(of: UInt8(ascii: "\n")) ?? text.count
            var line = text[start..<end]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                observe(Array(line))
                observed += 1
            }
            start = end + 1
        }
        return observed
    }

    /// Infers a dictionary from a sequence of messages.
    /// - Parameters:
    ///   - events: The messages.
    ///   - configuration: What to infer and how.
    /// - Returns: The inferred dictionary.
    /// - Throws: ``ConfigurationError`` for a bad configuration, ``FeatureExtractionError`` when nothing can
    ///   be inferred.
    public static func infer(from events: some Sequence<[UInt8]>, configuration: Configuration = Configuration()) throws -> DataDictionary {
        var inference = try SchemaInference(configuration: configuration)
        for e in events { inference.observe(e) }
        return try inference.dictionary()
    }
}
