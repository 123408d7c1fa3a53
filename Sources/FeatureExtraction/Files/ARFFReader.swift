import OnlineLearning

/// Reads a labelled stream from a Weka/MOA ARFF file (`@relation`, `@attribute`, `@data`).
///
/// Supported: `numeric`, `real` and `integer` attributes, nominal attributes `{a, b, 'c d'}`, `?` for a
/// missing value, values quoted with `'` or `"`, `%` comments, keywords in any case. The class is the last
/// attribute unless ``Options/target`` names another, and must be nominal; its labels keep the declared order
/// (so class indices match MOA's). `string`, `date`, relational attributes and sparse rows (`{0 1, 3 x}`) are
/// refused with an error rather than misread.
///
/// A malformed file throws ``FeatureExtractionError`` with `path:line:column`, what was expected and a code
/// (`arff.no_data`, `arff.bad_attribute`, `arff.unsupported_type`, `arff.unknown_target`,
/// `arff.class_not_nominal`, `arff.sparse_unsupported`, `arff.field_count`, `arff.unterminated_quote`,
/// `arff.not_numeric`, `arff.unknown_value`, `file.unreadable`).
public struct ARFFReader: LabeledInstanceSource {
    /// How to read the file.
    public struct Options: Sendable {
        /// The class attribute's name; nil for the last attribute.
        public var target: String?
        /// The read chunk size in bytes. Default 1 MiB.
        public var chunkSize: Int = 1 << 20

        /// Creates options.
        public init(target: String? = nil) { self.target = target }
    }

    /// The file read.
    public let path: String
    /// The options used.
    public let options: Options
    /// The header declared by the file (the class attribute removed from the attributes).
    public let header: Header
    /// The relation's name.
    public let relation: String
    /// The class attribute's position among the declared attributes.
    public let targetColumn: Int
    private let dataLine: Int
    private let declared: [Attribute]
    private let tables: [ValueTable]

    /// Reads and checks the header section.
    /// - Parameters:
    ///   - path: the ARFF file.
    ///   - options: how to read it.
    /// - Throws: ``FeatureExtractionError`` when the file cannot be read or its header is malformed.
    public init(path: String, options: Options = Options()) throws {
        self.path = path
        self.options = options
        var relation = ""
        var declared: [Attribute] = []
        var dataLine = 0
        var fields: [Field] = []
        try FileRecords.forEach(path: path, chunkSize: options.chunkSize) { record, line in
            let text = String(decoding: record, as: UTF8.self).trimmingBlanks
            if text.isEmpty || text.hasPrefix("%") { return true }
            let lower = text.lowercased()
            if lower.hasPrefix("@relation") {
                relation = String(text.dropFirst(9)).trimmingBlanks
            } else if lower.hasPrefix("@attribute") {
                declared.append(try Self.attribute(String(text.dropFirst(10)), fields: &fields, location: "\(path):\(line)"))
            } else if lower.hasPrefix("@data") {
                dataLine = line
                return false
            } else {
                throw FeatureExtractionError(code: "arff.bad_attribute", message: "expected @relation, @attribute or @data, found '\(text.prefix(40))'", location: "\(path):\(line):1")
            }
            return true
        }
        guard dataLine > 0 else {
            throw FeatureExtractionError(code: "arff.no_data", message: "expected an @data line after the @attribute declarations", location: path)
        }
        guard !declared.isEmpty else {
            throw FeatureExtractionError(code: "arff.bad_attribute", message: "expected at least one @attribute (the class)", location: "\(path):\(dataLine)")
        }
        let target: Int
        if let name = options.target {
            guard let t = declared.firstIndex(where: { $0.name == name }) else {
                throw FeatureExtractionError(code: "arff.unknown_target", message: "expected an attribute named '\(name)' for the class; the attributes are \(declared.map(\.name).joined(separator: ", "))", location: path)
            }
            target = t
        } else {
            target = declared.count - 1
        }
        guard case .nominal(let classes) = declared[target].kind else {
            throw FeatureExtractionError(code: "arff.class_not_nominal", message: "expected the class attribute '\(declared[target].name)' to be nominal", location: path)
        }
        var attributes = declared
        attributes.remove(at: target)
        self.header = Header(attributes: attributes, classes: classes)
        self.relation = relation
        self.targetColumn = target
        self.dataLine = dataLine
        self.declared = declared
        self.tables = declared.map { a in
            if case .nominal(let values) = a.kind { return ValueTable(values) }
            return ValueTable()
        }
    }

