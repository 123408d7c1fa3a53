/// Predicts the label of the most recent training instance (MOA's `functions.NoChange`).
///
/// On streams with temporal dependence (consecutive labels alike) this "persistent" classifier is hard to
/// beat, which is why kappa-temporal measures other learners against it (Žliobaitė et al., "Evaluation methods
/// and decision theory for classification of streaming data with temporal dependence", Machine Learning 2015).
/// It puts all probability on the last label; before any training it returns the uniform distribution.
public struct NoChange: Classifier, Hashable {
    /// The stream schema.
    public let header: Header
    /// The last label learned, or nil before training.
    public private(set) var lastLabel: Int?
    /// The total weight of the instances learned so far.
    public private(set) var trainingWeight: Double = 0

    /// Creates an untrained no-change learner.
    /// - Parameter header: the stream schema.
    public init(header: Header) {
        self.header = header
    }

    /// Remembers `label`; ignores unusable labels and weights.
    /// - Parameters:
    ///   - x: the instance (unused).
    ///   - label: the class index.
    ///   - weight: the instance weight.
    public mutating func learn(_ x: Instance, label: Int, weight: Double) {
        guard accepts(label: label, weight: weight) else { return }
        lastLabel = label
        trainingWeight += weight
    }

    /// Probability 1 on the last label seen, or the uniform distribution before training.
    public func probabilities(for x: Instance) -> [Double] {
        let n = header.classCount
        guard let lastLabel else { return Array(repeating: n == 0 ? 0 : 1 / Double(n), count: n) }
        var p = Array(repeating: 0.0, count: n)
        p[lastLabel] = 1
        return p
    }

    /// The last label seen (0 before training).
    public func predict(_ x: Instance) -> Int { lastLabel ?? 0 }

    public func encode(to writer: inout BinaryWriter) {
        writer.write(header)
        writer.write(lastLabel ?? -1)
        writer.write(trainingWeight)
    }

    public init(from reader: inout BinaryReader) throws {
        header = try reader.read(Header.self)
        let start = reader.offset
        let label = try reader.read(Int.self)
        guard label >= -1, label < header.classCount else {
            throw ModelFormatError("label \(label) outside the header's classes", offset: start)
        }
        lastLabel = label < 0 ? nil : label
        trainingWeight = try reader.read(Double.self)
    }
}
