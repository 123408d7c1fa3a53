/// Leveraging bagging: online bagging with heavier resampling (Poisson(6) weights) and a change detector per
/// member that replaces the worst member when the error of any member rises.
///
/// Bifet, Holmes & Pfahringer, "Leveraging bagging for evolving data streams", ECML PKDD 2010; this matches
/// MOA's `meta.LeveragingBag` without output codes. Raising λ from 1 to 6 gives each member more weight per
/// instance and more diversity between members (more of each instance's weight is randomised). After a member
/// learns an instance it classifies it again, and its 0/1 error feeds its detector (ADWIN, δ = 0.002, in
/// MOA); when any detector reports a change with a higher error estimate, the member with the highest error
/// estimate is reset to the prototype and its detector restarted.
///
/// Generic over the base learner and the detector (pass `ADWIN` for the published method). The weighting
/// variants of MOA's `-m` option are available through ``Configuration/method``.
public struct LeveragingBagging<Base: Classifier, Detector: DriftDetector>: Ensemble {
    /// See ``LeveragingBaggingMethod``.
    public typealias Method = LeveragingBaggingMethod

    /// See ``LeveragingBaggingConfiguration``.
    public typealias Configuration = LeveragingBaggingConfiguration

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
    /// How many times a detector's change reset a member.
    public var changesDetected: Int { _changesDetected }
    @usableFromInline var _changesDetected: Int = 0
    @usableFromInline var monitors: MemberErrorMonitors<Detector>
    @usableFromInline var random: RandomSource
    @usableFromInline let sampler: PoissonSampler
    @usableFromInline let unitSampler = PoissonSampler(lambda: 1)

    /// Creates an ensemble of `configuration.ensembleSize` copies of `prototype`, each watched by a copy of
    /// `detector`.
    /// - Parameters:
    ///   - prototype: an untrained base learner.
    ///   - detector: a fresh change detector for the members' error streams (ADWIN δ = 0.002 in MOA).
    ///   - configuration: the hyperparameters.
    ///   - seed: the seed of the generator drawing the instance weights.
    /// - Throws: ``ConfigurationError`` for an invalid configuration.
    public init(prototype: Base, detector: Detector, configuration: Configuration = Configuration(), seed: UInt64 = 1) throws {
        try configuration.validate()
        self.configuration = configuration
        self.prototype = prototype
        _members = Array(repeating: prototype, count: configuration.ensembleSize)
        monitors = MemberErrorMonitors(prototype: detector, count: configuration.ensembleSize)
        random = RandomSource(seed: seed)
        sampler = PoissonSampler(lambda: configuration.lambda)
    }

    @inlinable public var header: Header { prototype.header }
    @inlinable public var memberCount: Int { _members.count }

    /// The error estimate of member `member`'s detector.
    /// - Parameter member: the member's index.
    @inlinable public func memberErrorEstimate(_ member: Int) -> Double { monitors.errorEstimate(member) }

    /// Trains every member on `x` with its drawn weight, feeds each member's error on `x` (after learning) to
    /// its detector, and resets the worst member when a detector signals an increase in error.
    /// - Parameters:
    ///   - x: the instance.
    ///   - label: its class index.
    ///   - weight: the instance weight.
    @inlinable public mutating func learn(_ x: Instance, label: Int, weight: Double) {
        guard accepts(label: label, weight: weight) else { return }
        _trainingWeight += weight
        var change = false
        for m in _members.indices {
            let k = drawWeight(member: m, x, label: label)
            if k > 0 { _members[m].learn(x, label: label, weight: weight * k) }
            if monitors.record(member: m, correct: _members[m].classifiesCorrectly(x, label: label)) { change = true }
        }
        if change {
            _changesDetected += 1
            if let worst = monitors.worstMember() {
                _members[worst] = prototype
                monitors.reset(worst)
            }
        }
    }

    @inlinable @inline(__always)
    mutating func drawWeight(member m: Int, _ x: Instance, label: Int) -> Double {
        switch configuration.method {
        case .leveragingBag:
            return Double(sampler.draw(using: &random))
        case .misclassificationError:
            if !_members[m].classifiesCorrectly(x, label: label) { return 1 }
            let e = monitors.errorEstimate(m)
            return random.nextDouble() < e / (1 - e) ? 1 : 0
        case .half:
            return random.next() & 1 == 0 ? 0 : 1
        case .withoutTakingOut:
            return 1 + Double(unitSampler.draw(using: &random))
        case .subagging:
            return unitSampler.draw(using: &random) > 0 ? 1 : 0
        }
    }

    @inlinable public func probabilities(for x: Instance) -> [Double] { combinedVote(for: x) }