    /// Parses what follows `@attribute`: a name (quoted or not) and a type.
    private static func attribute(_ rest: String, fields: inout [Field], location: String) throws -> Attribute {
        var s = Substring(rest.trimmingBlanks)
        let name: String
        if let q = s.first, q == "'" || q == "\"" {
            guard let close = s.dropFirst().firstIndex(of: q) else {
                throw FeatureExtractionError(code: "arff.bad_attribute", message: "expected a closing \(q) after the attribute name", location: location)
            }
            name = String(s[s.index(after: s.startIndex)..<close])
            s = s[s.index(after: close)...]
        } else {
            guard let end = s.firstIndex(where: { $0 == " " || $0 == "\t" || $0 == "{" }) else {
                throw FeatureExtractionError(code: "arff.bad_attribute", message: "expected a name and a type after @attribute", location: location)
            }
            name = String(s[..<end])
            s = s[end...]
        }
        let type = String(s).trimmingBlanks
        switch type.lowercased() {
        case "numeric", "real", "integer":
            return .numeric(name)
        case _ where type.hasPrefix("{"):
            guard type.hasSuffix("}") else {
                throw FeatureExtractionError(code: "arff.bad_attribute", message: "expected '}' closing the values of '\(name)'", location: location)
            }
            var inner = Array(type.dropFirst().dropLast().utf8)
            inner.append(0)
            let values: [String] = try inner.withUnsafeBufferPointer { all in
                let b = UnsafeBufferPointer(rebasing: all[0..<(all.count - 1)])
                if let column = FieldScanner.split(b, separator: 44, quotes: (39, 34), into: &fields) {
                    throw FeatureExtractionError(code: "arff.unterminated_quote", message: "expected a closing quote in the values of '\(name)' (column \(column))", location: location)
                }
                return fields.map { FieldScanner.text(b, $0) }
            }
            guard !values.contains(""), Set(values).count == values.count else {
                throw FeatureExtractionError(code: "arff.bad_attribute", message: "expected distinct, non-empty values for '\(name)'", location: location)
            }
            return .nominal(name, values: values)
        default:
            throw FeatureExtractionError(code: "arff.unsupported_type", message: "attribute '\(name)' has type '\(type)'; expected numeric, real, integer or {nominal values}", location: location)
        }
    }

    /// Streams the `@data` rows as instances; see ``LabeledInstanceSource/forEach(_:)``.
    /// - Throws: ``FeatureExtractionError`` for a malformed row.
    public func forEach(_ body: (Instance, Int) throws -> Void) throws {
        var fields: [Field] = []
        var x = Instance(Array(repeating: .nan, count: header.attributeCount))
        let n = declared.count
        try FileRecords.forEach(path: path, chunkSize: options.chunkSize) { record, line in
            guard line > dataLine, !CSVReader.isBlank(record) else { return true }
            var first = 0
            while first < record.count && (record[first] == 32 || record[first] == 9) { first += 1 }
            if record[first] == 37 { return true } // % comment
            if record[first] == 123 {
                throw FeatureExtractionError(code: "arff.sparse_unsupported", message: "sparse rows ({index value, ...}) are not supported; expected \(n) comma-separated values", location: "\(path):\(line):\(first + 1)")
            }
            if let column = FieldScanner.split(record, separator: 44, quotes: (39, 34), into: &fields) {
                throw FeatureExtractionError(code: "arff.unterminated_quote", message: "expected a closing quote for the value opened here", location: "\(path):\(line):\(column)")
            }
            guard fields.count == n else {
                throw FeatureExtractionError(code: "arff.field_count", message: "expected \(n) values as declared, found \(fields.count)", location: "\(path):\(line)")
            }
            var label = -1
            var a = 0
            for c in 0..<n {
                let f = fields[c]
                let isMissing = !f.quoted && f.end - f.start == 1 && record[f.start] == 63
                var value = Double.nan
                if !isMissing {
                    if case .nominal(let values) = declared[c].kind {
                        guard let k = tables[c].lookup(record, f) else {
                            throw FeatureExtractionError(code: "arff.unknown_value", message: "expected one of \(values) for '\(declared[c].name)', found '\(FieldScanner.text(record, f))'", location: "\(path):\(line):\(f.column)")
                        }
                        value = Double(k)
                    } else {
                        guard let v = FieldScanner.number(record, f) else {
                            throw FeatureExtractionError(code: "arff.not_numeric", message: "expected a number for '\(declared[c].name)', found '\(FieldScanner.text(record, f))'", location: "\(path):\(line):\(f.column)")
                        }
                        value = v
                    }
                }
                if c == targetColumn {
                    label = value.isNaN ? -1 : Int(value)
                } else {
                    x.values[a] = value
                    a += 1
                }
            }
            try body(x, label)
            return true
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingBlanks: String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !blank($0) }), let end = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[start...end])
    }
}
