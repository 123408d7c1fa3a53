extension DataDictionary {
    /// Checks what JSON decoding cannot: unique names, consistent types, ranges, defaults and policies.
    /// - Parameter source: What to call the input in errors.
    /// - Throws: ``FeatureExtractionError`` with code `invalid_dictionary`, naming the JSON path and what was
    ///   expected.
    public func check(source: String = "data dictionary") throws(FeatureExtractionError) {
        func fail(_ path: String, _ message: String) -> FeatureExtractionError {
            FeatureExtractionError(code: "invalid_dictionary", message: message, location: "\(source): \(path)")
        }
        guard version == 1 else { throw fail("$.version", "expected format version 1, found \(version)") }
        guard !features.isEmpty else { throw fail("$.features", "expected at least one feature") }
        try checkLimits(fail)
        try checkPolicies(policies, path: "$.policies", fail)

        var names: [String: String] = [:]
        for (i, f) in features.enumerated() {
            let path = "$.features[\(i)]"
            guard !f.name.isEmpty else { throw fail("\(path).name", "expected a non-empty field name") }
            if let other = names[f.name] {
                throw fail("\(path).name", "the field '\(f.name)' is already declared at \(other)")
            }
            names[f.name] = "\(path).name"
            try check(feature: f, path: path, fail)
        }
        for (role, field, path) in [("id", idField, "$.idField"), ("label", label?.field, "$.label.field")] {
            guard let field else { continue }
            guard !field.isEmpty else { throw fail(path, "expected a non-empty \(role) field name") }
            if let other = names[field] { throw fail(path, "the \(role) field '\(field)' is already declared at \(other)") }
            names[field] = path
        }
        if let timeField {
            if let i = features.firstIndex(where: { $0.name == timeField }) {
                // The event time may double as a timestamp feature, decoded once.
                guard features[i].type == .timestamp else {
                    throw fail("$.timeField", "the time field '\(timeField)' is declared as a \(features[i].type.rawValue) feature; expected a timestamp feature or a field of its own")
                }
                guard (features[i].format ?? .rfc3339) == (timeFormat ?? .rfc3339) else {
                    throw fail("$.timeFormat", "the time field '\(timeField)' is a feature with format \((features[i].format ?? .rfc3339).rawValue); expected the same timeFormat")
                }
            } else if let other = names[timeField] {
                throw fail("$.timeField", "the time field '\(timeField)' is already declared at \(other)")
            }
        } else if timeFormat != nil {
            throw fail("$.timeFormat", "a time format needs a timeField")
        }
        if let label {
            guard !label.classes.isEmpty else { throw fail("$.label.classes", "expected at least one class") }
            if let d = firstDuplicate(label.classes) { throw fail("$.label.classes", "the class '\(d)' is listed twice") }
        }
    }

    private func checkLimits(_ fail: (String, String) -> FeatureExtractionError) throws(FeatureExtractionError) {
        let checks: [(String, Int, ClosedRange<Int>)] = [
            ("maxPayloadBytes", limits.maxPayloadBytes, 1...67_108_864), ("maxDepth", limits.maxDepth, 1...1000),
            ("maxIDBytes", limits.maxIDBytes, 1...65_536), ("hashBuckets", limits.hashBuckets, 2...65_536),
            ("maxNominalValues", limits.maxNominalValues, 2...65_536),
        ]
        for (name, value, range) in checks where !range.contains(value) {
            throw fail("$.limits.\(name)", "expected an integer in \(range.lowerBound)...\(range.upperBound), found \(value)")
        }
    }

    private func checkPolicies(
        _ table: [ReasonCode: ValidationPolicy], path: String,
        _ fail: (String, String) -> FeatureExtractionError
    ) throws(FeatureExtractionError) {
        for (reason, policy) in table.sorted(by: { $0.key.ordinal < $1.key.ordinal }) {
            let allowed = reason.allowedPolicies
            guard allowed.contains(policy) else {
                throw fail("\(path).\(reason.rawValue)", "the policy '\(policy.rawValue)' does not apply to \(reason.rawValue); expected one of \(allowed.map(\.rawValue).joined(separator: ", "))")
            }
        }
    }

    private func check(feature f: FeatureSpec, path: String, _ fail: (String, String) -> FeatureExtractionError) throws(FeatureExtractionError) {
        if f.min != nil || f.max != nil {
            guard f.type == .numeric else { throw fail("\(path).min", "min and max apply to numeric features only, not \(f.type.rawValue)") }
            if let lo = f.min, let hi = f.max, !(lo <= hi) { throw fail("\(path).max", "expected max ≥ min (\(lo)), found \(hi)") }
        }
        if let values = f.values {
            guard f.type == .categorical else { throw fail("\(path).values", "a value set applies to categorical features only, not \(f.type.rawValue)") }
            guard !values.isEmpty else { throw fail("\(path).values", "expected at least one value") }
            if let d = firstDuplicate(values) { throw fail("\(path).values", "the value '\(d)' is listed twice") }
        }
        if let k = f.hashBuckets {
            guard f.type == .categorical else { throw fail("\(path).hashBuckets", "hash buckets apply to categorical features only") }
            guard (2...65_536).contains(k) else { throw fail("\(path).hashBuckets", "expected an integer in 2...65536, found \(k)") }
        }
        if f.format != nil, f.type != .timestamp {
            throw fail("\(path).format", "a timestamp format applies to timestamp features only, not \(f.type.rawValue)")
        }
        switch (f.imputation, f.type) {
        case (.mean, let t) where t != .numeric:
            throw fail("\(path).imputation", "mean imputation needs a numeric feature; expected missing, default or mode")
        case (.mode, let t) where t != .categorical && t != .boolean:
            throw fail("\(path).imputation", "mode imputation needs a categorical or boolean feature; expected missing, default or mean")
        case (.default, .timestamp):
            throw fail("\(path).imputation", "timestamps cannot be imputed with a default; expected missing")
        case (.default, _):
            try checkDefault(f, path: path, fail)
        default:
            break
        }
        if let table = f.policies {
            try checkPolicies(table, path: "\(path).policies", fail)
            if table[.unseenCategory] == .other, f.type != .categorical {
                throw fail("\(path).policies.unseen_category", "mapping to other applies to categorical features only")
            }
        }
    }

    private func checkDefault(_ f: FeatureSpec, path: String, _ fail: (String, String) -> FeatureExtractionError) throws(FeatureExtractionError) {
        let p = "\(path).default"
        switch (f.type, f.default) {
        case (_, nil):
            throw fail(p, "imputation 'default' needs a default value")
        case (.numeric, .number(let v)?):
            guard v.isFinite, v >= (f.min ?? -.infinity), v <= (f.max ?? .infinity) else {
                throw fail(p, "expected a finite number inside [min, max], found \(v)")
            }
        case (.categorical, .string(let s)?):
            if let values = f.values, !values.contains(s) {
                throw fail(p, "expected one of the feature's values, found \"\(s)\"")
            }
        case (.boolean, .bool?):
            break
        case (let t, let v?):
            throw fail(p, "expected a default of the feature's type (\(t.rawValue)), found \(v)")
        }
    }

    private func firstDuplicate(_ values: [String]) -> String? {
        var seen = Set<String>()
        for v in values where !seen.insert(v).inserted { return v }
        return nil
    }
}
