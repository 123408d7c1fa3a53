/// ADWIN bagging: online bagging whose members are each watched by a change detector; when a member's error
/// rises, the worst member is replaced by a fresh one.
///
/// Bifet, Holmes, Pfahringer, Kirkby & Gavaldà, "New ensemble methods for evolving data streams", KDD 2009;
/// this matches MOA's `meta.OzaBagAdwin`. Members learn with Poisson(1) weights as in ``OnlineBagging``; after
/// learning an instance, each member classifies it again and feeds its 0/1 error to its detector (ADWIN with
/// δ = 0.002 in MOA). When any detector reports a change with a higher error estimate, the member with the
/// highest error estimate is reset to the prototype and its detector restarted.
public struct ADWINBagging<Base: Classifier, Detector: DriftDetector>: Ensemble {
    /// The hyperparameters of ADWIN bagging (MOA's defaults).
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
    /// How many times a detector's change reset a member.
    public var changesDetected: Int { _changesDetected }
    @usableFromInline var _changesDetected: Int = 0
    @usableFromInline var monitors: MemberErrorMonitors<Detector>
    @usableFromInline var random: RandomSource
    @usableFromInline let sampler: PoissonSampler

    /// Creates an ensemble of `configuration.ensembleSize` copies of `prototype`, each watched by a copy of
    /// `detector`.
    /// - Parameters:
    ///   - prototype: an untrained base learner.
    ///   - detector: a fresh change detector for the members' error streams (ADWIN δ = 0.002 in MOA).
    ///   - configuration: the hyperparameters (ensemble size 10, λ = 1 by default).
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

    /// Trains every member with a Poisson(λ) weight, feeds each member's error on `x` (after learning) to its
    /// detector, and resets the worst member when a detector signals an increase in error.
    /// - Parameters:
    ///   - x: the instance.
    ///   - label: its class index.
    ///   - weight: the instance weight.
    @inlinable public mutating func learn(_ x: Instance, label: Int, weight: Double) {
        guard accepts(label: label, weight: weight) else { return }
        _trainingWeight += weight
        var change = false
        for m in _members.indices {
            let k = sampler.draw(using: &random)
            if k > 0 { _members[m].learn(x, label: label, weight: weight * Double(k)) }
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

    @inlinable public func probabilities(for x: Instance) -> [Double] { combinedVote(for: x) }

    @inlinable public func memberProbabilities(_ member: Int, for x: Instance) -> [Double] {
        _members[member].probabilities(for: x)
    }

    @inlinable public func memberWeight(_ member: Int) -> Double {
        _members[member].trainingWeight > 0 ? 1 : 0
    }
}

extension ADWINBagging: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(configuration.ensembleSize)
        writer.write(configuration.lambda)
        writer.write(prototype)
        writer.write(_members)
        monitors.encode(to: &writer)
        writer.write(_trainingWeight)
        writer.write(_changesDetected)
        writer.write(random)
    }

    public init(from reader: inout BinaryReader) throws {
        let start = reader.offset
        let configuration = Configuration(ensembleSize: try reader.read(), lambda: try reader.read())
        do { try configuration.validate() } catch {
            throw ModelFormatError("invalid ADWIN bagging configuration: \(error)", offset: start)
        }
        self.configuration = configuration
        prototype = try reader.read()
        _members = try reader.read()
        guard _members.count == configuration.ensembleSize else {
            throw ModelFormatError("expected \(configuration.ensembleSize) members, found \(_members.count)", offset: start)
        }
        monitors = try MemberErrorMonitors(from: &reader, count: configuration.ensembleSize)
        _trainingWeight = try reader.read()
        _changesDetected = try reader.read()
        random = try reader.read()
        sampler = PoissonSampler(lambda: configuration.lambda)
    }
}

extension ADWINBagging where Detector == ADWIN {
    /// Creates the published method: every member watched by ADWIN with confidence `adwinDelta`.
    /// - Parameters:
    ///   - prototype: an untrained base learner.
    ///   - configuration: the hyperparameters.
    ///   - adwinDelta: ADWIN's confidence δ, in (0, 1); 0.002 by default (MOA's ADWIN default).
    ///   - seed: the seed of the generator drawing the instance weights.
    /// - Throws: ``ConfigurationError`` for an invalid configuration or δ.
    public init(prototype: Base, configuration: Configuration = Configuration(), adwinDelta: Double = 0.002, seed: UInt64 = 1) throws {
        try self.init(prototype: prototype, detector: ADWIN(delta: adwinDelta), configuration: configuration, seed: seed)
    }
}
