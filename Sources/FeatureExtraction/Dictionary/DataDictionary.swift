/// The data dictionary (`EDDY_SCHEMA`): which event fields are features, id, label and event time, what
/// values each accepts, and what to do when an event breaks a rule.
///
/// It is the contract between producers and the model. Validation at the edge catches what breaks models
/// silently in production — a missing feature, a number arriving as a string, a timestamp whose format
/// changed, an unseen category — and the per-rule ``ValidationPolicy`` decides between the dead-letter topic
/// and a repair. The JSON form:
/// ```json
/// {
///   "idField": "id",
///   "timeField": "ts", "timeFormat": "rfc3339",
///   "label": {"field": "class", "classes": ["fraud", "ok"]},
///   "features": [
///     {"name": "amount", "type": "numeric", "min": 0},
///     {"name": "country", "type": "categorical", "values": ["IE", "FR"]},
///     {"name": "merchant", "type": "categorical", "hashBuckets": 64}
///   ],
///   "policies": {"extra_field": "reject"},
///   "limits": {"maxPayloadBytes": 65536, "maxDepth": 32}
/// }
/// ```
/// Load one with ``load(contentsOf:)`` or ``decode(_:source:)``; write one with ``jsonString()``.
public struct DataDictionary: Sendable, Hashable, Codable {
    /// The label field and its classes.
    public struct Label: Sendable, Hashable, Codable {
        /// The JSON field holding the class.
        public var field: String
        /// The classes, in class-index order. Numbers and booleans in events match their JSON spelling
        /// (`1`, `true`).
        public var classes: [String]

        /// Creates a label specification.
        public init(field: String, classes: [String]) {
            self.field = field
            self.classes = classes
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case field, classes }

        /// Decodes a label specification.
        /// - Throws: `DecodingError` naming a missing, mistyped or unknown key.
        public init(from decoder: any Decoder) throws {
            try PolicyTable.Key.rejectUnknownKeys(in: decoder, known: CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            field = try c.decode(String.self, forKey: .field)
            classes = try c.decode([String].self, forKey: .classes)
        }
    }

    /// Bounds that keep hostile payloads from costing time or memory.
    public struct Limits: Sendable, Hashable, Codable {
        /// The largest accepted payload in bytes; in `1...67_108_864`. Default 1 MiB.
        public var maxPayloadBytes: Int = 1 << 20
        /// The deepest accepted nesting of objects and arrays (the event object is depth 1); in `1...1000`.
        /// Default 32.
        public var maxDepth: Int = 32
        /// The longest accepted id in UTF-8 bytes; in `1...65_536`. Default 256.
        public var maxIDBytes: Int = 256
        /// The hash buckets of a categorical without a value set; in `2...65_536`. Default 32.
        public var hashBuckets: Int = 32
        /// A value set larger than this is hashed rather than one-hot/nominal; in `2...65_536`. Default 1000.
        public var maxNominalValues: Int = 1000

        /// Creates the default limits.
        public init() {}

        enum CodingKeys: String, CodingKey, CaseIterable { case maxPayloadBytes, maxDepth, maxIDBytes, hashBuckets, maxNominalValues }

        /// Decodes limits; absent keys keep their defaults.
        /// - Throws: `DecodingError` when a key holds something other than an integer.
        public init(from decoder: any Decoder) throws {
            try PolicyTable.Key.rejectUnknownKeys(in: decoder, known: CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Limits()
            maxPayloadBytes = try c.decodeIfPresent(Int.self, forKey: .maxPayloadBytes) ?? d.maxPayloadBytes
            maxDepth = try c.decodeIfPresent(Int.self, forKey: .maxDepth) ?? d.maxDepth
            maxIDBytes = try c.decodeIfPresent(Int.self, forKey: .maxIDBytes) ?? d.maxIDBytes
            hashBuckets = try c.decodeIfPresent(Int.self, forKey: .hashBuckets) ?? d.hashBuckets
            maxNominalValues = try c.decodeIfPresent(Int.self, forKey: .maxNominalValues) ?? d.maxNominalValues
        }
    }

    /// The format version of the file; currently 1.
    public var version: Int
    /// The field holding the event id (used to join delayed labels); nil when events have none.
    public var idField: String?
    /// The field holding the event time; nil to use processing time.
    public var timeField: String?
    /// The format of ``timeField``; nil means `rfc3339`.
    public var timeFormat: TimestampFormat?
    /// The label field and classes; nil for a stream whose labels arrive only on the labels topic — then
    /// ``Label/classes`` must still be known, so a dictionary without a label has no classes.
    public var label: Label?
    /// The features, in attribute order.
    public var features: [FeatureSpec]
    /// Dictionary-wide policies per rule; a feature's own `policies` win over these.
    public var policies: [ReasonCode: ValidationPolicy]
    /// Bounds on payloads.
    public var limits: Limits
    /// What the stream is, for people.
    public var description: String?

    /// Creates a dictionary.
    public init(
        idField: String? = nil, timeField: String? = nil, timeFormat: TimestampFormat? = nil, label: Label?,
        features: [FeatureSpec], policies: [ReasonCode: ValidationPolicy] = [:], limits: Limits = Limits(),
        description: String? = nil
    ) {
        version = 1
        self.idField = idField
        self.timeField = timeField
        self.timeFormat = timeFormat
        self.label = label
        self.features = features
        self.policies = policies
        self.limits = limits
        self.description = description
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, idField, timeField, timeFormat, label, features, policies, limits, description
    }

    /// Decodes a dictionary; absent optional keys take their defaults.
    /// - Throws: `DecodingError` naming the key and what was expected.
    public init(from decoder: any Decoder) throws {
        try PolicyTable.Key.rejectUnknownKeys(in: decoder, known: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decodeIfPresent(Int.self, forKey: .version) ?? 1
        idField = try c.decodeIfPresent(String.self, forKey: .idField)
        timeField = try c.decodeIfPresent(String.self, forKey: .timeField)
        timeFormat = try c.decodeIfPresent(TimestampFormat.self, forKey: .timeFormat)
        label = try c.decodeIfPresent(Label.self, forKey: .label)
        features = try c.decode([FeatureSpec].self, forKey: .features)
        policies = try c.decodeIfPresent(PolicyTable.self, forKey: .policies)?.table ?? [:]
        limits = try c.decodeIfPresent(Limits.self, forKey: .limits) ?? Limits()
        description = try c.decodeIfPresent(String.self, forKey: .description)
    }

    /// Encodes the dictionary in the documented JSON form.
    /// - Throws: `EncodingError` from the encoder.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeIfPresent(idField, forKey: .idField)
        try c.encodeIfPresent(timeField, forKey: .timeField)
        try c.encodeIfPresent(timeFormat, forKey: .timeFormat)
        try c.encodeIfPresent(label, forKey: .label)
        try c.encode(features, forKey: .features)
        if !policies.isEmpty { try c.encode(PolicyTable(table: policies), forKey: .policies) }
        try c.encode(limits, forKey: .limits)
    }

    /// The policy for `reason` on feature `index` (or on the event as a whole when `index` is nil): the
    /// feature's own, else the dictionary's, else the rule's built-in default.
    public func policy(for reason: ReasonCode, feature index: Int? = nil) -> ValidationPolicy {
        if let index, let p = features[index].policies?[reason] { return p }
        return policies[reason] ?? reason.defaultPolicy
    }
}
