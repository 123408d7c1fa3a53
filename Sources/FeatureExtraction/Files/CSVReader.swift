import OnlineLearning

/// Reads a labelled stream from a CSV file with a header row, parsing bytes directly for speed.
///
/// **Columns.** The first record names the columns. The class is the last column unless
/// ``Options/target`` names another. Every other column becomes an attribute, in file order.
///
/// **Types.** A first pass over the file (or its first ``Options/inferenceRows`` rows) decides each column's
/// type: numeric when every present value is a decimal number, nominal otherwise. A nominal attribute's
/// values and the class labels are sorted (numerically when all are numbers, else by text) so the header does
/// not depend on row order; for SEA this gives `groupA, groupB`, the order of MOA's ARFF header. Declaring
/// ``Options/classes`` fixes the class order instead (and makes an undeclared class an error).
///
/// **Missing values.** An empty field or `?` (``Options/missingValues``) is missing: `nan` for an attribute,
/// label −1 for the class. With a limited inference sample, a nominal value first seen later reads as missing.
///
/// **Errors.** A malformed file never crashes the reader: it throws ``FeatureExtractionError`` with
/// `path:line:column`, what was expected and a code (`csv.empty`, `csv.field_count`, `csv.unterminated_quote`,
/// `csv.not_numeric`, `csv.unknown_target`, `csv.unknown_class`, `file.unreadable`).
public struct CSVReader: LabeledInstanceSource {
    /// How to read the file.
    public struct Options: Sendable {
        /// The class column's name; nil for the last column.
        public var target: String?
        /// The class labels in index order; nil to take the sorted distinct values of the class column.
        public var classes: [String]?
        /// The field separator (ASCII). Default `,`.
        public var separator: UInt8 = UInt8(ascii: ",")
        /// Field contents that mean "missing". Default empty and `?`.
        public var missingValues: Set<String> = ["", "?"]
        /// How many data rows the type inference reads; nil (the default) for all of them.
        public var inferenceRows: Int?
        /// The read chunk size in bytes. Default 1 MiB.
        public var chunkSize: Int = 1 << 20

        /// Creates options with the defaults above.
        public init(target: String? = nil, classes: [String]? = nil) {
            self.target = target
            self.classes = classes
        }
    }

    /// The file read.
    public let path: String
    /// The options used.
    public let options: Options
    /// The header inferred from the file.
    public let header: Header
    /// The class column's index in the file.
    public let targetColumn: Int
    private let columnCount: Int
    /// For each file column, the attribute it fills (−1 for the class column).
    private let attributeOfColumn: [Int]
    private let nominal: [Bool]
    private let tables: [ValueTable]
    private let classTable: ValueTable
    private let missing: [[UInt8]]

    /// Reads the header row and infers the column types.
    /// - Parameters:
    ///   - path: the CSV file.
    ///   - options: how to read it.
    /// - Throws: ``FeatureExtractionError`` when the file cannot be read or is malformed.
    public init(path: String, options: Options = Options()) throws {
        self.path = path
        self.options = options
        missing = options.missingValues.map { Array($0.utf8) }
        let separator = options.separator
        var fields: [Field] = []
        var names: [String] = []
        var numericCandidate: [Bool] = []
        var flippedLate: [Bool] = []
        var tables: [ValueTable] = []
        var classTable = ValueTable(options.classes ?? [])
        var target = -1
        var rows = 0
        let missing = self.missing
        func location(_ line: Int, _ column: Int? = nil) -> String { "\(path):\(line)" + (column.map { ":\($0)" } ?? "") }

        try FileRecords.forEach(path: path, quote: 34, chunkSize: options.chunkSize) { record, line in
            if Self.isBlank(record) { return true }
            if let column = FieldScanner.split(record, separator: separator, quotes: (34, 34), into: &fields) {
                throw FeatureExtractionError(code: "csv.unterminated_quote", message: "expected a closing quote for the field opened here", location: location(line, column))
            }
            if names.isEmpty {
                names = fields.map { FieldScanner.text(record, $0) }
                if let first = names.first, first.hasPrefix("\u{FEFF}") { names[0] = String(first.dropFirst()) } // UTF-8 byte-order mark
                if let name = options.target {
                    guard let t = names.firstIndex(of: name) else {
                        throw FeatureExtractionError(code: "csv.unknown_target", message: "expected a column named '\(name)' for the class; the columns are \(names.joined(separator: ", "))", location: location(line))
                    }
                    target = t
                } else {
                    target = names.count - 1
                }
                numericCandidate = Array(repeating: true, count: names.count)
                flippedLate = Array(repeating: false, count: names.count)
                tables = Array(repeating: ValueTable(), count: names.count)
                return true
            }
            guard fields.count == names.count else {
                throw FeatureExtractionError(code: "csv.field_count", message: "expected \(names.count) fields as in the header, found \(fields.count)", location: location(line))
            }
            for (c, f) in fields.enumerated() where !Self.isMissing(record, f, missing) {
                if c == target {
                    if classTable.lookup(record, f) == nil {
                        guard options.classes == nil else {
                            throw FeatureExtractionError(code: "csv.unknown_class", message: "expected one of the declared classes \(options.classes!), found '\(FieldScanner.text(record, f))'", location: location(line, f.column))
                        }
                        _ = classTable.insert(FieldScanner.text(record, f))
                    }
                } else if numericCandidate[c] {
                    if FieldScanner.scan(record, f) == nil {
                        numericCandidate[c] = false
                        flippedLate[c] = rows > 0
                        _ = tables[c].insert(FieldScanner.text(record, f))
                    }
                } else if tables[c].lookup(record, f) == nil {
                    _ = tables[c].insert(FieldScanner.text(record, f))
                }
            }
            rows += 1
            return options.inferenceRows.map { rows < $0 } ?? true
        }
        guard !names.isEmpty else {
            throw FeatureExtractionError(code: "csv.empty", message: "expected a header row naming the columns", location: path)
        }
        // A column found to be nominal after some rows still needs the values of those earlier rows.
        if flippedLate.contains(true) {
            var seen = 0
            var headerDone = false
            try FileRecords.forEach(path: path, quote: 34, chunkSize: options.chunkSize) { record, _ in
                if Self.isBlank(record) { return true }
                _ = FieldScanner.split(record, separator: separator, quotes: (34, 34), into: &fields)
                if !headerDone { headerDone = true; return true }
                for (c, f) in fields.enumerated() where flippedLate[c] && !Self.isMissing(record, f, missing) {
                    if tables[c].lookup(record, f) == nil { _ = tables[c].insert(FieldScanner.text(record, f)) }
                }
                seen += 1
                return seen < rows
            }
        }
        var attributes: [Attribute] = []
        var attributeOfColumn: [Int] = []
        for c in names.indices {
            if c == target {
                attributeOfColumn.append(-1)
                continue
            }
            attributeOfColumn.append(attributes.count)
            if numericCandidate[c] {
                attributes.append(.numeric(names[c]))
            } else {
                let values = sortedLabels(tables[c].values)
                tables[c] = ValueTable(values)
                attributes.append(.nominal(names[c], values: values))
            }
        }
        let classes = options.classes ?? sortedLabels(classTable.values)
        self.classTable = ValueTable(classes)
        self.tables = tables
        self.nominal = numericCandidate.map { !$0 }
        self.attributeOfColumn = attributeOfColumn
        self.targetColumn = target
        self.columnCount = names.count
        self.header = Header(attributes: attributes, classes: classes)
    }

