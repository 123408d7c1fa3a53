import OnlineLearning

/// How one declared feature becomes attribute values: the dictionary's type resolved against its limits.
public enum FeatureEncoding: Sendable, Hashable {
    /// One numeric attribute holding the value.
    case numeric
    /// One nominal attribute over `values`; `otherIndex` is the value unseen categories map to, if any.
    case nominal(values: [String], otherIndex: Int?)
    /// One nominal attribute over `buckets` hash buckets (`h0`, `h1`, …): the hashing trick (Weinberger et
    /// al., "Feature hashing for large scale multitask learning", ICML 2009) with a stable FNV-1a hash, so
    /// memory stays bounded however many distinct values the stream sends.
    case hashed(buckets: Int)
    /// One nominal attribute over `false`, `true`.
    case boolean
    /// Two numeric attributes: hour of day `[0, 24)` and weekday (0 = Monday … 6 = Sunday), both in UTC.
    case timestamp(TimestampFormat)

    /// The number of attributes the encoding produces (without a missing indicator).
    public var width: Int {
        if case .timestamp = self { return 2 }
        return 1
    }
}

/// Where each declared feature lands in the instance: the layout behind ``DataDictionary/header``.
public struct FeatureLayout: Sendable, Hashable {
    /// One feature's placement.
    public struct Entry: Sendable, Hashable {
        /// The feature's index in the dictionary.
        public var feature: Int
        /// How it is encoded.
        public var encoding: FeatureEncoding
        /// The first attribute it writes.
        public var column: Int
        /// The attribute of its missing indicator, if it has one.
        public var indicatorColumn: Int?
    }

    /// One entry per declared feature, in dictionary order.
    public let entries: [Entry]
    /// The attributes of the extracted instances.
    public let attributes: [Attribute]

    /// Lays out the features of `dictionary`.
    ///
    /// Order is stable: each feature in dictionary order, its attribute(s) (`name`, or `name.hour` and
    /// `name.weekday`) followed by `name.missing` when it has a missing indicator. A categorical becomes
    /// nominal over its value set (plus `other` when unseen values map to it and the set lacks one) unless it
    /// has no set, declares `hashBuckets`, or its set is larger than `limits.maxNominalValues`; then it is
    /// hashed.
    public init(_ dictionary: DataDictionary) {
        var entries: [Entry] = []
        var attributes: [Attribute] = []
        for (i, f) in dictionary.features.enumerated() {
            let encoding: FeatureEncoding
            switch f.type {
            case .numeric:
                encoding = .numeric
            case .boolean:
                encoding = .boolean
            case .timestamp:
                encoding = .timestamp(f.format ?? .rfc3339)
            case .categorical:
                if let values = f.values, f.hashBuckets == nil, values.count <= dictionary.limits.maxNominalValues {
                    if dictionary.policy(for: .unseenCategory, feature: i) == .other {
                        if let o = values.firstIndex(of: "other") {
                            encoding = .nominal(values: values, otherIndex: o)
                        } else {
                            encoding = .nominal(values: values + ["other"], otherIndex: values.count)
                        }
                    } else {
                        encoding = .nominal(values: values, otherIndex: nil)
                    }
                } else {
                    encoding = .hashed(buckets: f.hashBuckets ?? dictionary.limits.hashBuckets)
                }
            }
            let column = attributes.count
            switch encoding {
            case .numeric: attributes.append(.numeric(f.name))
            case .nominal(let values, _): attributes.append(.nominal(f.name, values: values))
            case .hashed(let k): attributes.append(.nominal(f.name, values: (0..<k).map { "h\($0)" }))
            case .boolean: attributes.append(.nominal(f.name, values: ["false", "true"]))
            case .timestamp:
                attributes.append(.numeric(f.name + ".hour"))
                attributes.append(.numeric(f.name + ".weekday"))
            }
            var indicator: Int?
            if f.missingIndicator {
                indicator = attributes.count
                attributes.append(.nominal(f.name + ".missing", values: ["false", "true"]))
            }
            entries.append(Entry(feature: i, encoding: encoding, column: column, indicatorColumn: indicator))
        }
        self.entries = entries
        self.attributes = attributes
    }
}

extension DataDictionary {
    /// The layout of the extracted features.
    public var layout: FeatureLayout { FeatureLayout(self) }

    /// The OnlineLearning header of the extracted instances: the layout's attributes and the label's classes
    /// (none when the dictionary has no label).
    public var header: Header { Header(attributes: layout.attributes, classes: label?.classes ?? []) }
}
