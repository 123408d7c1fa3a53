/// Wraps any ``Ensemble`` so that a member votes only when it is confident enough, with a threshold that
/// adapts to how the ensemble is doing.
///
/// Krawczyk & Cano, "Online ensemble learning with abstaining classifiers for drifting and noisy data
/// streams", Applied Soft Computing 68, 2018. A member's confidence is its largest normalised class support;
/// it takes part in the vote only when that confidence reaches its threshold θ. θ starts at θ₀ (0.65) and,
/// after each labelled prediction, moves by a step (0.01) — by default down when the ensemble was right and
/// up when it was wrong — and stays inside [step, 1 − step]. When every member abstains, the full vote of
/// the wrapped ensemble decides and the ``Vote`` says so (``Vote/allAbstained``).
///
/// The paper's full text was not available to us: this is the best reading of its abstract and of later work
/// citing it. Therefore the direction of the update (``Configuration/direction``) and the choice between one
/// global threshold and one per member (``Configuration/thresholdMode``; per member, each θ moves on that
/// member's own correctness) are configurable rather than fixed.
///
/// What to expect (measured on the 200k SEA reference stream with ten Hoeffding trees): with the default
/// direction θ is a random walk that steps down whenever the ensemble is right, so on any stream where the
/// ensemble is right more than half the time it reaches its floor within a few hundred instances and stays
/// there; then (and always, for two classes, once θ ≤ 0.5) no member abstains and the wrapper predicts
/// exactly as the plain ensemble (abstention ≈ 0 %, for any step from 0.001 to 0.05). With ``AbstentionUpdateDirection/raiseWhenCorrect`` θ
/// sits near its ceiling instead and most votes are withheld (online bagging: 98 % of member votes, +0.15
/// points; leveraging bagging: 94 %, −0.5 points). A member replaced by its ensemble keeps its threshold.
///
/// ``learn(_:label:weight:)`` first updates the thresholds from the prediction the wrapper would have made
/// for the instance, then trains the wrapped ensemble. A prequential loop that already holds the ``Vote``
/// passes it to ``learn(_:label:weight:after:)`` to avoid voting twice.
public struct AbstainingEnsemble<E: Ensemble>: Classifier {
    /// See ``AbstentionThresholdMode``.
    public typealias ThresholdMode = AbstentionThresholdMode

    /// See ``AbstentionUpdateDirection``.
    public typealias UpdateDirection = AbstentionUpdateDirection

    /// See ``AbstainingConfiguration``.
    public typealias Configuration = AbstainingConfiguration

    /// The outcome of one abstaining vote.
    public struct Vote: Sendable, Hashable {
        /// The class distribution of the members that voted (of all members when every one abstained).
        public var probabilities: [Double]
        /// The predicted class: the argmax of ``probabilities``.
        public var predictedClass: Int
        /// The number of members that did not vote (not confident enough, or without any opinion yet).
        public var abstainedMembers: Int
        /// True when every member abstained and the full vote of the ensemble decided.
        public var allAbstained: Bool
        /// The thresholds in force for this vote: one value (global mode) or one per member.
        public var thresholds: [Double]
        /// Each member's own predicted class, or -1 for a member without an opinion yet.
        public var memberPredictions: [Int]

        /// Creates a vote record (the wrapper makes these; public for tests and replays).
        /// - Parameters:
        ///   - probabilities: the class distribution of the voting members.
        ///   - predictedClass: its argmax.
        ///   - abstainedMembers: how many members did not vote.
        ///   - allAbstained: whether every member abstained.
        ///   - thresholds: the thresholds in force.
        ///   - memberPredictions: each member's own predicted class, -1 for none.
        @inlinable public init(probabilities: [Double], predictedClass: Int, abstainedMembers: Int, allAbstained: Bool,
                               thresholds: [Double], memberPredictions: [Int]) {
            self.probabilities = probabilities
            self.predictedClass = predictedClass
            self.abstainedMembers = abstainedMembers
            self.allAbstained = allAbstained
            self.thresholds = thresholds
            self.memberPredictions = memberPredictions
        }

        /// The probability of the predicted class.
        public var confidence: Double { probabilities.isEmpty ? 0 : probabilities[predictedClass] }
    }

    /// The hyperparameters.
    public let configuration: Configuration
    /// The wrapped ensemble.
    public var ensemble: E { _ensemble }
    @usableFromInline var _ensemble: E
    /// The current thresholds: one value in global mode, one per member otherwise.
    public var thresholds: [Double] { _thresholds }
    @usableFromInline var _thresholds: [Double]
    /// The number of labelled predictions the thresholds were updated on.
    public var labelledPredictions: Int { _labelledPredictions }
    @usableFromInline var _labelledPredictions: Int = 0
    /// The number of member votes withheld over those predictions.
    public var abstainedMemberVotes: Int { _abstainedMemberVotes }
    @usableFromInline var _abstainedMemberVotes: Int = 0
    /// The number of those predictions on which every member abstained.
    public var allAbstainedPredictions: Int { _allAbstainedPredictions }
    @usableFromInline var _allAbstainedPredictions: Int = 0

