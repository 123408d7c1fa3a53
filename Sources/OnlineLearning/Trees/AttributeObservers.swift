/// The attribute observers of one model or tree leaf: a ``GaussianNumericObserver`` per numeric attribute and a
/// ``NominalObserver`` per nominal one, created on the first instance learned (as MOA's learning nodes do).
///
/// It gives naive Bayes its class votes (MOA's `NaiveBayes.doNaiveBayesPrediction`, kept operation for
/// operation so predictions agree with MOA's) and a Hoeffding tree leaf its split candidates. Observers live in
/// two dense arrays indexed by attribute, so learning one instance touches no dictionary and allocates nothing.
public struct AttributeObservers: Sendable, Hashable, BinaryCodable {
    /// Numeric observers by attribute index (nil for nominal, disabled or unobserved attributes).
    public private(set) var numeric: [GaussianNumericObserver?] = []
    /// Nominal observers by attribute index (nil for numeric, disabled or unobserved attributes).
    public private(set) var nominal: [NominalObserver?] = []
    /// Attributes switched off by poor-attribute removal; empty when none ever was.
    public private(set) var disabled: [Bool] = []
    /// Whether the observers have been created (on the first instance).
    public private(set) var isInitialized = false

    /// Creates observers that are set up on the first instance.
    public init() {}

    /// Records one labelled instance in the observers of `attributes` (all when nil).
    /// - Parameters:
    ///   - x: The instance.
    ///   - label: The class index, inside the schema's class count.
    ///   - weight: The instance weight, positive.
    ///   - schema: The stream's attribute layout.
    ///   - attributes: The attribute subset this leaf watches (adaptive random forests), or nil for all.
    public mutating func observe(_ x: Instance, label: Int, weight: Double, schema: ObserverSchema, attributes: [Int]? = nil) {
        if !isInitialized { initialize(schema: schema, attributes: attributes) }
        let count = schema.valueCounts.count
        x.values.withUnsafeBufferPointer { values in
            if schema.hasNumeric {
                numeric.withUnsafeMutableBufferPointer { obs in
                    // Optional chaining updates the observer in place; binding it would copy (retain) its arrays.
                    for a in 0..<count {
                        obs[a]?.observe(a < values.count ? values[a] : .nan, label: label, weight: weight)
                    }
                }
            }
            if schema.hasNominal {
                nominal.withUnsafeMutableBufferPointer { obs in
                    // Optional chaining updates the observer in place; binding it would copy (retain) its arrays.
                    for a in 0..<count {
                        obs[a]?.observe(a < values.count ? values[a] : .nan, label: label, weight: weight)
                    }
                }
            }
        }
    }

    mutating func initialize(schema: ObserverSchema, attributes: [Int]?) {
        isInitialized = true
        let n = schema.valueCounts.count
        if schema.hasNumeric { numeric = Array(repeating: nil, count: n) }
        if schema.hasNominal { nominal = Array(repeating: nil, count: n) }
        for a in attributes ?? Array(0..<n) where a >= 0 && a < n && !isDisabled(a) {
            let k = schema.valueCounts[a]
            if k < 0 {
                numeric[a] = GaussianNumericObserver(classCount: schema.classCount)
            } else {
                nominal[a] = NominalObserver(valueCount: k, classCount: schema.classCount)
            }
        }
    }

    /// Whether attribute `a` was switched off.
    public func isDisabled(_ a: Int) -> Bool { a < disabled.count && disabled[a] }

    /// Switches attribute `a` off: its observer is dropped and never recreated (MOA's `disableAttribute`).
    public mutating func disable(_ a: Int, schema: ObserverSchema) {
        guard a >= 0, a < schema.valueCounts.count else { return }
        if disabled.isEmpty { disabled = Array(repeating: false, count: schema.valueCounts.count) }
        disabled[a] = true
        if a < numeric.count { numeric[a] = nil }
        if a < nominal.count { nominal[a] = nil }
    }

    /// Writes MOA's naive Bayes votes for `x` into `votes` (one per class): the class prior times the product of
    /// P(x_a | class) over the observed, present attributes. The votes are not normalised.
    /// - Parameters:
    ///   - x: The instance.
    ///   - classDistribution: The class weights seen (the prior).
    ///   - observedClasses: How many leading classes the prior covers (MOA's vector length); later votes are 0.
    ///   - schema: The stream's attribute layout.
    ///   - votes: Where the votes go.
    public func naiveBayesVotes(
        _ x: Instance, classDistribution: [Double], observedClasses: Int, schema: ObserverSchema,
        into votes: UnsafeMutableBufferPointer<Double>
    ) {
        var total = 0.0
        for w in classDistribution { total += w }
        let classCount = min(votes.count, classDistribution.count, observedClasses)
        for c in 0..<classCount { votes[c] = classDistribution[c] / total }
        for c in classCount..<votes.count { votes[c] = 0 }
        guard isInitialized else { return }
        let count = schema.valueCounts.count
        x.values.withUnsafeBufferPointer { values in
            let present = min(count, values.count)
            // MOA multiplies each class's vote attribute by attribute in index order; looping over attributes
            // outside and classes inside keeps that order (and the rounding) while reading each observer once.
            for a in 0..<present {
                let v = values[a]
                let k = schema.valueCounts[a]
                if k < 0 {
                    guard !v.isNaN, a < numeric.count else { continue }
                    numeric.withUnsafeBufferPointer { observers in
                        for c in 0..<classCount {
                            if let p = observers[a]?.density(of: v, label: c) { votes[c] *= p }
                        }
                    }
                } else {
                    guard v.isFinite, v >= 0, v < Double(k), a < nominal.count else { continue }
                    nominal.withUnsafeBufferPointer { observers in
                        for c in 0..<classCount {
                            if let p = observers[a]?.probability(of: Int(v), label: c) { votes[c] *= p }
                        }
                    }
                }
            }
        }
    }

