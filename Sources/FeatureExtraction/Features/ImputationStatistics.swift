import OnlineLearning

/// The running statistics behind `mean` and `mode` imputation: per feature a count and mean of the accepted
/// numeric values, or counts per nominal value (hash bucket, boolean).
///
/// Tables are sized by the dictionary (value-set size, bucket count, 2 for booleans) when the extractor is
/// built and never grow with the stream. They are part of a checkpoint (``BinaryCodable``), so a restored
/// extractor imputes exactly as the original would have.
public struct ImputationStatistics: Sendable, Hashable, BinaryCodable {
    /// Per feature: the number of values seen (only for features imputed by mean).
    public private(set) var counts: [Double]
    /// Per feature: the running mean (only for features imputed by mean).
    public private(set) var means: [Double]
    /// Per feature: counts per nominal value (empty unless the feature is imputed by mode).
    public private(set) var valueCounts: [[Double]]

    /// Creates empty statistics for the features of `layout`, given each feature's imputation.
    init(layout: FeatureLayout, imputations: [Imputation]) {
        counts = Array(repeating: 0, count: layout.entries.count)
        means = counts
        valueCounts = layout.entries.map { entry in
            guard imputations[entry.feature] == .mode else { return [] }
            switch entry.encoding {
            case .nominal(let values, _): return Array(repeating: 0, count: values.count)
            case .hashed(let k): return Array(repeating: 0, count: k)
            case .boolean: return [0, 0]
            case .numeric, .timestamp: return []
            }
        }
    }

    /// Adds an accepted numeric value of feature `f` to its mean.
    @inline(__always) mutating func observe(mean value: Double, feature f: Int) {
        counts[f] += 1
        means[f] += (value - means[f]) / counts[f]
    }

    /// Counts an accepted nominal value index of feature `f`.
    @inline(__always) mutating func observe(value index: Int, feature f: Int) {
        if index >= 0 && index < valueCounts[f].count { valueCounts[f][index] += 1 }
    }

    /// The mean of feature `f`, or `nan` before any value.
    @inline(__always) func mean(_ f: Int) -> Double { counts[f] > 0 ? means[f] : .nan }

    /// The most frequent value index of feature `f` (the first on ties), or `nan` before any value.
    func mode(_ f: Int) -> Double {
        var best = -1
        var bestCount = 0.0
        for (i, c) in valueCounts[f].enumerated() where c > bestCount {
            best = i
            bestCount = c
        }
        return best < 0 ? .nan : Double(best)
    }

    /// The number of entries held, for memory-bound checks.
    public var entryCount: Int { counts.count * 2 + valueCounts.reduce(0) { $0 + $1.count } }

    /// Writes the statistics.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(counts)
        writer.write(means)
        writer.write(valueCounts.count)
        for c in valueCounts { writer.write(c) }
    }

    /// Reads statistics written by ``encode(to:)``.
    /// - Throws: ``ModelFormatError`` when the bytes end early.
    public init(from reader: inout BinaryReader) throws {
        counts = try reader.read()
        means = try reader.read()
        let n = try reader.readCount(minimumElementSize: 8)
        valueCounts = []
        for _ in 0..<n { valueCounts.append(try reader.read()) }
    }
}