    /// Wraps `ensemble`.
    /// - Parameters:
    ///   - ensemble: the ensemble whose members vote.
    ///   - configuration: the hyperparameters.
    /// - Throws: ``ConfigurationError`` for an invalid configuration.
    public init(ensemble: E, configuration: Configuration = Configuration()) throws {
        try configuration.validate()
        self.configuration = configuration
        _ensemble = ensemble
        let count = configuration.thresholdMode == .global ? 1 : ensemble.memberCount
        _thresholds = Array(repeating: configuration.initialThreshold, count: count)
    }

    @inlinable public var header: Header { _ensemble.header }
    @inlinable public var trainingWeight: Double { _ensemble.trainingWeight }

    /// The global threshold, or the mean of the per-member thresholds.
    public var threshold: Double { _thresholds.reduce(0, +) / Double(max(1, _thresholds.count)) }

    /// The fraction of member votes withheld over the labelled predictions so far (0 before any).
    public var abstentionRate: Double {
        let possible = _labelledPredictions * _ensemble.memberCount
        return possible == 0 ? 0 : Double(_abstainedMemberVotes) / Double(possible)
    }

    /// The fraction of labelled predictions on which every member abstained (0 before any).
    public var allAbstainedRate: Double {
        _labelledPredictions == 0 ? 0 : Double(_allAbstainedPredictions) / Double(_labelledPredictions)
    }

    /// The threshold member `member` must reach to vote.
    /// - Parameter member: the member's index.
    @inlinable @inline(__always) public func threshold(forMember member: Int) -> Double {
        configuration.thresholdMode == .global ? _thresholds[0] : _thresholds[member]
    }

    /// Lets every confident member vote on `x` and reports who abstained.
    /// - Parameter x: the instance.
    @inlinable public func vote(for x: Instance) -> Vote {
        let classCount = header.classCount
        var votes = [Double](repeating: 0, count: classCount)
        var full = [Double](repeating: 0, count: classCount)
        var predictions = [Int](repeating: -1, count: _ensemble.memberCount)
        var abstained = 0
        for m in 0..<_ensemble.memberCount {
            let w = _ensemble.memberWeight(m)
            guard w > 0 else { abstained += 1; continue }
            let p = _ensemble.memberProbabilities(m, for: x)
            var best = 0
            var confidence = -Double.infinity
            for c in 0..<min(p.count, classCount) {
                full[c] += w * p[c]
                if p[c] > confidence { confidence = p[c]; best = c }
            }
            predictions[m] = best
            if confidence >= threshold(forMember: m) {
                for c in 0..<min(p.count, classCount) { votes[c] += w * p[c] }
            } else {
                abstained += 1
            }
        }
        let allAbstained = abstained == _ensemble.memberCount
        if allAbstained { votes = full }
        normalize(&votes)
        return Vote(probabilities: votes, predictedClass: argmax(votes), abstainedMembers: abstained,
                    allAbstained: allAbstained, thresholds: _thresholds, memberPredictions: predictions)
    }

    @inlinable public func probabilities(for x: Instance) -> [Double] { vote(for: x).probabilities }

    @inlinable public func predict(_ x: Instance) -> Int { vote(for: x).predictedClass }

    /// Updates the thresholds from the vote the wrapper makes for `x`, then trains the ensemble.
    /// - Parameters:
    ///   - x: the instance.
    ///   - label: its class index.
    ///   - weight: the instance weight.
    @inlinable public mutating func learn(_ x: Instance, label: Int, weight: Double) {
        guard accepts(label: label, weight: weight) else { return }
        learn(x, label: label, weight: weight, after: vote(for: x))
    }

    /// Updates the thresholds from `vote` (made by ``vote(for:)`` on `x` before any learning), then trains the
    /// ensemble on `x`.
    /// - Parameters:
    ///   - x: the instance.
    ///   - label: its class index.
    ///   - weight: the instance weight.
    ///   - vote: the vote this wrapper made for `x` in its current state.
    @inlinable public mutating func learn(_ x: Instance, label: Int, weight: Double, after vote: Vote) {
        guard accepts(label: label, weight: weight) else { return }
        _labelledPredictions += 1
        _abstainedMemberVotes += vote.abstainedMembers
        if vote.allAbstained { _allAbstainedPredictions += 1 }
        switch configuration.thresholdMode {
        case .global:
            _thresholds[0] = moved(_thresholds[0], correct: vote.predictedClass == label)
        case .perMember:
            for m in _thresholds.indices where m < vote.memberPredictions.count && vote.memberPredictions[m] >= 0 {
                _thresholds[m] = moved(_thresholds[m], correct: vote.memberPredictions[m] == label)
            }
        }
        _ensemble.learn(x, label: label, weight: weight)
    }

