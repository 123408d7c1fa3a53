/// Why an event tripped a validation rule: a stable, machine-readable code.
///
/// The raw values are part of Eddy's interface: they appear in dead-letter headers, in metric labels and in
/// the data dictionary's `policies` objects, so they never change once released. Each code has a dense
/// ``ordinal`` so counters and policy tables are plain arrays rather than dictionaries on the hot path.
public enum ReasonCode: String, Sendable, Hashable, CaseIterable, Codable {
    /// The payload is not a JSON object (syntax error, truncation, `NaN` literals, trailing data).
    case invalidJSON = "invalid_json"
    /// A string in the payload is not valid UTF-8 (or escapes a lone surrogate).
    case invalidUTF8 = "invalid_utf8"
    /// The payload is larger than the configured maximum.
    case payloadTooLarge = "payload_too_large"
    /// Objects or arrays are nested deeper than the configured maximum.
    case tooDeep = "too_deep"
    /// A declared field appears twice in one event.
    case duplicateField = "duplicate_field"
    /// A declared, non-nullable feature is absent or `null`.
    case missingFeature = "missing_feature"
    /// A field not declared in the dictionary is present.
    case extraField = "extra_field"
    /// A feature has the wrong JSON kind (a number sent as a string, an object where a value belongs).
    case wrongType = "wrong_type"
    /// A timestamp does not have the declared format (or is implausible for it).
    case badTimestamp = "bad_timestamp"
    /// A numeric value lies outside the declared `[min, max]` or is not finite.
    case outOfRange = "out_of_range"
    /// A categorical value is not in the declared value set.
    case unseenCategory = "unseen_category"
    /// The label is not one of the declared classes.
    case unknownLabel = "unknown_label"
    /// The declared id field is absent or `null`.
    case missingID = "missing_id"
    /// The id is not a string or number, or is longer than the configured maximum.
    case badID = "bad_id"
    /// The declared event-time field is absent or `null`.
    case missingTime = "missing_time"

    /// A dense index in `0..<ReasonCode.count`, stable within one build, for array-backed tables.
    @inlinable public var ordinal: Int {
        switch self {
        case .invalidJSON: 0
        case .invalidUTF8: 1
        case .payloadTooLarge: 2
        case .tooDeep: 3
        case .duplicateField: 4
        case .missingFeature: 5
        case .extraField: 6
        case .wrongType: 7
        case .badTimestamp: 8
        case .outOfRange: 9
        case .unseenCategory: 10
        case .unknownLabel: 11
        case .missingID: 12
        case .badID: 13
        case .missingTime: 14
        }
    }

    /// The number of reason codes.
    public static let count = 15

    /// The policies a dictionary may choose for this rule; the first is the default.
    ///
    /// Payload-level failures can only be rejected: there is nothing trustworthy left to repair.
    public var allowedPolicies: [ValidationPolicy] {
        switch self {
        case .invalidJSON, .invalidUTF8, .payloadTooLarge, .tooDeep: [.reject]
        case .duplicateField: [.reject, .ignore]
        case .missingFeature: [.reject, .impute]
        case .extraField: [.ignore, .reject]
        case .wrongType: [.reject, .impute]
        case .badTimestamp: [.reject, .impute]
        case .outOfRange: [.reject, .impute, .ignore]
        case .unseenCategory: [.other, .reject, .impute]
        case .unknownLabel: [.reject, .ignore]
        case .missingID: [.reject, .ignore]
        case .badID: [.reject, .ignore]
        case .missingTime: [.ignore, .reject]
        }
    }

    /// The built-in policy used when the dictionary names none.
    public var defaultPolicy: ValidationPolicy { allowedPolicies[0] }
}

/// What to do when an event trips a validation rule.
public enum ValidationPolicy: String, Sendable, Hashable, CaseIterable, Codable {
    /// Send the original bytes to the dead-letter topic with the reason; the model never sees the event.
    case reject
    /// Treat the value as missing and apply the feature's imputation rule (its missing indicator is set).
    case impute
    /// Map an unseen category to the feature's `other` value (or its hash bucket when hashed).
    case other
    /// Keep going: keep the value (out of range), drop the field (extra, duplicate: last one wins), leave the
    /// event unlabelled (unknown label), without id (missing id) or without event time (missing time).
    case ignore
}
