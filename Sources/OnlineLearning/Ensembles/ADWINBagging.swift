/// ADWIN bagging: online bagging whose members are each watched by a change detector; when a member's error
/// rises, the worst member is replaced by a fresh one.
///
/// Bifet, Holmes, Pfahringer, Kirkby & Gavaldà, "New ensemble methods for evolving data streams", KDD 2009;
/// this matches MOA's `meta.OzaBagAdwin`. Members learn with Poisson(1) weights as in ``OnlineBagging``; after
/// learning an instance, each member classifies it again and feeds its 0/1 error to its detector (ADWIN with
/// δ = 0.002 in MOA). When any detector reports a change with a higher error estimate, the member with the
/// highest error estimate is reset to the prototype and its detector restarted.
///
/// That is exactly ``LeveragingBagging``'s loop with λ = 1 (leveraging bagging came later and raised λ), so
/// this type keeps its own name, defaults and configuration but runs a leveraging bagging inside.
public struct ADWINBagging<Base: Classifier, Detector: DriftDetector>: Ensemble {
    /// The hyperparameters of ADWIN bagging (MOA's defaults: 10 members, λ = 1).
    public typealias Configuration = OnlineBaggingConfiguration

    /// The hyperparameters.
    public let configuration: Configuration
    @usableFromInline var bagging: LeveragingBagging<Base, Detector>

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
        bagging = try LeveragingBagging(
            prototype: prototype, detector: detector,
            configuration: .init(ensembleSize: configuration.ensembleSize, lambda: configuration.lambda, method: .leveragingBag),
            seed: seed)
    }

    /// The untrained learner every member starts from.
    public var prototype: Base { bagging.prototype }
    /// The members, in voting order.
    public var members: [Base] { bagging.members }
    /// How many times a detector's change reset a member.
    public var changesDetected: Int { bagging.changesDetected }
    @inlinable public var trainingWeight: Double { bagging.trainingWeight }
    @inlinable public var header: Header { bagging.header }
    @inlinable public var memberCount: Int { bagging.memberCount }

    /// The error estimate of member `member`'s detector.
    /// - Parameter member: the member's index.
    @inlinable public func memberErrorEstimate(_ member: Int) -> Double { bagging.memberErrorEstimate(member) }

    /// Trains every member with a Poisson(λ) weight, feeds each member's error on `x` (after learning) to its
    /// detector, and resets the worst member when a detector signals an increase in error.
    /// - Parameters:
    ///   - x: the instance.
    ///   - label: its class index.
    ///   - weight: the instance weight.
    @inlinable public mutating func learn(_ x: Instance, label: Int, weight: Double) {
        bagging.learn(x, label: label, weight: weight)
    }

    @inlinable public func probabilities(for x: Instance) -> [Double] { bagging.probabilities(for: x) }

    @inlinable public func memberProbabilities(_ member: Int, for x: Instance) -> [Double] {
        bagging.memberProbabilities(member, for: x)
    }

    @inlinable public func memberWeight(_ member: Int) -> Double { bagging.memberWeight(member) }
}

extension ADWINBagging: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(bagging)
    }

    public init(from reader: inout BinaryReader) throws {
        let start = reader.offset
        bagging = try reader.read()
        guard bagging.configuration.method == .leveragingBag else {
            throw ModelFormatError("ADWIN bagging draws Poisson weights; found method \(bagging.configuration.method)", offset: start)
        }
        configuration = Configuration(ensembleSize: bagging.configuration.ensembleSize, lambda: bagging.configuration.lambda)
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
