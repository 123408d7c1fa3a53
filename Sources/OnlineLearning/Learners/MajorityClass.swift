/// Predicts the class with the largest total weight seen so far (MOA's `functions.MajorityClass`).
///
/// The simplest baseline and one of Eddy's backups: it answers when the real model cannot, and kappa-M
/// measures every other learner against it (Bifet et al., "Efficient online evaluation of big data stream
/// classifiers", KDD 2015). Its prediction ignores the instance; the distribution it returns is the observed
/// class distribution (uniform before any training).
public struct MajorityClass: Classifier, Hashable {
    /// The stream schema.
    public let header: Header
    /// The total weight seen per class.
    public private(set) var classWeights: [Double]

    /// Creates an untrained majority-class learner.
    /// - Parameter header: the stream schema.
    public init(header: Header) {
        self.header = header
        self.classWeights = Array(repeating: 0, count: header.classCount)
    }

    /// The total weight of the instances learned so far.
    public var trainingWeight: Double { classWeights.reduce(0, +) }

    /// Adds `weight` to the class `label`; ignores unusable labels and weights.
    /// - Parameters:
    ///   - x: the instance (unused).
    ///   - label: the class index.
    ///   - weight: the instance weight.
    public mutating func learn(_ x: Instance, label: Int, weight: Double) {
        guard accepts(label: label, weight: weight) else { return }
        classWeights[label] += weight
    }

    /// The observed class distribution, or the uniform distribution before training.
    public func probabilities(for x: Instance) -> [Double] {
        var p = classWeights
        normalize(&p)
        return p
    }

    /// The class with the largest weight seen (the lowest index among ties).
    public func predict(_ x: Instance) -> Int { argmax(classWeights) }

    public func encode(to writer: inout BinaryWriter) {
        writer.write(header)
        writer.write(classWeights)
    }

    public init(from reader: inout BinaryReader) throws {
        header = try reader.read(Header.self)
        let start = reader.offset
        classWeights = try reader.read([Double].self)
        guard classWeights.count == header.classCount else {
            throw ModelFormatError("expected \(header.classCount) class weights", offset: start)
        }
    }
}
