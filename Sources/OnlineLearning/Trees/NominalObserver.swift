/// Per-class counts of the values of one nominal attribute.
///
/// Naive Bayes reads P(value | class) with MOA's Laplace correction, `(count + 1) / (classTotal + k)`, where `k`
/// is the number of values the class has been seen with so far (one past the largest value index observed for it),
/// exactly as MOA's `NominalAttributeClassObserver` computes it. A Hoeffding tree leaf asks for the best split: a
/// multiway split with one branch per value seen, or a binary `x == v` split (Domingos & Hulten, KDD 2000).
public struct NominalObserver: Sendable, Hashable, BinaryCodable {
    /// The number of values of the attribute in the header.
    public let valueCount: Int
    /// The number of classes.
    public let classCount: Int
    /// The weight per (class, value), row-major by class: `counts[class * valueCount + value]`.
    public private(set) var counts: [Double]
    /// The total weight per class.
    public private(set) var classTotals: [Double]
    /// Per class, one past the largest value index observed (0 for a class never seen).
    public private(set) var observedValueCounts: [Int]
    /// The total weight observed, missing values included.
    public private(set) var totalWeight = 0.0
    /// The weight of instances whose value was missing.
    public private(set) var missingWeight = 0.0

    /// Creates an empty observer.
    /// - Parameters:
    ///   - valueCount: The number of values of the attribute.
    ///   - classCount: The number of classes.
    public init(valueCount: Int, classCount: Int) {
        self.valueCount = max(valueCount, 0)
        self.classCount = max(classCount, 0)
        counts = Array(repeating: 0, count: self.valueCount * self.classCount)
        classTotals = Array(repeating: 0, count: self.classCount)
        observedValueCounts = Array(repeating: 0, count: self.classCount)
    }

    /// Records `value` (a value index) for class `label`; a missing or out-of-range value counts as missing.
    /// - Parameters:
    ///   - value: The attribute value as stored in an ``Instance``.
    ///   - label: The class index.
    ///   - weight: The instance weight, positive.
    public mutating func observe(_ value: Double, label: Int, weight: Double) {
        guard label >= 0, label < classCount else { return }
        totalWeight += weight
        guard value.isFinite, value >= 0, value < Double(valueCount) else {
            missingWeight += weight
            return
        }
        let v = Int(value)
        counts[label * valueCount + v] += weight
        classTotals[label] += weight
        if v >= observedValueCounts[label] { observedValueCounts[label] = v + 1 }
    }

    /// P(value | class) with MOA's Laplace correction; 0 for a class never seen with a value.
    /// - Parameters:
    ///   - value: The attribute value; it must be a valid value index.
    ///   - label: The class index.
    public func probability(of value: Int, label: Int) -> Double {
        guard label < classCount else { return 0 }
        let k = observedValueCounts[label]
        guard k > 0 else { return 0 }
        let count = value < k ? counts[label * valueCount + value] : 0
        return (count + 1) / (classTotals[label] + Double(k))
    }

    /// The number of branches a multiway split would have: the largest observed value count over classes.
    public var observedValueCount: Int { observedValueCounts.max() ?? 0 }

    /// The class distributions of a multiway split, one branch per observed value, flattened.
    public func distributionsOfMultiwaySplit() -> [Double] {
        let branches = observedValueCount
        var out = [Double](repeating: 0, count: branches * classCount)
        for c in 0..<classCount {
            for v in 0..<observedValueCounts[c] { out[v * classCount + c] += counts[c * valueCount + v] }
        }
        return out
    }

    /// The class distributions of the binary split `x == value` (left) versus the rest (right), flattened.
    public func distributionsOfBinarySplit(value: Int) -> [Double] {
        var out = [Double](repeating: 0, count: 2 * classCount)
        for c in 0..<classCount {
            for v in 0..<observedValueCounts[c] {
                out[(v == value ? 0 : classCount) + c] += counts[c * valueCount + v]
            }
        }
        return out
    }

    /// The best split of this attribute: the multiway split (unless `binaryOnly`) or a better binary one.
    /// - Parameters:
    ///   - criterion: How splits are scored.
    ///   - preSplit: The node's class distribution.
    ///   - attribute: This attribute's index, recorded in the split test.
    ///   - binaryOnly: Whether only binary splits are allowed (MOA's `-b`).
    public func bestSplit(criterion: SplitCriterion, preSplit: [Double], attribute: Int, binaryOnly: Bool) -> SplitSuggestion? {
        var best: SplitSuggestion?
        let branches = observedValueCount
        if !binaryOnly {
            let post = distributionsOfMultiwaySplit()
            var lengths = [Int](repeating: 0, count: branches)
            for c in 0..<classCount {
                for v in 0..<observedValueCounts[c] { lengths[v] = c + 1 }
            }
            best = SplitSuggestion(test: SplitTest(attribute: attribute, kind: .nominalMultiway),
                                   distributions: post, classCount: classCount,
                                   merit: criterion.merit(preSplit: preSplit, postSplit: post, classCount: classCount),
                                   branchClassCounts: lengths)
        }
        for v in 0..<branches {
            let post = distributionsOfBinarySplit(value: v)
            let merit = criterion.merit(preSplit: preSplit, postSplit: post, classCount: classCount)
            if best == nil || merit > best!.merit {
                var lengths = [0, 0]
                for c in 0..<classCount {
                    let k = observedValueCounts[c]
                    if k > v { lengths[0] = c + 1 }
                    if k >= 2 || (k == 1 && v != 0) { lengths[1] = c + 1 }
                }
                best = SplitSuggestion(test: SplitTest(attribute: attribute, kind: .nominalEquals(v)),
                                       distributions: post, classCount: classCount, merit: merit,
                                       branchClassCounts: lengths)
            }
        }
        return best
    }

    public func encode(to writer: inout BinaryWriter) {
        writer.write(valueCount); writer.write(classCount)
        writer.write(counts); writer.write(classTotals); writer.write(observedValueCounts)
        writer.write(totalWeight); writer.write(missingWeight)
    }

    public init(from reader: inout BinaryReader) throws {
        valueCount = try reader.read(); classCount = try reader.read()
        counts = try reader.read(); classTotals = try reader.read(); observedValueCounts = try reader.read()
        totalWeight = try reader.read(); missingWeight = try reader.read()
        guard valueCount >= 0, classCount >= 0, counts.count == valueCount * classCount,
              classTotals.count == classCount, observedValueCounts.count == classCount,
              observedValueCounts.allSatisfy({ $0 >= 0 && $0 <= valueCount }) else {
            throw ModelFormatError("inconsistent nominal observer", offset: reader.offset)
        }
    }
}
