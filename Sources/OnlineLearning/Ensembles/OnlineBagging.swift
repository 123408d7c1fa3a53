/// Online bagging: every member learns each instance k times, k drawn from Poisson(1), and all members vote.
///
/// Oza & Russell, "Online bagging and boosting", AISTATS 2001. Bootstrap sampling of a batch of n examples
/// gives each example a Binomial(n, 1/n) count, which tends to Poisson(1) as n grows; so online, each member
/// learns each instance with weight k ~ Poisson(λ = 1) (skipping it when k = 0). Prediction sums the members'
/// normalised class distributions. This matches MOA's `meta.OzaBag`.
///
/// The ensemble is generic over its base learner and built from an untrained prototype, which every member
/// starts as a copy of; the ensemble's own ``RandomSource`` draws the weights, so a seed fixes the run.
public struct OnlineBagging<Base: Classifier>: Ensemble {
    /// See ``OnlineBaggingConfiguration``.
    public typealias Configuration = OnlineBaggingConfiguration

    /// The hyperparameters.
    public let configuration: Configuration
    /// The untrained learner every member starts from.
    public let prototype: Base
    /// The members, in voting order.
    public var members: [Base] { _members }
    @usableFromInline var _members: [Base]
    /// The total weight of the instances the ensemble has learned.
    public var trainingWeight: Double { _trainingWeight }
    @usableFromInline var _trainingWeight: Double = 0
    @usableFromInline var random: RandomSource
    @usableFromInline let sampler: PoissonSampler

    /// Creates an ensemble of `configuration.ensembleSize` copies of `prototype`.
    /// - Parameters:
    ///   - prototype: an untrained base learner.
    ///   - configuration: the hyperparameters.
    ///   - seed: the seed of the generator drawing the instance weights.
    /// - Throws: ``ConfigurationError`` for an invalid configuration.
    public init(prototype: Base, configuration: Configuration = Configuration(), seed: UInt64 = 1) throws {
        try configuration.validate()
        self.configuration = configuration
        self.prototype = prototype
        _members = Array(repeating: prototype, count: configuration.ensembleSize)
        random = RandomSource(seed: seed)
        sampler = PoissonSampler(lambda: configuration.lambda)
    }

    @inlinable public var header: Header { prototype.header }
    @inlinable public var memberCount: Int { _members.count }

    /// Each member learns `x` with weight `weight · k`, k ~ Poisson(λ) drawn per member.
    /// - Parameters:
    ///   - x: the instance.
    ///   - label: its class index.
    ///   - weight: the instance weight.
    @inlinable public mutating func learn(_ x: Instance, label: Int, weight: Double) {
        guard accepts(label: label, weight: weight) else { return }
        _trainingWeight += weight
        for m in _members.indices {
            let k = sampler.draw(using: &random)
            if k > 0 { _members[m].learn(x, label: label, weight: weight * Double(k)) }
        }
    }

    @inlinable public func probabilities(for x: Instance) -> [Double] { combinedVote(for: x) }

    @inlinable public func memberProbabilities(_ member: Int, for x: Instance) -> [Double] {
        _members[member].probabilities(for: x)
    }

    @inlinable public func memberWeight(_ member: Int) -> Double {
        _members[member].trainingWeight > 0 ? 1 : 0
    }

    /// Replaces member `member` by a fresh copy of the prototype.
    /// - Parameter member: the member's index.
    @inlinable public mutating func resetMember(_ member: Int) { _members[member] = prototype }
}

extension OnlineBagging: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(configuration.ensembleSize)
        writer.write(configuration.lambda)
        writer.write(prototype)
        writer.write(_members)
        writer.write(_trainingWeight)
        writer.write(random)
    }

    public init(from reader: inout BinaryReader) throws {
        let start = reader.offset
        let configuration = Configuration(ensembleSize: try reader.read(), lambda: try reader.read())
        do { try configuration.validate() } catch {
            throw ModelFormatError("invalid online bagging configuration: \(error)", offset: start)
        }
        self.configuration = configuration
        prototype = try reader.read()
        _members = try reader.read()
        guard _members.count == configuration.ensembleSize else {
            throw ModelFormatError("expected \(configuration.ensembleSize) members, found \(_members.count)", offset: start)
        }
        _trainingWeight = try reader.read()
        random = try reader.read()
        sampler = PoissonSampler(lambda: configuration.lambda)
    }
}

/// The hyperparameters of online bagging (MOA's defaults).
public struct OnlineBaggingConfiguration: Sendable, Hashable {
    /// The number of members; 10 by default (MOA `-s`), at least 1.
    public var ensembleSize: Int
    /// The mean λ of the Poisson instance weights; 1 by default (Oza & Russell), positive and finite.
    public var lambda: Double

    /// Creates a configuration.
    /// - Parameters:
    ///   - ensembleSize: the number of members, at least 1.
    ///   - lambda: the Poisson mean, positive and finite.
    public init(ensembleSize: Int = 10, lambda: Double = 1) {
        self.ensembleSize = ensembleSize
        self.lambda = lambda
    }

    /// Checks every parameter.
    /// - Throws: ``ConfigurationError`` naming the first parameter out of range.
    public func validate() throws {
        try ConfigurationError.check(ensembleSize >= 1, "ensembleSize", ensembleSize, accepted: "an integer ≥ 1")
        try ConfigurationError.check(lambda > 0 && lambda.isFinite, "lambda", lambda, accepted: "a finite value > 0")
    }
}