    /// Each observed attribute's best split, in attribute order.
    /// - Parameters:
    ///   - criterion: How splits are scored.
    ///   - preSplit: The leaf's class distribution.
    ///   - schema: The stream's attribute layout.
    ///   - numBins: Candidate thresholds per numeric attribute.
    ///   - binaryOnly: Whether nominal attributes may only split in two.
    public func bestSplits(criterion: SplitCriterion, preSplit: [Double], schema: ObserverSchema,
                           numBins: Int, binaryOnly: Bool) -> [SplitSuggestion] {
        var out: [SplitSuggestion] = []
        for a in 0..<schema.valueCounts.count {
            if a < numeric.count, let o = numeric[a],
               let s = o.bestSplit(criterion: criterion, preSplit: preSplit, attribute: a, numBins: numBins) {
                out.append(s)
            } else if a < nominal.count, let o = nominal[a],
                      let s = o.bestSplit(criterion: criterion, preSplit: preSplit, attribute: a, binaryOnly: binaryOnly) {
                out.append(s)
            }
        }
        return out
    }

    /// An estimate of the heap bytes the observers hold (array storage and headers).
    public var byteSize: Int {
        var size = 0
        if !numeric.isEmpty { size += arrayBytes(numeric.count, MemoryLayout<GaussianNumericObserver?>.stride) }
        if !nominal.isEmpty { size += arrayBytes(nominal.count, MemoryLayout<NominalObserver?>.stride) }
        if !disabled.isEmpty { size += arrayBytes(disabled.count, 1) }
        for case let o? in numeric { size += arrayBytes(o.classes.count, MemoryLayout<GaussianNumericObserver.ClassSummary>.stride) }
        for case let o? in nominal {
            size += arrayBytes(o.counts.count, 8) + arrayBytes(o.classTotals.count, 8) + arrayBytes(o.observedValueCounts.count, 8)
        }
        return size
    }

    public func encode(to writer: inout BinaryWriter) {
        writer.write(isInitialized)
        writer.write(numeric.count)
        for o in numeric { writer.write(o) }
        writer.write(nominal.count)
        for o in nominal { writer.write(o) }
        writer.write(disabled.count)
        for d in disabled { writer.write(d) }
    }

    public init(from reader: inout BinaryReader) throws {
        isInitialized = try reader.read()
        let n = try reader.readCount()
        for _ in 0..<n { numeric.append(try reader.read(GaussianNumericObserver?.self)) }
        let m = try reader.readCount()
        for _ in 0..<m { nominal.append(try reader.read(NominalObserver?.self)) }
        let d = try reader.readCount()
        for _ in 0..<d { disabled.append(try reader.read(Bool.self)) }
    }

    /// Checks that the observers fit `schema` (after decoding).
    /// - Throws: ``ModelFormatError`` when an observer's shape disagrees with the schema.
    func validate(schema: ObserverSchema, offset: Int) throws {
        let n = schema.valueCounts.count
        guard numeric.isEmpty || numeric.count == n, nominal.isEmpty || nominal.count == n,
              disabled.isEmpty || disabled.count == n else {
            throw ModelFormatError("observer count does not match the header", offset: offset)
        }
        for (a, o) in numeric.enumerated() where o != nil {
            guard schema.valueCounts[a] < 0, o!.classes.count == schema.classCount else {
                throw ModelFormatError("numeric observer does not match attribute \(a)", offset: offset)
            }
        }
        for (a, o) in nominal.enumerated() where o != nil {
            guard schema.valueCounts[a] == o!.valueCount, o!.classCount == schema.classCount else {
                throw ModelFormatError("nominal observer does not match attribute \(a)", offset: offset)
            }
        }
    }
}

/// The heap footprint of an array of `count` elements of `stride` bytes: 32 bytes of header plus the storage.
func arrayBytes(_ count: Int, _ stride: Int) -> Int { 32 + count * stride }

/// The attribute layout observers need, computed once from a ``Header``: each attribute's number of nominal
/// values (-1 for numeric attributes) and the class count.
public struct ObserverSchema: Sendable, Hashable {
    /// Per attribute, the number of nominal values, or -1 for a numeric attribute.
    public let valueCounts: [Int]
    /// The number of classes.
    public let classCount: Int
    /// Whether any attribute is numeric.
    public let hasNumeric: Bool
    /// Whether any attribute is nominal.
    public let hasNominal: Bool

    /// Derives the layout of `header`.
    public init(_ header: Header) {
        valueCounts = header.attributes.map { $0.isNominal ? $0.valueCount : -1 }
        classCount = header.classCount
        hasNumeric = valueCounts.contains { $0 < 0 }
        hasNominal = valueCounts.contains { $0 >= 0 }
    }
}
