import Configuration
import OnlineLearning

/// Which model to build and with what hyperparameters, read from `EDDY_` environment variables.
///
/// Every key, its type, default and accepted range is listed in ``keys`` (and by `eddy replay --help`).
/// Defaults are MOA's, so that an unconfigured run reproduces MOA's reference numbers.
public struct ModelSpec: Sendable, Hashable {
    /// The learners and ensembles Eddy can build (`EDDY_MODEL`, `EDDY_BASE_LEARNER`).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Predicts the most frequent class (MOA `functions.MajorityClass`).
        case majority
        /// Predicts the previous label (MOA `functions.NoChange`).
        case noChange = "no_change"
        /// Gaussian/nominal naive Bayes (MOA `bayes.NaiveBayes`).
        case naiveBayes = "naive_bayes"
        /// Softmax regression trained by SGD.
        case logisticRegression = "logistic_regression"
        /// VFDT (MOA `trees.HoeffdingTree`).
        case hoeffdingTree = "hoeffding_tree"
        /// Hoeffding adaptive tree (MOA `trees.HoeffdingAdaptiveTree`).
        case hoeffdingAdaptiveTree = "hoeffding_adaptive_tree"
        /// Online bagging (MOA `meta.OzaBag`).
        case onlineBagging = "online_bagging"
        /// Leveraging bagging (MOA `meta.LeveragingBag`).
        case leveragingBagging = "leveraging_bagging"
        /// ADWIN bagging (MOA `meta.OzaBagAdwin`).
        case adwinBagging = "adwin_bagging"
        /// Adaptive random forest (MOA `meta.AdaptiveRandomForest`).
        case adaptiveRandomForest = "adaptive_random_forest"

        /// True for the ensembles, which take a base learner and can abstain.
        public var isEnsemble: Bool {
            switch self {
            case .onlineBagging, .leveragingBagging, .adwinBagging, .adaptiveRandomForest: true
            default: false
            }
        }

