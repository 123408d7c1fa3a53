extension EventValidator {
    /// Checks one feature and stores its value (or "missing") in `out`.
    @inline(__always)
    func validateFeature(_ f: Int, _ e: DecodedEvent, into out: inout ValidatedEvent, counters: inout ValidationCounters) -> Rejection? {
        let rule = rules[f]
        let kind = e.kind(f)
        out.missing[f] = false
        out.observed[f] = false
        out.values[f] = .nan

        @inline(__always) func repair(_ reason: ReasonCode, _ message: @autoclosure () -> String) -> Rejection? {
            counters.hit(reason)
            if policy(reason, f) == .reject { return Rejection(reason: reason, field: name(f), message: message()) }
            out.missing[f] = true
            return nil
        }

        switch kind {
        case .absent, .null:
            if rule.nullable { out.missing[f] = true; return nil }
            return repair(.missingFeature, "the feature '\(name(f))' is \(kind == .null ? "null" : "absent") and not nullable")
        case .object, .array:
            return repair(.wrongType, "the feature '\(name(f))' is an \(kind == .object ? "object" : "array"); expected \(expected(rule))")
        default:
            break
        }
        switch rule.kind {
        case .numeric:
            guard kind == .number else { return repair(.wrongType, "the feature '\(name(f))' is a \(kind); expected a number") }
            let v = e.number(f)
            if v.isFinite && v >= rule.min && v <= rule.max {
                out.values[f] = v
                out.observed[f] = true
                return nil
            }
            counters.hit(.outOfRange)
            switch policy(.outOfRange, f) {
            case .reject:
                return Rejection(reason: .outOfRange, field: name(f), message: "the feature '\(name(f))' is \(v); expected a finite number in [\(rule.min), \(rule.max)]")
            case .ignore where v.isFinite:
                out.values[f] = v
            default:
                out.missing[f] = true
            }
            return nil
        case .boolean:
            guard kind == .bool else { return repair(.wrongType, "the feature '\(name(f))' is a \(kind); expected true or false") }
            out.values[f] = e.bool(f) ? 1 : 0
            out.observed[f] = true
            return nil
        case .nominal, .hashed:
            guard kind == .string else { return repair(.wrongType, "the feature '\(name(f))' is a \(kind); expected a string") }
            return e.withStringBytes(f) { bytes -> Rejection? in
                if rule.kind == .nominal {
                    if let index = valueTables[f].index(of: bytes) {
                        out.values[f] = Double(index)
                        out.observed[f] = true
                        return nil
                    }
                } else if !hasValueSet[f] || valueTables[f].index(of: bytes) != nil {
                    // Hashed: any value of an open set, or a member of a declared (large) set.
                    out.values[f] = Double(ByteStringTable.hash(bytes) % UInt64(rule.buckets))
                    out.observed[f] = true
                    return nil
                }
                counters.hit(.unseenCategory)
                switch policy(.unseenCategory, f) {
                case .reject:
                    let shown = String(decoding: bytes.prefix(64), as: UTF8.self)
                    return Rejection(reason: .unseenCategory, field: name(f), message: "the feature '\(name(f))' has the unseen value \"\(shown)\"\(bytes.count > 64 ? "…" : "")")
                case .other:
                    out.values[f] = rule.kind == .hashed
                        ? Double(ByteStringTable.hash(bytes) % UInt64(rule.buckets)) : Double(rule.otherIndex)
                    out.observed[f] = true
                default:
                    out.missing[f] = true
                }
                return nil
            }
        case .timestamp:
            guard let t = timestamp(e, f, rule.format) else {
                if kind != .string && kind != .number {
                    return repair(.wrongType, "the feature '\(name(f))' is a \(kind); expected \(expected(rule))")
                }
                return repair(.badTimestamp, "the feature '\(name(f))' is not \(expected(rule))")
            }
            out.values[f] = t
            out.observed[f] = true
            return nil
        }
    }

    /// The slot's timestamp in epoch seconds, or nil when it does not have `format`.
    @inline(__always) func timestamp(_ e: DecodedEvent, _ slot: Int, _ format: TimestampFormat) -> Double? {
        switch (e.kind(slot), format) {
        case (.string, .rfc3339): e.withStringBytes(slot) { Timestamp.parseRFC3339($0) }
        case (.number, .epochSeconds), (.number, .epochMillis): Timestamp.fromEpoch(e.number(slot), format)
        default: nil
        }
    }

    func name(_ slot: Int) -> String { decoder.fields[slot] }

    private func expected(_ rule: Rule) -> String {
        switch rule.kind {
        case .numeric: "a number"
        case .boolean: "true or false"
        case .nominal, .hashed: "a string"
        case .timestamp:
            switch rule.format {
            case .rfc3339: "an RFC 3339 timestamp string"
            case .epochSeconds: "a number of epoch seconds in [0, 1e11)"
            case .epochMillis: "a number of epoch milliseconds in [1e11, 1e14)"
            }
        }
    }

    /// Checks the id field.
    func validateID(_ e: DecodedEvent, into out: inout ValidatedEvent, counters: inout ValidationCounters) -> Rejection? {
        out.id = nil
        guard idSlot >= 0 else { return nil }
        let kind = e.kind(idSlot)
        switch kind {
        case .string where e.withStringBytes(idSlot, { $0.count }) <= maxIDBytes:
            out.id = e.string(idSlot)
            return nil
        case .number where e.number(idSlot).isFinite:
            let v = e.number(idSlot)
            out.id = v == v.rounded() && abs(v) < 9.007_199_254_740_992e15 ? String(Int64(v)) : "\(v)"
            return nil
        case .absent, .null:
            counters.hit(.missingID)
            guard policy(.missingID, nil) == .reject else { return nil }
            return Rejection(reason: .missingID, field: name(idSlot), message: "the id field '\(name(idSlot))' is \(kind == .null ? "null" : "absent")")
        default:
            counters.hit(.badID)
            guard policy(.badID, nil) == .reject else { return nil }
            let what = kind == .string ? "longer than \(maxIDBytes) bytes" : "a \(kind)"
            return Rejection(reason: .badID, field: name(idSlot), message: "the id field '\(name(idSlot))' is \(what); expected a string or number")
        }
    }

    /// Checks the label field.
    func validateLabel(_ e: DecodedEvent, into out: inout ValidatedEvent, counters: inout ValidationCounters) -> Rejection? {
        out.label = nil
        guard labelSlot >= 0 else { return nil }
        let kind = e.kind(labelSlot)
        if kind == .absent || kind == .null { return nil }
        out.label = classes.index(in: e, slot: labelSlot)
        guard out.label == nil else { return nil }
        counters.hit(.unknownLabel)
        guard policy(.unknownLabel, nil) == .reject else { return nil }
        let shown = ClassMatcher.shown(e, slot: labelSlot)
        return Rejection(reason: .unknownLabel, field: name(labelSlot), message: "the label \(shown) is not one of the declared classes")
    }

    /// Checks the event-time field.
    func validateTime(_ e: DecodedEvent, into out: inout ValidatedEvent, counters: inout ValidationCounters) -> Rejection? {
        out.eventTime = nil
        guard timeSlot >= 0 else { return nil }
        let kind = e.kind(timeSlot)
        if kind == .absent || kind == .null {
            counters.hit(.missingTime)
            guard policy(.missingTime, nil) == .reject else { return nil }
            return Rejection(reason: .missingTime, field: name(timeSlot), message: "the time field '\(name(timeSlot))' is \(kind == .null ? "null" : "absent")")
        }
        if let t = timestamp(e, timeSlot, timeFormat) {
            out.eventTime = t
            return nil
        }
        counters.hit(.badTimestamp)
        guard policy(.badTimestamp, nil) == .reject else { return nil }
        return Rejection(reason: .badTimestamp, field: name(timeSlot), message: "the time field '\(name(timeSlot))' is not a timestamp in the \(timeFormat.rawValue) format")
    }
}

extension FieldKind: CustomStringConvertible {
    /// The kind in words, as rejection messages use it.
    public var description: String {
        switch self {
        case .absent: "absent field"
        case .null: "null"
        case .number: "number"
        case .string: "string"
        case .bool: "boolean"
        case .object: "object"
        case .array: "array"
        }
    }
}
