/// Adaptive random forest: Poisson(6)-weighted online bagging of random-subspace Hoeffding trees, each with
/// a warning detector that starts a background tree and a drift detector that swaps it in, voting by accuracy.
///
/// Gomes, Bifet, Read, Barddal, Enembreck, Pfahringer, Holmes & Abdessalem, "Adaptive random forests for
/// evolving data stream classification", Machine Learning 106, 2017; this follows MOA's
/// `meta.AdaptiveRandomForest` run single-threaded. For every instance each tree is first scored on it (its
/// running accuracy since it was created or swapped in), then learns it with weight k ~ Poisson(λ = 6) when
/// k > 0; its 0/1 error after learning feeds two ADWIN detectors. The warning detector (δ = 0.01) starts a
/// fresh background tree, which learns every following instance with the instance's own weight; the drift
/// detector (δ = 0.001) replaces the tree by its background tree (or by a fresh tree when there is none). A
/// detector fires only when its error estimate went up. Votes are the trees' normalised distributions
/// weighted by their accuracy in percent (a tree without a positive accuracy votes with weight 1, as in MOA).
///
/// The forest is generic over its tree so that any ``Classifier`` can serve as the base learner; the
/// random-subspace Hoeffding tree of the paper is built by the `HoeffdingTree` initialiser. Members and
/// background trees start as copies of the prototype (so, as in MOA, they also start from its random seed).
public struct AdaptiveRandomForest<Base: Classifier>: Ensemble {
    /// See ``AdaptiveRandomForestConfiguration``.
    public typealias Configuration = AdaptiveRandomForestConfiguration

    /// The hyperparameters.
    public let configuration: Configuration
    /// The untrained tree every member and background tree starts from.
    public let prototype: Base
    /// The trees with their detectors, in voting order.
    public var members: [ForestMember<Base>] { _members }
    @usableFromInline var _members: [ForestMember<Base>]
    /// The total weight of the instances the forest has learned.
    public var trainingWeight: Double { _trainingWeight }
    @usableFromInline var _trainingWeight: Double = 0
    @usableFromInline var random: RandomSource
    @usableFromInline let sampler: PoissonSampler

    /// Creates a forest of `configuration.ensembleSize` copies of `prototype`.
    /// - Parameters:
    ///   - prototype: an untrained base learner (a random-subspace Hoeffding tree for the published method).
    ///   - configuration: the hyperparameters.
    ///   - seed: the seed of the generator drawing the instance weights.
    /// - Throws: ``ConfigurationError`` for an invalid configuration.
    public init(prototype: Base, configuration: Configuration = Configuration(), seed: UInt64 = 1) throws {
        try configuration.validate()
        self.configuration = configuration
        self.prototype = prototype
        let member = ForestMember(tree: prototype, configuration: configuration)
        _members = Array(repeating: member, count: configuration.ensembleSize)
        random = RandomSource(seed: seed)
        sampler = PoissonSampler(lambda: configuration.lambda)
    }

    @inlinable public var header: Header { prototype.header }
    @inlinable public var memberCount: Int { _members.count }

    /// Scores every tree on `x`, trains it with a Poisson(λ) weight, and lets its detectors start a
    /// background tree (warning) or swap one in (drift).
    /// - Parameters:
    ///   - x: the instance.
    ///   - label: its class index.
    ///   - weight: the instance weight.
    @inlinable public mutating func learn(_ x: Instance, label: Int, weight: Double) {
        guard accepts(label: label, weight: weight) else { return }
        _trainingWeight += weight
        for m in _members.indices {
            _members[m].score(x, label: label)
            let k = sampler.draw(using: &random)
            if k > 0 {
                _members[m].learn(x, label: label, weight: weight, k: Double(k), prototype: prototype, configuration: configuration)
            }
        }
    }

    @inlinable public func probabilities(for x: Instance) -> [Double] { combinedVote(for: x) }

    @inlinable public func memberProbabilities(_ member: Int, for x: Instance) -> [Double] {
        _members[member]._tree.probabilities(for: x)
    }

    @inlinable public func memberWeight(_ member: Int) -> Double {
        guard _members[member]._tree.trainingWeight > 0 else { return 0 }
        let accuracy = _members[member].accuracy
        return configuration.weightedVote && accuracy > 0 ? 100 * accuracy : 1
    }
}

