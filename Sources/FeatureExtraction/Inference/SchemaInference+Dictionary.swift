extension SchemaInference {
    static let idCandidates = ["id", "event_id", "eventId", "uuid"]
    static let labelCandidates = ["label", "class", "target", "y"]
    static let timeCandidates = ["ts", "timestamp", "time", "event_time", "eventTime"]

    /// The dictionary the observed events suggest.
    /// - Returns: A checked dictionary that ``DataDictionary/decode(_:source:)`` reads back from its JSON.
    /// - Throws: ``FeatureExtractionError`` with code `inference_failed` when no valid event was observed,
    ///   no field can be a feature, or the label has more than `maxClasses` values.
    public func dictionary() throws(FeatureExtractionError) -> DataDictionary {
        func fail(_ message: String) -> FeatureExtractionError {
            FeatureExtractionError(code: "inference_failed", message: message, location: "schema inference")
        }
        guard eventCount > 0 else {
            throw fail("no valid JSON object among the \(invalidCount) message(s) observed; cannot infer a data dictionary")
        }
        let c = configuration
        let idField = c.idField ?? Self.idCandidates.first { fields[$0] != nil }
        let labelField = c.labelField ?? Self.labelCandidates.first { fields[$0] != nil }
        let timeField = c.timeField ?? Self.timeCandidates.first { fields[$0].map(Self.looksLikeTime) ?? false }

        var timeFormat: TimestampFormat?
        if let timeField, let t = fields[timeField], t.numbers > t.strings {
            timeFormat = t.max >= 1e11 ? .epochMillis : .epochSeconds
        }
        var label: DataDictionary.Label?
        if let labelField, let l = fields[labelField] {
            guard !l.overflow, l.distinctStrings.count + l.distinctOthers.count <= c.maxClasses else {
                throw fail("the label field '\(labelField)' has more than \(c.maxClasses) distinct values; name the label with EDDY_LABEL_FIELD or pin a data dictionary")
            }
            let classes = (l.distinctStrings.union(l.distinctOthers)).sorted()
            if !classes.isEmpty { label = .init(field: labelField, classes: classes) }
        }

        var features: [FeatureSpec] = []
        for name in order where name != idField && name != labelField && name != timeField {
            guard let s = fields[name], let f = feature(name, s) else { continue }
            features.append(f)
        }
        guard !features.isEmpty else {
            throw fail("no field of the \(eventCount) event(s) can be a feature (only ids, labels, times, objects, arrays or nulls)")
        }
        let d = DataDictionary(
            idField: idField, timeField: timeField, timeFormat: timeFormat, label: label, features: features,
            limits: c.limits, description: "Inferred by Eddy from \(eventCount) event(s); review and pin it with EDDY_SCHEMA.")
        do { try d.check(source: "inferred data dictionary") } catch { throw fail(error.description) }
        return d
    }

    /// Whether a field's values are all timestamps: RFC 3339 strings or plausible epoch numbers.
    static func looksLikeTime(_ s: FieldStatistics) -> Bool {
        if s.strings > 0 { return s.timestampStrings == s.strings && s.numbers == 0 }
        return s.numbers > 0 && s.min >= 0 && s.max < 1e14 && s.bools == 0
    }

    private func feature(_ name: String, _ s: FieldStatistics) -> FeatureSpec? {
        guard s.scalars > 0 else { return nil }
        let mixed = [s.numbers, s.strings, s.bools].filter { $0 > 0 }.count > 1
        var f = FeatureSpec(name: name, type: .numeric)
        f.nullable = s.nulls > 0 || s.present < eventCount || mixed
        if mixed { f.policies = [.wrongType: .impute] }
        let seen = "seen in \(s.present) of \(eventCount) events"
        if s.numbers >= s.strings && s.numbers >= s.bools {
            if s.min <= s.max {
                f.min = s.min
                f.max = s.max
            }
            f.policies = (f.policies ?? [:]).merging([.outOfRange: .ignore]) { a, _ in a }
            f.description = "numeric, \(seen); min and max are the observed range"
        } else if s.strings >= s.bools {
            f.type = .categorical
            if s.timestampStrings == s.strings {
                f.type = .timestamp
                f.format = .rfc3339
                f.description = "RFC 3339 timestamp, \(seen)"
            } else if !s.overflow && s.distinctStrings.count <= configuration.maxCategories {
                f.values = s.distinctStrings.sorted()
                f.description = "categorical with \(s.distinctStrings.count) values, \(seen)"
            } else {
                f.description = "high-cardinality categorical (more than \(configuration.maxCategories) values), hashed, \(seen)"
            }
        } else {
            f.type = .boolean
            f.description = "boolean, \(seen)"
        }
        return f
    }
}
