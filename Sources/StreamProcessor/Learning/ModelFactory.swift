import OnlineLearning

/// One test-then-train step on a model of type `C`: predicts `x`, learns it when the label is known
/// (`label` ≥ 0), and reports the prediction and whether the model abstained.
///
/// A plain classifier never abstains; an ``AbstainingEnsemble`` reports that every member abstained, and
/// learns from the very vote it predicted with (its thresholds move after each labelled prediction).
public struct TestThenTrain<C: Classifier>: Sendable {
    /// Performs the step.
    public let step: @Sendable (inout C, Instance, Int) -> (predicted: Int, abstained: Bool)

    /// The step of a classifier that never abstains.
    public static var plain: TestThenTrain<C> {
        TestThenTrain { model, x, label in
            let predicted = model.predict(x)
            if label >= 0 { model.learn(x, label: label, weight: 1) }
            return (predicted, false)
        }
    }
}

extension TestThenTrain {
    /// The step of an abstaining ensemble.
    public static func abstaining<E: Ensemble>() -> TestThenTrain<AbstainingEnsemble<E>> {
        TestThenTrain<AbstainingEnsemble<E>> { model, x, label in
            let vote = model.vote(for: x)
            if label >= 0 { model.learn(x, label: label, weight: 1, after: vote) }
            return (vote.predictedClass, vote.allAbstained)
        }
    }
}

/// Receives the model a ``ModelSpec`` describes, as its concrete type, so that the code run on it (a replay
/// loop, a pipeline) is specialised for that type: the choice made at run time costs one switch, not a
/// dynamic dispatch per instance.
public protocol ModelVisitor {
    /// What the visit produces.
    associatedtype Output

    /// Runs on the built model.
    ///
    /// Every model is an ``ExplainingClassifier`` so that a ``PartitionPipeline`` built on it can say whether
    /// an abstaining ensemble abstained; a learner added to the factory declares that conformance (one line in
    /// `ExplainingClassifier+Conformances.swift`).
    /// - Parameters:
    ///   - model: the untrained model.
    ///   - step: its test-then-train step.
    /// - Throws: whatever the visit throws.
    func visit<C: ExplainingClassifier>(_ model: C, step: TestThenTrain<C>) throws -> Output
}

/// Builds the model of a ``ModelSpec`` for a stream's header and hands it to a ``ModelVisitor``.
public enum ModelFactory {
    /// Builds `spec`'s model for `header` and runs `visitor` on it.
    /// - Parameters:
    ///   - spec: the model and hyperparameters.
    ///   - header: the stream's schema.
    ///   - visitor: what to run on the model.
    /// - Throws: ``ConfigurationKeyError`` when a hyperparameter is rejected by the learner or the model is
    ///   not available in this build; whatever the visitor throws.
    public static func build<V: ModelVisitor>(_ spec: ModelSpec, header: Header, visitor: V) throws -> V.Output {
        if spec.model == .adaptiveRandomForest && spec.baseLearner == .hoeffdingTree {
            // The published forest: MOA's ARFHoeffdingTree settings and random subspaces.
            let forest = try translating("EDDY_ARF_") {
                try AdaptiveRandomForest(
                    header: header,
                    configuration: .init(ensembleSize: spec.ensembleSize, lambda: spec.arfLambda,
                                         warningDelta: spec.arfWarningDelta, driftDelta: spec.arfDriftDelta),
                    tree: treeConfiguration(spec, forest: true, attributeCount: header.attributeCount),
                    subspaceSize: .percentage(spec.arfSubspacePercent), seed: spec.seed)
            }
            return try EnsembleBuilder(spec: spec, visitor: visitor).finish(forest)
        }
        if spec.model.isEnsemble {
            return try single(spec.baseLearner, spec: spec, header: header, key: "EDDY_BASE_LEARNER",
                              visitor: EnsembleBuilder(spec: spec, visitor: visitor))
        }
        return try single(spec.model, spec: spec, header: header, key: "EDDY_MODEL", visitor: visitor)
    }

    /// Builds a single (non-ensemble) learner.
    static func single<V: ModelVisitor>(_ kind: ModelSpec.Kind, spec: ModelSpec, header: Header, key: String, visitor: V) throws -> V.Output {
        switch kind {
        case .majority:
            return try visitor.visit(MajorityClass(header: header), step: .plain)
        case .noChange:
            return try visitor.visit(NoChange(header: header), step: .plain)
        case .naiveBayes:
            return try visitor.visit(NaiveBayes(header: header), step: .plain)
        case .logisticRegression:
            let model = try translating("EDDY_LR_") { try LogisticRegression(header: header, configuration: spec.logisticRegression) }
            return try visitor.visit(model, step: .plain)
        case .hoeffdingTree:
            let forest = spec.model == .adaptiveRandomForest
            let configuration = treeConfiguration(spec, forest: forest, attributeCount: header.attributeCount)
            let model = try translating(forest ? "EDDY_ARF_" : "EDDY_HT_") {
                try HoeffdingTree(header: header, configuration: configuration, seed: spec.seed)
            }
            return try visitor.visit(model, step: .plain)
        case .hoeffdingAdaptiveTree:
            let configuration = treeConfiguration(spec, forest: false, attributeCount: header.attributeCount)
            let model = try translating("EDDY_HT_") {
                try HoeffdingAdaptiveTree(header: header, configuration: configuration, seed: spec.seed)
            }
            return try visitor.visit(model, step: .plain)
        case .onlineBagging, .leveragingBagging, .adwinBagging, .adaptiveRandomForest:
            throw ConfigurationKeyError(key: key, value: kind.rawValue, accepted: "one of " + ModelSpec.Kind.baseLearners.map(\.rawValue).joined(separator: ", "))
        }
    }