    @inlinable @inline(__always) func moved(_ theta: Double, correct: Bool) -> Double {
        let lower = correct == (configuration.direction == .lowerWhenCorrect)
        let next = lower ? theta - configuration.step : theta + configuration.step
        return min(max(next, configuration.minimumThreshold), configuration.maximumThreshold)
    }
}

extension AbstainingEnsemble: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(configuration.initialThreshold)
        writer.write(configuration.step)
        writer.write(configuration.direction.rawValue)
        writer.write(configuration.thresholdMode.rawValue)
        writer.write(_ensemble)
        writer.write(_thresholds)
        writer.write(_labelledPredictions)
        writer.write(_abstainedMemberVotes)
        writer.write(_allAbstainedPredictions)
    }

    public init(from reader: inout BinaryReader) throws {
        let start = reader.offset
        let initial: Double = try reader.read()
        let step: Double = try reader.read()
        guard let direction = UpdateDirection(rawValue: try reader.read(UInt8.self)),
              let mode = ThresholdMode(rawValue: try reader.read(UInt8.self)) else {
            throw ModelFormatError("unknown abstaining direction or threshold mode", offset: reader.offset - 1)
        }
        let configuration = Configuration(initialThreshold: initial, step: step, direction: direction, thresholdMode: mode)
        do { try configuration.validate() } catch {
            throw ModelFormatError("invalid abstaining configuration: \(error)", offset: start)
        }
        self.configuration = configuration
        _ensemble = try reader.read()
        _thresholds = try reader.read()
        let expected = mode == .global ? 1 : _ensemble.memberCount
        guard _thresholds.count == expected else {
            throw ModelFormatError("expected \(expected) thresholds, found \(_thresholds.count)", offset: start)
        }
        _labelledPredictions = try reader.read()
        _abstainedMemberVotes = try reader.read()
        _allAbstainedPredictions = try reader.read()
    }
}

/// Whether one threshold serves all members or each member has its own.
public enum AbstentionThresholdMode: UInt8, Sendable, Hashable, CaseIterable {
    /// One θ for every member, moved by the ensemble's own correctness.
    case global = 0
    /// One θ per member, each moved by that member's correctness (its own argmax against the label).
    case perMember = 1
}

/// Which way a threshold moves after a correct prediction (it moves the other way after a wrong one).
public enum AbstentionUpdateDirection: UInt8, Sendable, Hashable, CaseIterable {
    /// Down when right (more members may vote), up when wrong (only confident members vote): the default.
    case lowerWhenCorrect = 0
    /// Up when right, down when wrong.
    case raiseWhenCorrect = 1
}

/// The hyperparameters of the abstaining wrapper.
public struct AbstainingConfiguration: Sendable, Hashable {
    /// θ₀, the starting threshold; 0.65 by default, inside [step, 1 − step].
    public var initialThreshold: Double
    /// How far θ moves after each labelled prediction; 0.01 by default, in (0, 0.5).
    public var step: Double
    /// Which way θ moves after a correct prediction; ``AbstentionUpdateDirection/lowerWhenCorrect`` by default.
    public var direction: AbstentionUpdateDirection
    /// Global or per-member thresholds; ``AbstentionThresholdMode/global`` by default.
    public var thresholdMode: AbstentionThresholdMode

    /// Creates a configuration.
    /// - Parameters:
    ///   - initialThreshold: θ₀, inside [step, 1 − step].
    ///   - step: the update step, in (0, 0.5).
    ///   - direction: which way θ moves after a correct prediction.
    ///   - thresholdMode: global or per-member thresholds.
    public init(initialThreshold: Double = 0.65, step: Double = 0.01,
                direction: AbstentionUpdateDirection = .lowerWhenCorrect, thresholdMode: AbstentionThresholdMode = .global) {
        self.initialThreshold = initialThreshold
        self.step = step
        self.direction = direction
        self.thresholdMode = thresholdMode
    }

    /// The lowest value a threshold can take (the step).
    public var minimumThreshold: Double { step }
    /// The highest value a threshold can take (1 − step).
    public var maximumThreshold: Double { 1 - step }

    /// Checks every parameter.
    /// - Throws: ``ConfigurationError`` naming the first parameter out of range.
    public func validate() throws {
        try ConfigurationError.check(step > 0 && step < 0.5, "step", step, accepted: "a value in (0, 0.5)")
        try ConfigurationError.check(
            initialThreshold >= minimumThreshold && initialThreshold <= maximumThreshold,
            "initialThreshold", initialThreshold, accepted: "a value in [step, 1 - step] = [\(step), \(1 - step)]")
    }
}
