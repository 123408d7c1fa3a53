/// Naive Bayes for streams: a normal distribution per class for each numeric attribute and Laplace-corrected
/// value counts per class for each nominal one, updated with every instance.
///
/// The classic classifier under the naive assumption that attributes are independent given the class
/// (see e.g. Gama, Rocha & Medas, KDD 2003, who use it inside Hoeffding tree leaves). It reproduces MOA's
/// `bayes.NaiveBayes` exactly: the votes are the class prior times the product, in attribute order, of the
/// per-class Gaussian densities (``GaussianEstimator``) and of MOA's Laplace estimate for nominal values
/// (``NominalObserver``); missing values are skipped; the prediction is MOA's first-largest vote. It has no
/// hyperparameters.
///
/// Learning and prediction allocate nothing on the heap once the observers exist (after the first instance).
public struct NaiveBayes: Classifier {
    /// The stream schema.
    public let header: Header
    let schema: ObserverSchema
    /// The weight seen per class (the prior).
    public private(set) var classDistribution: [Double]
    /// One past the largest class index seen (MOA's class vector length), which bounds the classes voted for.
    public private(set) var observedClasses = 0
    /// The per-attribute observers.
    public private(set) var observers = AttributeObservers()
    /// The total weight of the instances learned so far.
    public private(set) var trainingWeight = 0.0

    /// Creates an untrained model for `header`.
    public init(header: Header) {
        self.header = header
        schema = ObserverSchema(header)
        classDistribution = Array(repeating: 0, count: header.classCount)
    }

    /// Learns one labelled instance (test-then-train order is the caller's: predict first, then learn).
    /// - Parameters:
    ///   - x: The instance; missing values are `nan`.
    ///   - label: Its class index; labels outside the header's classes are ignored.
    ///   - weight: Its weight; a weight that is not positive and finite is ignored.
    public mutating func learn(_ x: Instance, label: Int, weight: Double) {
        guard accepts(label: label, weight: weight) else { return }
        trainingWeight += weight
        classDistribution[label] += weight
        if label >= observedClasses { observedClasses = label + 1 }
        observers.observe(x, label: label, weight: weight, schema: schema)
    }

    /// MOA's unnormalised votes for `x` written into `votes`.
    func votes(for x: Instance, into votes: UnsafeMutableBufferPointer<Double>) {
        observers.naiveBayesVotes(x, classDistribution: classDistribution, observedClasses: observedClasses,
                                  schema: schema, into: votes)
    }

    /// The class distribution predicted for `x`: MOA's votes normalised to sum to 1 (uniform when untrained).
    public func probabilities(for x: Instance) -> [Double] {
        var out = [Double](repeating: 0, count: header.classCount)
        guard trainingWeight > 0 else {
            normalize(&out)
            return out
        }
        out.withUnsafeMutableBufferPointer { votes(for: x, into: $0) }
        normalize(&out)
        return out
    }

    /// The class with the largest vote, picked as MOA picks it (the first largest; class 0 before training).
    public func predict(_ x: Instance) -> Int {
        guard trainingWeight > 0, header.classCount > 0 else { return 0 }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: header.classCount) { buffer in
            votes(for: x, into: buffer)
            return moaMaxIndex(buffer)
        }
    }

    public func encode(to writer: inout BinaryWriter) {
        writer.write(header)
        writer.write(classDistribution)
        writer.write(observedClasses)
        writer.write(observers)
        writer.write(trainingWeight)
    }

    public init(from reader: inout BinaryReader) throws {
        header = try reader.read()
        schema = ObserverSchema(header)
        classDistribution = try reader.read()
        observedClasses = try reader.read()
        observers = try reader.read()
        trainingWeight = try reader.read()
        guard classDistribution.count == header.classCount, (0...header.classCount).contains(observedClasses) else {
            throw ModelFormatError("naive Bayes class distribution does not match the header", offset: reader.offset)
        }
        try observers.validate(schema: schema, offset: reader.offset)
    }
}
