import OnlineLearning

/// A labelled stream read from a file: its header, then its instances in order.
///
/// The readers (``CSVReader``, ``ARFFReader``) work out the header when they are created and stream the
/// instances on each ``forEach(_:)``, one chunk of the file at a time, so a file need not fit in memory twice.
public protocol LabeledInstanceSource {
    /// The schema of the stream: attributes in instance order, and the class labels.
    var header: Header { get }

    /// Calls `body` with every instance and its class index, in file order; the label is −1 when the class
    /// value is missing (`?` or empty). The instance passed is reused between calls: keep a copy, not a
    /// reference (value semantics make a stored copy safe).
    /// - Throws: ``FeatureExtractionError`` for malformed data; whatever `body` throws.
    func forEach(_ body: (Instance, Int) throws -> Void) throws
}

/// A labelled stream held in memory.
public struct LabeledDataset: Sendable {
    /// The schema.
    public var header: Header
    /// The instances, in file order.
    public var instances: [Instance]
    /// The class index of each instance (−1 when missing).
    public var labels: [Int]

    /// Creates a dataset.
    public init(header: Header, instances: [Instance], labels: [Int]) {
        self.header = header
        self.instances = instances
        self.labels = labels
    }
}

extension LabeledInstanceSource {
    /// Reads every instance into memory.
    /// - Throws: ``FeatureExtractionError`` for malformed data.
    public func readAll() throws -> LabeledDataset {
        var instances: [Instance] = []
        var labels: [Int] = []
        try forEach { x, y in
            instances.append(x)
            labels.append(y)
        }
        return LabeledDataset(header: header, instances: instances, labels: labels)
    }
}

/// The file formats Eddy reads labelled streams from.
public enum TabularFormat: String, Sendable, CaseIterable {
    /// Comma-separated values with a header row.
    case csv
    /// Weka's Attribute-Relation File Format.
    case arff

    /// The format a file name's extension implies (`.csv`, `.arff`, case-insensitive), if any.
    public init?(path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { self = .csv } else if lower.hasSuffix(".arff") { self = .arff } else { return nil }
    }
}

/// Sorts labels numerically when every one is a number, else by their text (byte order).
func sortedLabels(_ labels: [String]) -> [String] {
    let numbers = labels.map { Double($0) }
    if numbers.allSatisfy({ $0 != nil }) {
        return zip(labels, numbers).sorted { ($0.1!, $0.0) < ($1.1!, $1.0) }.map(\.0)
    }
    return labels.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
}

/// Maps the bytes of nominal values to their indices without building a string for values already seen.
struct ValueTable {
    private(set) var values: [String] = []
    private var bytes: [[UInt8]] = []
    private var index: [String: Int] = [:]

    init(_ values: [String] = []) { for v in values { _ = insert(v) } }

    /// The index of `field`'s value, or nil when it is not in the table.
    func lookup(_ record: UnsafeBufferPointer<UInt8>, _ f: Field) -> Int? {
        let n = f.end - f.start
        if bytes.count <= 16 && !f.quoted {
            outer: for (k, b) in bytes.enumerated() where b.count == n {
                for j in 0..<n where b[j] != record[f.start + j] { continue outer }
                return k
            }
            return nil
        }
        return index[FieldScanner.text(record, f)]
    }

    /// Adds `value` if new; returns its index.
    mutating func insert(_ value: String) -> Int {
        if let k = index[value] { return k }
        values.append(value)
        bytes.append(Array(value.utf8))
        index[value] = values.count - 1
        return values.count - 1
    }
}
