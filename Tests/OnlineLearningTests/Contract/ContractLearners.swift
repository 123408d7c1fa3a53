import OnlineLearning

/// Every classifier the contract suite checks. Adding a learner is one line in ``ContractLearner/all``.
///
/// A case builds its learner from a header and a seed; the generic constructor ``of(_:_:)`` remembers the
/// concrete type so that the suite can decode saved bytes back into it.
struct ContractLearner: Sendable, CustomStringConvertible {
    let description: String
    let make: @Sendable (Header, UInt64) throws -> any Classifier
    let roundTrip: @Sendable (any Classifier) throws -> any Classifier

    static func of<C: Classifier>(_ name: String, _ make: @escaping @Sendable (Header, UInt64) throws -> C) -> ContractLearner {
        ContractLearner(
            description: name,
            make: { try make($0, $1) },
            roundTrip: { model in
                guard let typed = model as? C else { throw ReferenceError("\(name): not a \(C.self)") }
                return try ModelEnvelope.decode(C.self, tag: name, from: ModelEnvelope.encode(typed, tag: name))
            }
        )
    }

    /// The learners on main. One line each: name, then how to build one from a header and a seed.
    static let all: [ContractLearner] = [
        .of("majority") { h, _ in MajorityClass(header: h) },
        .of("no_change") { h, _ in NoChange(header: h) },
        .of("naive_bayes") { h, _ in NaiveBayes(header: h) },
        .of("hoeffding_tree") { h, seed in
            var c = HoeffdingTree.Configuration()
            c.gracePeriod = 25
            return try HoeffdingTree(header: h, configuration: c, seed: seed)
        },
        .of("hoeffding_tree_subspace_mc_gini") { h, seed in
            var c = HoeffdingTree.Configuration()
            c.gracePeriod = 20
            c.attributeSubsetSize = 2
            c.leafPrediction = .majorityClass
            c.splitCriterion = .gini
            return try HoeffdingTree(header: h, configuration: c, seed: seed)
        },
        .of("hoeffding_adaptive_tree") { h, seed in
            var c = HoeffdingAdaptiveTree.Configuration()
            c.gracePeriod = 25
            return try HoeffdingAdaptiveTree(header: h, configuration: c, seed: seed)
        },
        .of("adaptive_random_forest_of_trees") { h, seed in
            var tree = AdaptiveRandomForest<HoeffdingTree>.defaultTreeConfiguration
            tree.gracePeriod = 20
            return try AdaptiveRandomForest(header: h, configuration: .init(ensembleSize: 3), tree: tree, seed: seed)
        },
        .of("logistic_regression") { h, seed in
            var c = LogisticRegression.Configuration()
            c.seed = seed
            c.initialWeightScale = 0
            return try LogisticRegression(header: h, configuration: c)
        },
        .of("logistic_regression_l2_random_init") { h, seed in
            var c = LogisticRegression.Configuration()
            c.seed = seed
            c.l2 = 0.001
            c.initialWeightScale = 0.1
            return try LogisticRegression(header: h, configuration: c)
        },
        .of("online_bagging") { h, seed in
            try OnlineBagging(prototype: LogisticRegression(header: h), configuration: .init(ensembleSize: 3), seed: seed)
        },
        .of("leveraging_bagging") { h, seed in
            try LeveragingBagging(prototype: LogisticRegression(header: h), detector: TestWindowDetector(),
                                  configuration: .init(ensembleSize: 3), seed: seed)
        },
        .of("adwin_bagging") { h, seed in
            try ADWINBagging(prototype: LogisticRegression(header: h), detector: TestWindowDetector(),
                             configuration: .init(ensembleSize: 3), seed: seed)
        },
        .of("leveraging_bagging_adwin") { h, seed in
            try LeveragingBagging(prototype: LogisticRegression(header: h), configuration: .init(ensembleSize: 3), seed: seed)
        },
        .of("adaptive_random_forest") { h, seed in
            try AdaptiveRandomForest(prototype: LogisticRegression(header: h), configuration: .init(ensembleSize: 3), seed: seed)
        },
        .of("abstaining_online_bagging_per_member") { h, seed in
            try AbstainingEnsemble(
                ensemble: OnlineBagging(prototype: LogisticRegression(header: h), configuration: .init(ensembleSize: 3), seed: seed),
                configuration: .init(thresholdMode: .perMember))
        },
    ]
}

/// Every drift detector the contract suite checks. Adding a detector is one line in ``ContractDetector/all``.
struct ContractDetector: Sendable, CustomStringConvertible {
    let description: String
    let make: @Sendable (UInt64) throws -> any DriftDetector
    let roundTrip: @Sendable (any DriftDetector) throws -> any DriftDetector

    static func of<D: DriftDetector>(_ name: String, _ make: @escaping @Sendable (UInt64) throws -> D) -> ContractDetector {
        ContractDetector(
            description: name,
            make: { try make($0) },
            roundTrip: { detector in
                guard let typed = detector as? D else { throw ReferenceError("\(name): not a \(D.self)") }
                return try ModelEnvelope.decode(D.self, tag: name, from: ModelEnvelope.encode(typed, tag: name))
            }
        )
    }

    /// The detectors on main. One line each: name, then how to build one from a seed.
    static let all: [ContractDetector] = [
        .of("adwin") { _ in ADWIN() },
        .of("ddm") { _ in DDM() },
        .of("eddm") { _ in EDDM() },
        .of("hddm_a") { _ in HDDMA() },
        .of("page_hinkley") { _ in PageHinkley() },
        .of("kswin") { seed in try KSWIN(.init(seed: seed)) },
    ]
}
