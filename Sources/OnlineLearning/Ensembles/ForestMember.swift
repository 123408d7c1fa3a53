/// One tree of an ``AdaptiveRandomForest`` with its accuracy, its detectors and its background tree.
///
/// MOA's `ARFBaseLearner`: the accuracy counts the tree's test-then-train results since it was created or
/// swapped in; the warning and drift detectors watch its 0/1 error after learning; the background tree, once
/// a warning started it, learns alongside and replaces the tree on the next drift.
public struct ForestMember<Base: Classifier>: Sendable {
    /// The tree that votes.
    public private(set) var tree: Base
    /// The tree started at the latest warning, if any; it does not vote.
    public private(set) var background: Base?
    /// The weight of the instances the tree was scored on since it started voting.
    public private(set) var scored: Double = 0
    /// The weight of those it classified correctly.
    public private(set) var correct: Double = 0
    /// How many warnings started a background tree.
    public private(set) var warnings: Int = 0
    /// How many drifts replaced the tree.
    public private(set) var drifts: Int = 0
    private var warningDetector: ADWIN
    private var driftDetector: ADWIN

    init(tree: Base, configuration: AdaptiveRandomForestConfiguration) {
        self.tree = tree
        // The deltas were validated with the configuration, so these cannot fail; fall back to the defaults
        // rather than trap if they ever did.
        warningDetector = (try? ADWIN(delta: configuration.warningDelta)) ?? ADWIN()
        driftDetector = (try? ADWIN(delta: configuration.driftDelta)) ?? ADWIN()
    }

    /// The tree's accuracy since it started voting, in [0, 1] (0 before any instance).
    public var accuracy: Double { scored > 0 ? correct / scored : 0 }

    /// Records whether the tree, before learning `x`, predicts its label.
    mutating func score(_ x: Instance, label: Int) {
        scored += 1
        if tree.classifiesCorrectly(x, label: label) { correct += 1 }
    }

    /// Trains the tree with weight `weight · k` and the background tree with `weight`, then updates the
    /// detectors from the tree's error on `x` after learning.
    mutating func learn(_ x: Instance, label: Int, weight: Double, k: Double, prototype: Base,
                        configuration: AdaptiveRandomForestConfiguration) {
        tree.learn(x, label: label, weight: weight * k)
        background?.learn(x, label: label, weight: weight)
        guard configuration.driftDetection else { return }
        let error: Double = tree.classifiesCorrectly(x, label: label) ? 0 : 1
        if configuration.backgroundLearners && Self.rises(&warningDetector, error) {
            warnings += 1
            background = prototype
            warningDetector = Self.fresh(warningDetector)
        }
        if Self.rises(&driftDetector, error) {
            drifts += 1
            if configuration.backgroundLearners, let replacement = background {
                tree = replacement
                background = nil
                warningDetector = Self.fresh(warningDetector)
            } else {
                tree = prototype
            }
            driftDetector = Self.fresh(driftDetector)
            scored = 0
            correct = 0
        }
    }

    /// Feeds `error` to `detector`; true when it detected a change with a higher error estimate.
    @inline(__always)
    private static func rises(_ detector: inout ADWIN, _ error: Double) -> Bool {
        let before = detector.estimation
        return detector.update(error) == .drift && detector.estimation > before
    }

    private static func fresh(_ detector: ADWIN) -> ADWIN {
        var d = detector
        d.reset()
        return d
    }
}

extension ForestMember: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(tree)
        writer.write(background)
        writer.write(scored)
        writer.write(correct)
        writer.write(warnings)
        writer.write(drifts)
        writer.write(warningDetector)
        writer.write(driftDetector)
    }

    public init(from reader: inout BinaryReader) throws {
        tree = try reader.read()
        background = try reader.read()
        scored = try reader.read()
        correct = try reader.read()
        warnings = try reader.read()
        drifts = try reader.read()
        warningDetector = try reader.read()
        driftDetector = try reader.read()
    }
}
