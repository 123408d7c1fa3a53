/// One tree of an ``AdaptiveRandomForest`` with its accuracy, its detectors and its background tree.
///
/// MOA's `ARFBaseLearner`: the accuracy counts the tree's test-then-train results since it was created or
/// swapped in; the warning and drift detectors watch its 0/1 error after learning; the background tree, once
/// a warning started it, learns alongside and replaces the tree on the next drift.
public struct ForestMember<Base: Classifier>: Sendable {
    /// The tree that votes.
    public var tree: Base { _tree }
    @usableFromInline var _tree: Base
    /// The tree started at the latest warning, if any; it does not vote.
    public var background: Base? { _background }
    @usableFromInline var _background: Base?
    /// The weight of the instances the tree was scored on since it started voting.
    public var scored: Double { _scored }
    @usableFromInline var _scored: Double = 0
    /// The weight of those it classified correctly.
    public var correct: Double { _correct }
    @usableFromInline var _correct: Double = 0
    /// How many warnings started a background tree.
    public var warnings: Int { _warnings }
    @usableFromInline var _warnings: Int = 0
    /// How many drifts replaced the tree.
    public var drifts: Int { _drifts }
    @usableFromInline var _drifts: Int = 0
    @usableFromInline var warningDetector: ADWIN
    @usableFromInline var driftDetector: ADWIN

    @usableFromInline init(tree: Base, configuration: AdaptiveRandomForestConfiguration) {
        _tree = tree
        // The deltas were validated with the configuration, so these cannot fail; fall back to the defaults
        // rather than trap if they ever did.
        warningDetector = (try? ADWIN(delta: configuration.warningDelta)) ?? ADWIN()
        driftDetector = (try? ADWIN(delta: configuration.driftDelta)) ?? ADWIN()
    }

    /// The tree's accuracy since it started voting, in [0, 1] (0 before any instance).
    @inlinable public var accuracy: Double { _scored > 0 ? _correct / _scored : 0 }

    /// Records whether the tree, before learning `x`, predicts its label.
    @inlinable mutating func score(_ x: Instance, label: Int) {
        _scored += 1
        if _tree.classifiesCorrectly(x, label: label) { _correct += 1 }
    }

    /// Trains the tree with weight `weight · k` and the background tree with `weight`, then updates the
    /// detectors from the tree's error on `x` after learning.
    @inlinable mutating func learn(_ x: Instance, label: Int, weight: Double, k: Double, prototype: Base,
                        configuration: AdaptiveRandomForestConfiguration) {
        _tree.learn(x, label: label, weight: weight * k)
        _background?.learn(x, label: label, weight: weight)
        guard configuration.driftDetection else { return }
        let error: Double = _tree.classifiesCorrectly(x, label: label) ? 0 : 1
        if configuration.backgroundLearners && Self.rises(&warningDetector, error) {
            _warnings += 1
            _background = prototype
            warningDetector = Self.fresh(warningDetector)
        }
        if Self.rises(&driftDetector, error) {
            _drifts += 1
            if configuration.backgroundLearners, let replacement = _background {
                _tree = replacement
                _background = nil
                warningDetector = Self.fresh(warningDetector)
            } else {
                _tree = prototype
            }
            driftDetector = Self.fresh(driftDetector)
            _scored = 0
            _correct = 0
        }
    }

    /// Feeds `error` to `detector`; true when it detected a change with a higher error estimate.
    @inlinable @inline(__always)
    static func rises(_ detector: inout ADWIN, _ error: Double) -> Bool {
        let before = detector.estimation
        return detector.update(error) == .drift && detector.estimation > before
    }

    @inlinable static func fresh(_ detector: ADWIN) -> ADWIN {
        var d = detector
        d.reset()
        return d
    }
}

extension ForestMember: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(_tree)
        writer.write(_background)
        writer.write(_scored)
        writer.write(_correct)
        writer.write(_warnings)
        writer.write(_drifts)
        writer.write(warningDetector)
        writer.write(driftDetector)
    }

    public init(from reader: inout BinaryReader) throws {
        _tree = try reader.read()
        _background = try reader.read()
        _scored = try reader.read()
        _correct = try reader.read()
        _warnings = try reader.read()
        _drifts = try reader.read()
        warningDetector = try reader.read()
        driftDetector = try reader.read()
    }
}
