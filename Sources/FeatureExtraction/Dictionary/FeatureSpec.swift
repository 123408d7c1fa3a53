/// The declared type of one event field in the data dictionary.
public enum FeatureType: String, Sendable, Hashable, CaseIterable, Codable {
    /// A JSON number; becomes one numeric attribute.
    case numeric
    /// A JSON string from a value set (a nominal attribute) or from an open, high-cardinality set (hashed).
    case categorical
    /// A JSON `true`/`false`; becomes a nominal attribute with values `false`, `true`.
    case boolean
    /// A point in time (see ``TimestampFormat``); becomes hour-of-day and weekday numeric attributes.
    case timestamp
}

/// How a timestamp is written in events.
///
/// `rfc3339` accepts RFC 3339 / ISO 8601 extended date-times as JSON strings: `2026-11-29T10:00:00Z`, with or
/// without fractional seconds (any number of digits), with `Z` or a `±HH:MM` offset, `T`, `t` or a space
/// between date and time. The epoch formats accept JSON numbers only, within a plausible range (seconds in
/// `[0, 1e11)`, milliseconds in `[1e11, 1e14)`), so seconds arriving where milliseconds are declared — a
/// format that silently changed — are caught as `bad_timestamp`.
public enum TimestampFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// An RFC 3339 date-time string.
    case rfc3339
    /// Seconds since 1970-01-01T00:00:00Z as a JSON number.
    case epochSeconds = "epoch_seconds"
    /// Milliseconds since 1970-01-01T00:00:00Z as a JSON number.
    case epochMillis = "epoch_millis"
}

/// How a missing or repaired value is filled in.
public enum Imputation: String, Sendable, Hashable, CaseIterable, Codable {
    /// Leave it missing (`NaN`); every learner tolerates missing values.
    case missing
    /// Use the feature's declared `default` value.
    case `default`
    /// Use the running mean of the values accepted so far (numeric features).
    case mean
    /// Use the most frequent value accepted so far (categorical and boolean features).
    case mode
}

/// A value written in the dictionary itself (a feature's `default`): a number, a string or a boolean.
public enum DictionaryValue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A JSON number.
    case number(Double)
    /// A JSON string.
    case string(String)
    /// A JSON boolean.
    case bool(Bool)

    /// Decodes a JSON number, string or boolean.
    /// - Throws: `DecodingError.typeMismatch` for any other JSON value.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else {
            throw DecodingError.typeMismatch(
                DictionaryValue.self,
                .init(codingPath: decoder.codingPath, debugDescription: "expected a number, a string or a boolean"))
        }
    }

    /// Encodes the value as the JSON value it stands for.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .bool(let b): try c.encode(b)
        }
    }

    /// The value as it is written in JSON.
    public var description: String {
        switch self {
        case .number(let d): "\(d)"
        case .string(let s): "\"\(s)\""
        case .bool(let b): "\(b)"
        }
    }
}

/// One declared feature of the data dictionary: its name, type, accepted values and repair rules.
///
/// In the JSON file every key but `name` and `type` is optional:
/// ```json
/// {"name": "amount", "type": "numeric", "min": 0, "max": 100000, "nullable": true,
///  "imputation": "mean", "missingIndicator": true, "description": "Order value in euros",
///  "policies": {"out_of_range": "impute"}}
/// ```
public struct FeatureSpec: Sendable, Hashable, Codable {
    /// The JSON field name in events.
    public var name: String
    /// The declared type.
    public var type: FeatureType
    /// The smallest accepted value (numeric features); nil for no lower bound.
    public var min: Double?
    /// The largest accepted value (numeric features); nil for no upper bound.
    public var max: Double?
    /// The accepted values (categorical features), in attribute order; nil for an open set, which is hashed.
    public var values: [String]?
    /// The number of hash buckets for a hashed categorical; nil uses the dictionary's default.
    public var hashBuckets: Int?
    /// The timestamp format (timestamp features); nil means `rfc3339`.
    public var format: TimestampFormat?
    /// Whether `null` or an absent field is acceptable (then it is imputed without tripping a rule).
    public var nullable: Bool
    /// How missing or repaired values are filled in.
    public var imputation: Imputation
    /// The value used by `imputation: default`.
    public var `default`: DictionaryValue?
    /// Whether to add a `<name>.missing` attribute that is `true` when the value was missing or repaired.
    public var missingIndicator: Bool
    /// Per-rule policies for this feature, overriding the dictionary's; keys are ``ReasonCode`` raw values.
    public var policies: [ReasonCode: ValidationPolicy]?
    /// What the feature means, for people.
    public var description: String?

