import Testing
import OnlineLearning

/// The classifier contract, checked over every ensemble with a small stand-in base learner.
@Suite struct EnsembleContractTests {
    static let header = ReferenceStream.header
    static let base = TestGaussianNB(header: header)

    static func makers() -> [(String, (UInt64) throws -> any Classifier)] {
        [
            ("OnlineBagging", { try OnlineBagging(prototype: base, seed: $0) }),
            ("LeveragingBagging", { try LeveragingBagging(prototype: base, detector: TestWindowDetector(), seed: $0) }),
            ("ADWINBagging", { try ADWINBagging(prototype: base, detector: TestWindowDetector(), seed: $0) }),
            ("AdaptiveRandomForest", { try AdaptiveRandomForest(prototype: base, seed: $0) }),
            ("LeveragingBaggingOfTrees", { try LeveragingBagging(prototype: HoeffdingTree(header: header), seed: $0) }),
            ("AdaptiveRandomForestOfTrees", { try AdaptiveRandomForest(header: header, seed: $0) }),
            ("AbstainingOnlineBagging", { try AbstainingEnsemble(ensemble: OnlineBagging(prototype: base, seed: $0)) }),
            ("AbstainingLeveragingPerMember", {
                try AbstainingEnsemble(
                    ensemble: LeveragingBagging(prototype: base, detector: TestWindowDetector(), seed: $0),
                    configuration: .init(thresholdMode: .perMember))
            }),
        ]
    }

    static func run<C: Classifier>(_ model: C, _ body: (C) throws -> Void) rethrows { try body(model) }

    @Test(arguments: 0..<8) func sameSeedGivesIdenticalPredictions(index: Int) throws {
        let stream = try ReferenceStream.sea(count: 3_000)[...]
        let make = Self.makers()[index].1
        func predictions(_ model: some Classifier) -> [Int] {
            var m = model
            return EnsembleTesting.prequentialPredictions(&m, stream)
        }
        #expect(predictions(try make(7)) == predictions(try make(7)))
    }

    @Test(arguments: 0..<8) func probabilitiesAreADistributionAndUntrainedIsUniform(index: Int) throws {
        let stream = try ReferenceStream.sea(count: 500)
        func check(_ model: some Classifier) {
            var m = model
            #expect(m.probabilities(for: stream[0].x) == [0.5, 0.5])
            for e in stream { m.learn(e.x, label: e.label) }
            for e in stream.prefix(50) {
                let p = m.probabilities(for: e.x)
                #expect(p.count == 2 && abs(p.reduce(0, +) - 1) < 1e-9 && p.allSatisfy { $0 >= 0 })
            }
            // Missing, short and long instances and unusable labels/weights never crash.
            _ = m.probabilities(for: Instance([.nan, 1]))
            _ = m.probabilities(for: Instance([1, 2, 3, 4, 5]))
            m.learn(Instance([.nan, .nan, .nan]), label: 0)
            m.learn(stream[0].x, label: 5)
            m.learn(stream[0].x, label: 0, weight: -1)
            m.learn(stream[0].x, label: 0, weight: .nan)
        }
        check(try Self.makers()[index].1(3))
    }

    @Test(arguments: 0..<8) func copiesAreIndependent(index: Int) throws {
        let stream = try ReferenceStream.sea(count: 2_000)
        func check<C: Classifier>(_ model: C) {
            var a = model
            for e in stream.prefix(1_000) { a.learn(e.x, label: e.label) }
            var b = a
            let before = stream.suffix(200).map { a.probabilities(for: $0.x) }
            for e in stream.dropFirst(1_000) { b.learn(e.x, label: e.label) }
            #expect(stream.suffix(200).map { a.probabilities(for: $0.x) } == before)
        }
        check(try Self.makers()[index].1(5))
    }

    @Test(arguments: 0..<8) func saveAndLoadPredictsAndContinuesIdentically(index: Int) throws {
        let stream = try ReferenceStream.sea(count: 4_000)
        func check<C: Classifier>(_ model: C) throws {
            var a = model
            _ = EnsembleTesting.prequentialPredictions(&a, stream.prefix(2_000))
            var b = try EnsembleTesting.roundTrip(a)
            #expect(stream.suffix(100).map { b.probabilities(for: $0.x) } == stream.suffix(100).map { a.probabilities(for: $0.x) })
            let rest = stream.dropFirst(2_000)
            #expect(EnsembleTesting.prequentialPredictions(&b, rest) == EnsembleTesting.prequentialPredictions(&a, rest))
        }
        try check(try Self.makers()[index].1(11))
    }

    @Test func invalidConfigurationsAreRejectedByName() {
        #expect(throws: ConfigurationError.self) {
            _ = try OnlineBagging(prototype: Self.base, configuration: .init(ensembleSize: 0))
        }
        #expect(throws: ConfigurationError.self) {
            _ = try LeveragingBagging(prototype: Self.base, detector: TestWindowDetector(), configuration: .init(lambda: -1))
        }
        do {
            _ = try AbstainingEnsemble(ensemble: OnlineBagging(prototype: Self.base), configuration: .init(step: 0.7))
            Issue.record("a step of 0.7 was accepted")
        } catch let error as ConfigurationError {
            #expect(error.parameter == "step")
        } catch { Issue.record("unexpected error \(error)") }
    }
}