    static func isBlank(_ record: UnsafeBufferPointer<UInt8>) -> Bool {
        record.allSatisfy { $0 == 32 || $0 == 9 }
    }

    @inline(__always)
    static func isMissing(_ record: UnsafeBufferPointer<UInt8>, _ f: Field, _ missing: [[UInt8]]) -> Bool {
        let n = f.end - f.start
        if n > 1 { return missing.contains { $0.count == n && $0.elementsEqual(record[f.start..<f.end]) } }
        if n == 0 { return missing.contains { $0.isEmpty } }
        return missing.contains { $0.count == 1 && $0[0] == record[f.start] }
    }

    /// Streams the data rows as instances; see ``LabeledInstanceSource/forEach(_:)``.
    /// - Throws: ``FeatureExtractionError`` for a malformed row.
    public func forEach(_ body: (Instance, Int) throws -> Void) throws {
        var fields: [Field] = []
        var x = Instance(Array(repeating: .nan, count: header.attributeCount))
        var headerDone = false
        let separator = options.separator
        try FileRecords.forEach(path: path, quote: 34, chunkSize: options.chunkSize) { record, line in
            if Self.isBlank(record) { return true }
            if let column = FieldScanner.split(record, separator: separator, quotes: (34, 34), into: &fields) {
                throw FeatureExtractionError(code: "csv.unterminated_quote", message: "expected a closing quote for the field opened here", location: "\(path):\(line):\(column)")
            }
            if !headerDone { headerDone = true; return true }
            guard fields.count == columnCount else {
                throw FeatureExtractionError(code: "csv.field_count", message: "expected \(columnCount) fields as in the header, found \(fields.count)", location: "\(path):\(line)")
            }
            var label = -1
            for c in 0..<columnCount {
                let f = fields[c]
                let a = attributeOfColumn[c]
                let isMissing = Self.isMissing(record, f, missing)
                if a < 0 {
                    guard !isMissing else { continue }
                    guard let k = classTable.lookup(record, f) else {
                        throw FeatureExtractionError(code: "csv.unknown_class", message: "expected one of the classes \(header.classes), found '\(FieldScanner.text(record, f))'", location: "\(path):\(line):\(f.column)")
                    }
                    label = k
                } else if isMissing {
                    x.values[a] = .nan
                } else if nominal[c] {
                    x.values[a] = tables[c].lookup(record, f).map(Double.init) ?? .nan
                } else {
                    guard let v = FieldScanner.number(record, f) else {
                        throw FeatureExtractionError(code: "csv.not_numeric", message: "expected a number in numeric column '\(header.attributes[a].name)', found '\(FieldScanner.text(record, f))'", location: "\(path):\(line):\(f.column)")
                    }
                    x.values[a] = v
                }
            }
            try body(x, label)
            return true
        }
    }
}