        /// The single learners, accepted as `EDDY_BASE_LEARNER`.
        public static var baseLearners: [Kind] { allCases.filter { !$0.isEnsemble } }
    }

    /// How abstaining thresholds are kept (`EDDY_ABSTAIN_MODE`).
    public enum AbstainMode: String, Sendable, Hashable, CaseIterable {
        /// One threshold for the whole ensemble.
        case global
        /// One threshold per member.
        case perMember = "per_member"
    }

    /// Which way a correct vote moves the threshold (`EDDY_ABSTAIN_DIRECTION`).
    public enum AbstainDirection: String, Sendable, Hashable, CaseIterable {
        /// Right answers lower θ (members vote more), wrong ones raise it (design.md §5).
        case lowerWhenCorrect = "lower_when_correct"
        /// The opposite reading of the paper.
        case raiseWhenCorrect = "raise_when_correct"
    }

    /// The model (`EDDY_MODEL`).
    public var model: Kind = .hoeffdingTree
    /// The number of ensemble members (`EDDY_ENSEMBLE_SIZE`).
    public var ensembleSize = 10
    /// The ensembles' member learner (`EDDY_BASE_LEARNER`).
    public var baseLearner: Kind = .hoeffdingTree
    /// Whether the ensemble is wrapped in an abstaining ensemble (`EDDY_ABSTAIN`).
    public var abstain = false
    /// The seed of every random choice (`EDDY_SEED`).
    public var seed: UInt64 = 1
    /// The abstaining ensemble's initial threshold θ₀ (`EDDY_ABSTAIN_THETA0`).
    public var abstainTheta0 = 0.65
    /// The abstaining threshold's step (`EDDY_ABSTAIN_STEP`).
    public var abstainStep = 0.01
    /// Global or per-member thresholds (`EDDY_ABSTAIN_MODE`).
    public var abstainMode: AbstainMode = .global
    /// The direction of the threshold update (`EDDY_ABSTAIN_DIRECTION`).
    public var abstainDirection: AbstainDirection = .lowerWhenCorrect
    /// How Hoeffding tree leaves predict (`EDDY_HT_LEAF_PREDICTION`).
    public enum LeafPrediction: String, Sendable, Hashable, CaseIterable {
        /// Majority class.
        case mc
        /// Naive Bayes.
        case nb
        /// Naive Bayes when it has been more accurate than the majority class (MOA's default).
        case nba
    }

    /// The Hoeffding tree's split criterion (`EDDY_HT_SPLIT_CRITERION`).
    public enum SplitCriterionName: String, Sendable, Hashable, CaseIterable {
        /// Information gain with MOA's minimum branch fraction 0.01.
        case infoGain = "info_gain"
        /// Gini impurity reduction.
        case gini
    }

    /// The Hoeffding tree's leaf prediction (`EDDY_HT_LEAF_PREDICTION`).
    public var htLeafPrediction: LeafPrediction = .nba
    /// The Hoeffding tree's split criterion (`EDDY_HT_SPLIT_CRITERION`).
    public var htSplitCriterion: SplitCriterionName = .infoGain
    /// The forest trees' grace period (`EDDY_ARF_GRACE_PERIOD`; MOA's `ARFHoeffdingTree -g 50`).
    public var arfGracePeriod = 50
    /// The forest trees' split confidence (`EDDY_ARF_SPLIT_CONFIDENCE`; MOA's `ARFHoeffdingTree -c 0.01`).
    public var arfSplitConfidence = 0.01
    /// The percentage of attributes each forest leaf watches (`EDDY_ARF_SUBSPACE_PERCENT`; MOA `-o Percentage -m 60`).
    public var arfSubspacePercent = 60
    /// The Hoeffding tree's grace period (`EDDY_HT_GRACE_PERIOD`).
    public var htGracePeriod = 200
    /// The Hoeffding tree's split confidence δ (`EDDY_HT_SPLIT_CONFIDENCE`).
    public var htSplitConfidence = 1e-7
    /// The Hoeffding tree's tie threshold τ (`EDDY_HT_TIE_THRESHOLD`).
    public var htTieThreshold = 0.05
    /// Logistic regression's hyperparameters (`EDDY_LR_*`).
    public var logisticRegression = LogisticRegression.Configuration()
    /// Online bagging's Poisson mean (`EDDY_BAG_LAMBDA`).
    public var baggingLambda = 1.0
    /// Leveraging bagging's Poisson mean (`EDDY_LEVBAG_LAMBDA`).
    public var leveragingLambda = 6.0
    /// The ADWIN confidence of ADWIN and leveraging bagging's detectors (`EDDY_ADWIN_DELTA`).
    public var adwinDelta = 0.002
    /// The adaptive random forest's Poisson mean (`EDDY_ARF_LAMBDA`).
    public var arfLambda = 6.0
    /// The forest's warning detector confidence (`EDDY_ARF_WARNING_DELTA`).
    public var arfWarningDelta = 0.01
    /// The forest's drift detector confidence (`EDDY_ARF_DRIFT_DELTA`).
    public var arfDriftDelta = 0.001

    /// Creates the default specification (a Hoeffding tree with MOA's defaults).
    public init() {}

    /// Reads every key of ``keys``, leaving defaults for unset ones.
    /// - Parameter config: the configuration (the environment, in the command line).
    /// - Throws: ``ConfigurationKeyError`` naming the first key with a bad value, or a key that does not fit
    ///   the chosen model (a non-ensemble `EDDY_BASE_LEARNER`, `EDDY_ABSTAIN` without an ensemble).
    public init(config: ConfigReader) throws {
        let r = ConfigurationKeyReader(config: config)
        let unit = "a value in (0, 1)"
        model = try r.choice("EDDY_MODEL", default: model)
        ensembleSize = try r.int("EDDY_ENSEMBLE_SIZE", default: ensembleSize, in: 1...10_000)
        baseLearner = try r.choice("EDDY_BASE_LEARNER", default: baseLearner)
        if baseLearner.isEnsemble {
            throw ConfigurationKeyError(key: "EDDY_BASE_LEARNER", value: baseLearner.rawValue,
                                        accepted: "one of " + Kind.baseLearners.map(\.rawValue).joined(separator: ", "))
        }
        abstain = try r.bool("EDDY_ABSTAIN", default: abstain)
        if abstain && !model.isEnsemble {
            throw ConfigurationKeyError(key: "EDDY_ABSTAIN", value: "true",
                                        accepted: "false unless EDDY_MODEL is an ensemble (online_bagging, leveraging_bagging, adwin_bagging, adaptive_random_forest)")
        }
        seed = try r.uint64("EDDY_SEED", default: seed)
        abstainTheta0 = try r.double("EDDY_ABSTAIN_THETA0", default: abstainTheta0, accepted: unit) { $0 > 0 && $0 < 1 }
        abstainStep = try r.double("EDDY_ABSTAIN_STEP", default: abstainStep, accepted: "a value in (0, 0.5)") { $0 > 0 && $0 < 0.5 }
        abstainMode = try r.choice("EDDY_ABSTAIN_MODE", default: abstainMode)
        abstainDirection = try r.choice("EDDY_ABSTAIN_DIRECTION", default: abstainDirection)
        htGracePeriod = try r.int("EDDY_HT_GRACE_PERIOD", default: htGracePeriod, in: 1...Int.max)
        htSplitConfidence = try r.double("EDDY_HT_SPLIT_CONFIDENCE", default: htSplitConfidence, accepted: unit) { $0 > 0 && $0 < 1 }
        htTieThreshold = try r.double("EDDY_HT_TIE_THRESHOLD", default: htTieThreshold, accepted: "a value in [0, 1]") { $0 >= 0 && $0 <= 1 }
        htLeafPrediction = try r.choice("EDDY_HT_LEAF_PREDICTION", default: htLeafPrediction)
        htSplitCriterion = try r.choice("EDDY_HT_SPLIT_CRITERION", default: htSplitCriterion)
        arfGracePeriod = try r.int("EDDY_ARF_GRACE_PERIOD", default: arfGracePeriod, in: 1...Int.max)
        arfSplitConfidence = try r.double("EDDY_ARF_SPLIT_CONFIDENCE", default: arfSplitConfidence, accepted: unit) { $0 > 0 && $0 < 1 }
        arfSubspacePercent = try r.int("EDDY_ARF_SUBSPACE_PERCENT", default: arfSubspacePercent, in: 1...100)
        logisticRegression.learningRate = try r.double("EDDY_LR_LEARNING_RATE", default: logisticRegression.learningRate, accepted: "a value > 0") { $0 > 0 }
        logisticRegression.interceptLearningRate = try r.double("EDDY_LR_INTERCEPT_LEARNING_RATE", default: logisticRegression.interceptLearningRate, accepted: "a value ≥ 0") { $0 >= 0 }
        logisticRegression.l2 = try r.double("EDDY_LR_L2", default: logisticRegression.l2, accepted: "a value ≥ 0") { $0 >= 0 }
        logisticRegression.standardize = try r.bool("EDDY_LR_STANDARDIZE", default: logisticRegression.standardize)
        logisticRegression.seed = seed
        baggingLambda = try r.double("EDDY_BAG_LAMBDA", default: baggingLambda, accepted: "a value > 0") { $0 > 0 }
        leveragingLambda = try r.double("EDDY_LEVBAG_LAMBDA", default: leveragingLambda, accepted: "a value ≥ 1") { $0 >= 1 }
        adwinDelta = try r.double("EDDY_ADWIN_DELTA", default: adwinDelta, accepted: unit) { $0 > 0 && $0 < 1 }
        arfLambda = try r.double("EDDY_ARF_LAMBDA", default: arfLambda, accepted: "a value ≥ 1") { $0 >= 1 }
        arfWarningDelta = try r.double("EDDY_ARF_WARNING_DELTA", default: arfWarningDelta, accepted: unit) { $0 > 0 && $0 < 1 }
        arfDriftDelta = try r.double("EDDY_ARF_DRIFT_DELTA", default: arfDriftDelta, accepted: unit) { $0 > 0 && $0 < 1 }
    }

    /// Every key ``init(config:)`` reads, with its type, default, accepted values and meaning.
    public static let keys: [ConfigurationKeyDoc] = {
        let kinds = Kind.allCases.map(\.rawValue).joined(separator: ", ")
        let bases = Kind.baseLearners.map(\.rawValue).joined(separator: ", ")
        return [
            .init(name: "EDDY_MODEL", type: "string", defaultValue: "hoeffding_tree", accepted: kinds, summary: "the model to build"),
            .init(name: "EDDY_ENSEMBLE_SIZE", type: "integer", defaultValue: "10", accepted: "1...10000", summary: "members of an ensemble"),
            .init(name: "EDDY_BASE_LEARNER", type: "string", defaultValue: "hoeffding_tree", accepted: bases, summary: "the ensembles' member learner"),
            .init(name: "EDDY_ABSTAIN", type: "boolean", defaultValue: "false", accepted: "true, false (ensembles only)", summary: "wrap the ensemble in an abstaining ensemble (Krawczyk & Cano 2018)"),
            .init(name: "EDDY_SEED", type: "integer", defaultValue: "1", accepted: "0...2^64-1", summary: "seed of every random choice"),
            .init(name: "EDDY_ABSTAIN_THETA0", type: "real", defaultValue: "0.65", accepted: "(0, 1)", summary: "initial confidence threshold θ₀"),
            .init(name: "EDDY_ABSTAIN_STEP", type: "real", defaultValue: "0.01", accepted: "(0, 0.5)", summary: "threshold step after each labelled prediction"),
            .init(name: "EDDY_ABSTAIN_MODE", type: "string", defaultValue: "global", accepted: "global, per_member", summary: "one threshold, or one per member"),
            .init(name: "EDDY_ABSTAIN_DIRECTION", type: "string", defaultValue: "lower_when_correct", accepted: "lower_when_correct, raise_when_correct", summary: "how a right answer moves θ"),
            .init(name: "EDDY_HT_GRACE_PERIOD", type: "integer", defaultValue: "200", accepted: "≥ 1", summary: "Hoeffding tree: instances between split attempts (MOA -g)"),
            .init(name: "EDDY_HT_SPLIT_CONFIDENCE", type: "real", defaultValue: "1e-7", accepted: "(0, 1)", summary: "Hoeffding tree: split confidence δ (MOA -c)"),
            .init(name: "EDDY_HT_TIE_THRESHOLD", type: "real", defaultValue: "0.05", accepted: "[0, 1]", summary: "Hoeffding tree: tie threshold τ (MOA -t)"),
            .init(name: "EDDY_HT_LEAF_PREDICTION", type: "string", defaultValue: "nba", accepted: "mc, nb, nba", summary: "Hoeffding tree: leaf prediction (MOA -l)"),
            .init(name: "EDDY_HT_SPLIT_CRITERION", type: "string", defaultValue: "info_gain", accepted: "info_gain, gini", summary: "Hoeffding tree: split criterion (MOA -s)"),
            .init(name: "EDDY_LR_LEARNING_RATE", type: "real", defaultValue: "0.01", accepted: "> 0", summary: "logistic regression: SGD step size"),
            .init(name: "EDDY_LR_INTERCEPT_LEARNING_RATE", type: "real", defaultValue: "0.01", accepted: "≥ 0", summary: "logistic regression: intercept step size"),
            .init(name: "EDDY_LR_L2", type: "real", defaultValue: "0", accepted: "≥ 0", summary: "logistic regression: L2 penalty"),
            .init(name: "EDDY_LR_STANDARDIZE", type: "boolean", defaultValue: "true", accepted: "true, false", summary: "logistic regression: standardise numeric inputs"),
            .init(name: "EDDY_BAG_LAMBDA", type: "real", defaultValue: "1", accepted: "> 0", summary: "online bagging: Poisson mean"),
            .init(name: "EDDY_LEVBAG_LAMBDA", type: "real", defaultValue: "6", accepted: "≥ 1", summary: "leveraging bagging: Poisson mean (MOA -w)"),
            .init(name: "EDDY_ADWIN_DELTA", type: "real", defaultValue: "0.002", accepted: "(0, 1)", summary: "ADWIN/leveraging bagging: detector confidence"),
            .init(name: "EDDY_ARF_LAMBDA", type: "real", defaultValue: "6", accepted: "≥ 1", summary: "adaptive random forest: Poisson mean (MOA -a)"),
            .init(name: "EDDY_ARF_WARNING_DELTA", type: "real", defaultValue: "0.01", accepted: "(0, 1)", summary: "adaptive random forest: warning detector δ (MOA -p)"),
            .init(name: "EDDY_ARF_DRIFT_DELTA", type: "real", defaultValue: "0.001", accepted: "(0, 1)", summary: "adaptive random forest: drift detector δ (MOA -x)"),
            .init(name: "EDDY_ARF_GRACE_PERIOD", type: "integer", defaultValue: "50", accepted: "≥ 1", summary: "adaptive random forest: trees' grace period"),
            .init(name: "EDDY_ARF_SPLIT_CONFIDENCE", type: "real", defaultValue: "0.01", accepted: "(0, 1)", summary: "adaptive random forest: trees' split confidence"),
            .init(name: "EDDY_ARF_SUBSPACE_PERCENT", type: "integer", defaultValue: "60", accepted: "1...100", summary: "adaptive random forest: % of attributes per leaf (MOA -m)"),
        ]
    }()

    /// The effective value of every key, for reports (`summary.json`'s `config`).
    public var effectiveValues: [String: String] {
        [
            "EDDY_MODEL": model.rawValue, "EDDY_ENSEMBLE_SIZE": "\(ensembleSize)", "EDDY_BASE_LEARNER": baseLearner.rawValue,
            "EDDY_ABSTAIN": "\(abstain)", "EDDY_SEED": "\(seed)", "EDDY_ABSTAIN_THETA0": "\(abstainTheta0)",
            "EDDY_ABSTAIN_STEP": "\(abstainStep)", "EDDY_ABSTAIN_MODE": abstainMode.rawValue,
            "EDDY_ABSTAIN_DIRECTION": abstainDirection.rawValue, "EDDY_HT_GRACE_PERIOD": "\(htGracePeriod)",
            "EDDY_HT_SPLIT_CONFIDENCE": "\(htSplitConfidence)", "EDDY_HT_TIE_THRESHOLD": "\(htTieThreshold)",
            "EDDY_LR_LEARNING_RATE": "\(logisticRegression.learningRate)",
            "EDDY_LR_INTERCEPT_LEARNING_RATE": "\(logisticRegression.interceptLearningRate)",
            "EDDY_LR_L2": "\(logisticRegression.l2)", "EDDY_LR_STANDARDIZE": "\(logisticRegression.standardize)",
            "EDDY_BAG_LAMBDA": "\(baggingLambda)", "EDDY_LEVBAG_LAMBDA": "\(leveragingLambda)", "EDDY_ADWIN_DELTA": "\(adwinDelta)",
            "EDDY_HT_LEAF_PREDICTION": htLeafPrediction.rawValue, "EDDY_HT_SPLIT_CRITERION": htSplitCriterion.rawValue,
            "EDDY_ARF_GRACE_PERIOD": "\(arfGracePeriod)", "EDDY_ARF_SPLIT_CONFIDENCE": "\(arfSplitConfidence)",
            "EDDY_ARF_SUBSPACE_PERCENT": "\(arfSubspacePercent)",
            "EDDY_ARF_LAMBDA": "\(arfLambda)", "EDDY_ARF_WARNING_DELTA": "\(arfWarningDelta)", "EDDY_ARF_DRIFT_DELTA": "\(arfDriftDelta)",
        ]
    }

    /// A short human name of the model, such as `leveraging_bagging(10 × hoeffding_tree)`.
    public var displayName: String {
        guard model.isEnsemble else { return model.rawValue }
        let inner = "\(model.rawValue)(\(ensembleSize) × \(baseLearner.rawValue))"
        return abstain ? "abstaining \(inner)" : inner
    }

    /// The key table as text, for command help: one paragraph per key (help output wraps long lines).
    public static var helpTable: String {
        keys.map { k in "\(k.name) (\(k.type), default \(k.defaultValue); accepts \(k.accepted)): \(k.summary)." }
            .joined(separator: "\n")
    }
}
