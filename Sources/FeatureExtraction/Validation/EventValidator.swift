import OnlineLearning

/// Applies the data dictionary's rules to decoded events: each rule with its reason code, its counter and
/// its policy (reject, impute, map to `other`, ignore).
///
/// It is compiled once from the dictionary into flat arrays — per-feature kinds, bounds, value-set tables
/// and a dense policy table — so checking an event does no dictionary lookups and no allocation unless it
/// rejects (then it builds the message). The first rule whose policy is `reject` stops the event; rules that
/// repair it count a hit and go on.
public struct EventValidator: Sendable {
    /// The dictionary the rules come from.
    public let dictionary: DataDictionary
    /// The decoder for the dictionary's fields: slot `i < features.count` is feature `i`; then id, label,
    /// time (when declared and not shared with a feature).
    public let decoder: EventDecoder

    enum Kind: UInt8, Sendable { case numeric, nominal, hashed, boolean, timestamp }

    struct Rule: Sendable {
        var kind: Kind
        var min: Double
        var max: Double
        var nullable: Bool
        var otherIndex: Int
        var buckets: Int
        var format: TimestampFormat
    }

    let rules: [Rule]
    /// Per feature: its declared value set (empty when it has none; see `hasValueSet`).
    let valueTables: [ByteStringTable]
    let hasValueSet: [Bool]
    /// `policies[feature * ReasonCode.count + reason.ordinal]`; the event-level row is at `features.count`.
    let policies: [ValidationPolicy]
    let idSlot: Int
    let labelSlot: Int
    let timeSlot: Int
    let timeFormat: TimestampFormat
    let classes: ClassMatcher
    let maxIDBytes: Int

    /// Compiles the rules of a checked dictionary.
    /// - Parameter dictionary: The data dictionary.
    /// - Throws: ``FeatureExtractionError`` (`invalid_dictionary`) when the dictionary fails its checks.
    public init(dictionary: DataDictionary) throws(FeatureExtractionError) {
        try dictionary.check()
        self.dictionary = dictionary
        let layout = FeatureLayout(dictionary)
        var fields = dictionary.features.map(\.name)
        var rules: [Rule] = []
        var tables: [ByteStringTable] = []
        var hasValueSet: [Bool] = []
        for (f, entry) in zip(dictionary.features, layout.entries) {
            var rule = Rule(kind: .numeric, min: f.min ?? -.infinity, max: f.max ?? .infinity, nullable: f.nullable,
                            otherIndex: -1, buckets: 0, format: f.format ?? .rfc3339)
            var table: ByteStringTable?
            switch entry.encoding {
            case .numeric: rule.kind = .numeric
            case .boolean: rule.kind = .boolean
            case .timestamp: rule.kind = .timestamp
            case .nominal(let values, let other):
                rule.kind = .nominal
                rule.otherIndex = other ?? -1
                table = ByteStringTable(f.values ?? values)
            case .hashed(let k):
                rule.kind = .hashed
                rule.buckets = k
                table = f.values.map { ByteStringTable($0) }
            }
            rules.append(rule)
            tables.append(table ?? ByteStringTable([]))
            hasValueSet.append(table != nil)
        }
        var policies: [ValidationPolicy] = []
        for i in 0...dictionary.features.count {
            let feature = i < dictionary.features.count ? i : nil
            for reason in ReasonCode.allCases.sorted(by: { $0.ordinal < $1.ordinal }) {
                policies.append(dictionary.policy(for: reason, feature: feature))
            }
        }
        func slot(_ name: String?) -> Int {
            guard let name else { return -1 }
            if let i = fields.firstIndex(of: name) { return i }
            fields.append(name)
            return fields.count - 1
        }
        idSlot = slot(dictionary.idField)
        labelSlot = slot(dictionary.label?.field)
        timeSlot = slot(dictionary.timeField)
        timeFormat = dictionary.timeFormat ?? .rfc3339
        let classes = dictionary.label?.classes ?? []
        self.classes = ClassMatcher(classes: classes)
        maxIDBytes = dictionary.limits.maxIDBytes
        self.rules = rules
        self.valueTables = tables
        self.hasValueSet = hasValueSet
        self.policies = policies
        decoder = EventDecoder(fields: fields, maxPayloadBytes: dictionary.limits.maxPayloadBytes,
                               maxDepth: dictionary.limits.maxDepth)
    }

    /// The policy for `reason` on feature `f`, or on the event when `f` is nil.
    @inline(__always) func policy(_ reason: ReasonCode, _ f: Int?) -> ValidationPolicy {
        policies[(f ?? rules.count) * ReasonCode.count + reason.ordinal]
    }

    /// Validates a decoded event into `out`, counting every rule that fires.
    /// - Returns: The rejection, when a rule with policy `reject` fired; nil when the event is valid or
    ///   repaired.
    func validate(_ e: DecodedEvent, into out: inout ValidatedEvent, counters: inout ValidationCounters) -> Rejection? {
        if let dup = e.duplicateSlot {
            counters.hit(.duplicateField)
            if policy(.duplicateField, nil) == .reject {
                return Rejection(reason: .duplicateField, field: decoder.fields[dup], message: "the field '\(decoder.fields[dup])' appears more than once")
            }
        }
        if e.extraFieldCount > 0 {
            counters.hit(.extraField)
            if policy(.extraField, nil) == .reject {
                let name = e.firstExtraField ?? ""
                return Rejection(reason: .extraField, field: name, message: "\(e.extraFieldCount) field(s) not in the data dictionary, first '\(name)'")
            }
        }
        if let r = validateID(e, into: &out, counters: &counters) { return r }
        if let r = validateLabel(e, into: &out, counters: &counters) { return r }
        if let r = validateTime(e, into: &out, counters: &counters) { return r }
        for f in 0..<rules.count {
            if let r = validateFeature(f, e, into: &out, counters: &counters) { return r }
        }
        return nil
    }
}