    @inlinable public func memberProbabilities(_ member: Int, for x: Instance) -> [Double] {
        _members[member].probabilities(for: x)
    }

    @inlinable public func memberWeight(_ member: Int) -> Double {
        _members[member].trainingWeight > 0 ? 1 : 0
    }
}

extension LeveragingBagging: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(configuration.ensembleSize)
        writer.write(configuration.lambda)
        writer.write(configuration.method.rawValue)
        writer.write(prototype)
        writer.write(_members)
        monitors.encode(to: &writer)
        writer.write(_trainingWeight)
        writer.write(_changesDetected)
        writer.write(random)
    }

    public init(from reader: inout BinaryReader) throws {
        let start = reader.offset
        let size: Int = try reader.read()
        let lambda: Double = try reader.read()
        guard let method = Method(rawValue: try reader.read(UInt8.self)) else {
            throw ModelFormatError("unknown leveraging bagging method", offset: reader.offset - 1)
        }
        let configuration = Configuration(ensembleSize: size, lambda: lambda, method: method)
        do { try configuration.validate() } catch {
            throw ModelFormatError("invalid leveraging bagging configuration: \(error)", offset: start)
        }
        self.configuration = configuration
        prototype = try reader.read()
        _members = try reader.read()
        guard _members.count == size else {
            throw ModelFormatError("expected \(size) members, found \(_members.count)", offset: start)
        }
        monitors = try MemberErrorMonitors(from: &reader, count: size)
        _trainingWeight = try reader.read()
        _changesDetected = try reader.read()
        random = try reader.read()
        sampler = PoissonSampler(lambda: lambda)
    }
}

extension LeveragingBagging where Detector == ADWIN {
    /// Creates the published method: every member watched by ADWIN with confidence `adwinDelta`.
    /// - Parameters:
    ///   - prototype: an untrained base learner.
    ///   - configuration: the hyperparameters.
    ///   - adwinDelta: ADWIN's confidence δ, in (0, 1); 0.002 by default (MOA `-a`).
    ///   - seed: the seed of the generator drawing the instance weights.
    /// - Throws: ``ConfigurationError`` for an invalid configuration or δ.
    public init(prototype: Base, configuration: Configuration = Configuration(), adwinDelta: Double = 0.002, seed: UInt64 = 1) throws {
        try self.init(prototype: prototype, detector: ADWIN(delta: adwinDelta), configuration: configuration, seed: seed)
    }
}

/// How a member's weight for an instance is drawn (MOA's `leveraginBagAlgorithm`).
public enum LeveragingBaggingMethod: UInt8, Sendable, Hashable, CaseIterable {
    /// k ~ Poisson(λ): the published method and MOA's default.
    case leveragingBag = 0
    /// Weight 1 when the member misclassifies the instance, otherwise 1 with probability e/(1−e), e being
    /// its error estimate ("LeveragingBagME").
    case misclassificationError = 1
    /// Weight 0 or 1 with equal probability: resampling half the instances without replacement.
    case half = 2
    /// k = 1 + Poisson(1): no instance is left out ("LeveragingBagWT").
    case withoutTakingOut = 3
    /// Weight 1 when Poisson(1) > 0, else 0: subagging, resampling without replacement.
    case subagging = 4
}

/// The hyperparameters of leveraging bagging (MOA's defaults).
public struct LeveragingBaggingConfiguration: Sendable, Hashable {
    /// The number of members; 10 by default (MOA `-s`), at least 1.
    public var ensembleSize: Int
    /// The Poisson mean λ of ``LeveragingBaggingMethod/leveragingBag``; 6 by default (MOA `-w`), positive and finite.
    public var lambda: Double
    /// How member weights are drawn; ``LeveragingBaggingMethod/leveragingBag`` by default (MOA `-m`).
    public var method: LeveragingBaggingMethod

    /// Creates a configuration.
    /// - Parameters:
    ///   - ensembleSize: the number of members, at least 1.
    ///   - lambda: the Poisson mean, positive and finite.
    ///   - method: the weighting method.
    public init(ensembleSize: Int = 10, lambda: Double = 6, method: LeveragingBaggingMethod = .leveragingBag) {
        self.ensembleSize = ensembleSize
        self.lambda = lambda
        self.method = method
    }

    /// Checks every parameter.
    /// - Throws: ``ConfigurationError`` naming the first parameter out of range.
    public func validate() throws {
        try ConfigurationError.check(ensembleSize >= 1, "ensembleSize", ensembleSize, accepted: "an integer ≥ 1")
        try ConfigurationError.check(lambda > 0 && lambda.isFinite, "lambda", lambda, accepted: "a finite value > 0")
    }
}