extension AdaptiveRandomForest: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(configuration.ensembleSize)
        writer.write(configuration.lambda)
        writer.write(configuration.warningDelta)
        writer.write(configuration.driftDelta)
        writer.write(configuration.weightedVote)
        writer.write(configuration.driftDetection)
        writer.write(configuration.backgroundLearners)
        writer.write(prototype)
        writer.write(_members)
        writer.write(_trainingWeight)
        writer.write(random)
    }

    public init(from reader: inout BinaryReader) throws {
        let start = reader.offset
        let configuration = Configuration(
            ensembleSize: try reader.read(), lambda: try reader.read(), warningDelta: try reader.read(),
            driftDelta: try reader.read(), weightedVote: try reader.read(), driftDetection: try reader.read(),
            backgroundLearners: try reader.read())
        do { try configuration.validate() } catch {
            throw ModelFormatError("invalid adaptive random forest configuration: \(error)", offset: start)
        }
        self.configuration = configuration
        prototype = try reader.read()
        _members = try reader.read()
        guard _members.count == configuration.ensembleSize else {
            throw ModelFormatError("expected \(configuration.ensembleSize) trees, found \(_members.count)", offset: start)
        }
        _trainingWeight = try reader.read()
        random = try reader.read()
        sampler = PoissonSampler(lambda: configuration.lambda)
    }
}

/// The hyperparameters of the adaptive random forest (MOA's defaults, except the ensemble size).
public struct AdaptiveRandomForestConfiguration: Sendable, Hashable {
    /// The number of trees; 10 by default (the reference runs' `-s 10`; MOA's own default is 100), ≥ 1.
    public var ensembleSize: Int
    /// The Poisson mean λ of the instance weights; 6 by default (MOA `-a`), ≥ 1 as in MOA.
    public var lambda: Double
    /// The warning detector's ADWIN confidence; 0.01 by default (MOA `-p`), in (0, 1).
    public var warningDelta: Double
    /// The drift detector's ADWIN confidence; 0.001 by default (MOA `-x`), in (0, 1).
    public var driftDelta: Double
    /// Whether trees vote with their accuracy as weight; true by default (MOA `-w` disables it).
    public var weightedVote: Bool
    /// Whether drifts are detected at all; true by default (MOA `-u` disables it, and background trees).
    public var driftDetection: Bool
    /// Whether warnings start background trees; true by default (MOA `-q` disables it: a drift then
    /// resets the tree at once).
    public var backgroundLearners: Bool

    /// Creates a configuration.
    /// - Parameters:
    ///   - ensembleSize: the number of trees, ≥ 1.
    ///   - lambda: the Poisson mean, ≥ 1 and finite.
    ///   - warningDelta: the warning detector's δ, in (0, 1).
    ///   - driftDelta: the drift detector's δ, in (0, 1).
    ///   - weightedVote: whether votes are weighted by accuracy.
    ///   - driftDetection: whether drifts are detected.
    ///   - backgroundLearners: whether warnings start background trees.
    public init(ensembleSize: Int = 10, lambda: Double = 6, warningDelta: Double = 0.01, driftDelta: Double = 0.001,
                weightedVote: Bool = true, driftDetection: Bool = true, backgroundLearners: Bool = true) {
        self.ensembleSize = ensembleSize
        self.lambda = lambda
        self.warningDelta = warningDelta
        self.driftDelta = driftDelta
        self.weightedVote = weightedVote
        self.driftDetection = driftDetection
        self.backgroundLearners = backgroundLearners
    }

    /// Checks every parameter.
    /// - Throws: ``ConfigurationError`` naming the first parameter out of range.
    public func validate() throws {
        try ConfigurationError.check(ensembleSize >= 1, "ensembleSize", ensembleSize, accepted: "an integer ≥ 1")
        try ConfigurationError.check(lambda >= 1 && lambda.isFinite, "lambda", lambda, accepted: "a finite value ≥ 1")
        try ConfigurationError.check(warningDelta > 0 && warningDelta < 1, "warningDelta", warningDelta, accepted: "a value in (0, 1)")
        try ConfigurationError.check(driftDelta > 0 && driftDelta < 1, "driftDelta", driftDelta, accepted: "a value in (0, 1)")
    }
}