    /// Creates a feature specification.
    public init(
        name: String, type: FeatureType, min: Double? = nil, max: Double? = nil, values: [String]? = nil,
        hashBuckets: Int? = nil, format: TimestampFormat? = nil, nullable: Bool = false,
        imputation: Imputation = .missing, default: DictionaryValue? = nil, missingIndicator: Bool = false,
        policies: [ReasonCode: ValidationPolicy]? = nil, description: String? = nil
    ) {
        self.name = name
        self.type = type
        self.min = min
        self.max = max
        self.values = values
        self.hashBuckets = hashBuckets
        self.format = format
        self.nullable = nullable
        self.imputation = imputation
        self.default = `default`
        self.missingIndicator = missingIndicator
        self.policies = policies
        self.description = description
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, type, min, max, values, hashBuckets, format, nullable, imputation, `default`
        case missingIndicator, policies, description
    }

    /// Decodes a feature; absent optional keys take their defaults.
    /// - Throws: `DecodingError` naming the key and what was expected.
    public init(from decoder: any Decoder) throws {
        try PolicyTable.Key.rejectUnknownKeys(in: decoder, known: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decode(FeatureType.self, forKey: .type)
        min = try c.decodeIfPresent(Double.self, forKey: .min)
        max = try c.decodeIfPresent(Double.self, forKey: .max)
        values = try c.decodeIfPresent([String].self, forKey: .values)
        hashBuckets = try c.decodeIfPresent(Int.self, forKey: .hashBuckets)
        format = try c.decodeIfPresent(TimestampFormat.self, forKey: .format)
        nullable = try c.decodeIfPresent(Bool.self, forKey: .nullable) ?? false
        imputation = try c.decodeIfPresent(Imputation.self, forKey: .imputation) ?? .missing
        self.default = try c.decodeIfPresent(DictionaryValue.self, forKey: .default)
        missingIndicator = try c.decodeIfPresent(Bool.self, forKey: .missingIndicator) ?? false
        policies = try c.decodeIfPresent(PolicyTable.self, forKey: .policies)?.table
        description = try c.decodeIfPresent(String.self, forKey: .description)
    }

    /// Encodes the feature, leaving out keys that hold their defaults.
    /// - Throws: `EncodingError` from the encoder.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(type, forKey: .type)
        try c.encodeIfPresent(min, forKey: .min)
        try c.encodeIfPresent(max, forKey: .max)
        try c.encodeIfPresent(values, forKey: .values)
        try c.encodeIfPresent(hashBuckets, forKey: .hashBuckets)
        try c.encodeIfPresent(format, forKey: .format)
        try c.encode(nullable, forKey: .nullable)
        try c.encode(imputation, forKey: .imputation)
        try c.encodeIfPresent(self.default, forKey: .default)
        if missingIndicator { try c.encode(true, forKey: .missingIndicator) }
        if let policies { try c.encode(PolicyTable(table: policies), forKey: .policies) }
        try c.encodeIfPresent(description, forKey: .description)
    }
}

/// A `policies` JSON object: reason-code keys mapped to policy names.
///
/// Codable's synthesised form of `[ReasonCode: ValidationPolicy]` is an array of pairs; this keeps the file
/// readable as `{"unseen_category": "other"}` and names an unknown reason code in the error.
struct PolicyTable: Codable, Hashable {
    var table: [ReasonCode: ValidationPolicy]

    init(table: [ReasonCode: ValidationPolicy]) { self.table = table }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }

        /// Throws when the JSON object `decoder` reads has a key outside `known`: a misspelt key
        /// (`"nulable"`) would otherwise be silently ignored and its setting lost.
        static func rejectUnknownKeys<K: CodingKey & CaseIterable>(in decoder: any Decoder, known: K.Type) throws {
            let c = try decoder.container(keyedBy: Key.self)
            let names = K.allCases.map(\.stringValue)
            for key in c.allKeys where !names.contains(key.stringValue) {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath + [key],
                    debugDescription: "unknown key '\(key.stringValue)'; expected one of \(names.joined(separator: ", "))"))
            }
        }
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        var table: [ReasonCode: ValidationPolicy] = [:]
        for key in c.allKeys {
            guard let reason = ReasonCode(rawValue: key.stringValue) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: c,
                    debugDescription: "unknown reason code '\(key.stringValue)'; expected one of "
                        + ReasonCode.allCases.map(\.rawValue).joined(separator: ", "))
            }
            table[reason] = try c.decode(ValidationPolicy.self, forKey: key)
        }
        self.table = table
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for (reason, policy) in table.sorted(by: { $0.key.ordinal < $1.key.ordinal }) {
            try c.encode(policy, forKey: Key(stringValue: reason.rawValue))
        }
    }
}