    /// The Hoeffding tree settings of `spec`: MOA's `trees.HoeffdingTree` with the `EDDY_HT_` values, or for
    /// the adaptive random forest MOA's `ARFHoeffdingTree -e 2000000 -g 50 -c 0.01` with random subspaces of
    /// `EDDY_ARF_SUBSPACE_PERCENT` % of the attributes (MOA's `-o Percentage -m 60`: round(M·m/100), at least 1).
    static func treeConfiguration(_ spec: ModelSpec, forest: Bool, attributeCount: Int) -> HoeffdingTree.Configuration {
        var c = HoeffdingTree.Configuration()
        c.tieThreshold = spec.htTieThreshold
        c.leafPrediction = switch spec.htLeafPrediction {
        case .mc: .majorityClass
        case .nb: .naiveBayes
        case .nba: .naiveBayesAdaptive
        }
        c.splitCriterion = spec.htSplitCriterion == .gini ? .gini : .default
        if forest {
            c.gracePeriod = spec.arfGracePeriod
            c.splitConfidence = spec.arfSplitConfidence
            c.memoryEstimatePeriod = 2_000_000
            c.attributeSubsetSize = RandomSubspaceSize.percentage(spec.arfSubspacePercent).size(attributeCount: attributeCount)
        } else {
            c.gracePeriod = spec.htGracePeriod
            c.splitConfidence = spec.htSplitConfidence
        }
        return c
    }

    /// The models this build can construct.
    public static let available: [String] = [
        "majority", "no_change", "naive_bayes", "logistic_regression", "hoeffding_tree", "hoeffding_adaptive_tree",
        "online_bagging", "leveraging_bagging", "adwin_bagging", "adaptive_random_forest",
    ]

    /// Runs `body`, turning a learner's ``ConfigurationError`` into a ``ConfigurationKeyError`` for the key
    /// family `prefix` (the learner names its parameter; the person set an environment variable).
    static func translating<T>(_ prefix: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ConfigurationError {
            let shared = ["ensembleSize": "EDDY_ENSEMBLE_SIZE", "initialThreshold": "EDDY_ABSTAIN_THETA0"]
            var snake = ""
            for c in e.parameter {
                if c.isUppercase { snake += "_" }
                snake += c.uppercased()
            }
            throw ConfigurationKeyError(key: shared[e.parameter] ?? prefix + snake, value: e.value, accepted: e.accepted)
        }
    }
}

/// Wraps the base learner it visits in the ensemble the spec names (and the abstaining wrapper if asked).
struct EnsembleBuilder<V: ModelVisitor>: ModelVisitor {
    let spec: ModelSpec
    let visitor: V

    func visit<B: ExplainingClassifier>(_ base: B, step: TestThenTrain<B>) throws -> V.Output {
        let n = spec.ensembleSize, seed = spec.seed
        switch spec.model {
        case .onlineBagging:
            return try finish(ModelFactory.translating("EDDY_BAG_") {
                try OnlineBagging(prototype: base, configuration: .init(ensembleSize: n, lambda: spec.baggingLambda), seed: seed)
            })
        case .leveragingBagging:
            return try finish(ModelFactory.translating("EDDY_LEVBAG_") {
                try LeveragingBagging(prototype: base, configuration: .init(ensembleSize: n, lambda: spec.leveragingLambda),
                                      adwinDelta: spec.adwinDelta, seed: seed)
            })
        case .adwinBagging:
            return try finish(ModelFactory.translating("EDDY_BAG_") {
                try ADWINBagging(prototype: base, configuration: .init(ensembleSize: n, lambda: spec.baggingLambda),
                                 adwinDelta: spec.adwinDelta, seed: seed)
            })
        case .adaptiveRandomForest:
            return try finish(ModelFactory.translating("EDDY_ARF_") {
                try AdaptiveRandomForest(prototype: base, configuration: .init(
                    ensembleSize: n, lambda: spec.arfLambda, warningDelta: spec.arfWarningDelta, driftDelta: spec.arfDriftDelta), seed: seed)
            })
        default:
            throw ConfigurationKeyError(key: "EDDY_MODEL", value: spec.model.rawValue, accepted: "an ensemble")
        }
    }

    func finish<E: Ensemble & ExplainingClassifier>(_ ensemble: E) throws -> V.Output {
        guard spec.abstain else { return try visitor.visit(ensemble, step: .plain) }
        let configuration = AbstainingEnsemble<E>.Configuration(
            initialThreshold: spec.abstainTheta0, step: spec.abstainStep,
            direction: spec.abstainDirection == .lowerWhenCorrect ? .lowerWhenCorrect : .raiseWhenCorrect,
            thresholdMode: spec.abstainMode == .global ? .global : .perMember)
        let wrapped = try ModelFactory.translating("EDDY_ABSTAIN_") { try AbstainingEnsemble(ensemble: ensemble, configuration: configuration) }
        return try visitor.visit(wrapped, step: TestThenTrain<AbstainingEnsemble<E>>.abstaining())
    }
}
