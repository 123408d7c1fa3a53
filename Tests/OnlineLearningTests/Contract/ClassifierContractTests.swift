import Testing
import OnlineLearning

/// The classifier contract (river's `check_estimator`; the protocol comment of ``Classifier``), checked on
/// every learner in ``ContractLearner/all`` over a small mixed numeric/nominal stream with three classes.
@Suite struct ClassifierContractTests {
    static let header = Header(
        attributes: [.numeric("x"), .nominal("colour", values: ["red", "green", "blue"]), .numeric("y")],
        classes: ["a", "b", "c"]
    )

    /// A seeded stream whose class depends on both kinds of attribute, with a few missing values.
    static func stream(count: Int, seed: UInt64) -> [(x: Instance, label: Int)] {
        var r = RandomSource(seed: seed)
        return (0..<count).map { _ in
            let x = r.nextGaussian() * 3 + 10
            let colour = Double(r.nextInt(below: 3))
            let y = r.nextDouble() < 0.05 ? Double.nan : r.nextDouble() * 100
            var label = x > 10 ? 0 : (colour == 2 ? 1 : 2)
            if r.nextDouble() < 0.1 { label = r.nextInt(below: 3) }
            return (Instance([x, colour, y]), label)
        }
    }

    static let training = stream(count: 400, seed: 11)
    static let heldOut = stream(count: 100, seed: 12).map(\.x)

    /// Instances a production stream can deliver despite validation: missing, short, long, odd nominal values.
    static let oddInstances: [Instance] = [
        Instance([.nan, .nan, .nan]), Instance([]), Instance([1]), Instance([1, 2, 3, 4, 5, 6]),
        Instance([1, 7, 3]), Instance([1, -1, 3]), Instance([1, 1.5, 3]), Instance([.infinity, .nan, -.infinity]),
        Instance([1e308, 2, -1e308]), Instance([-0.0, 0, 0]),
    ]

    func expectDistribution(_ p: [Double], _ learner: ContractLearner, _ context: String) {
        #expect(p.count == Self.header.classCount, "\(learner) \(context): \(p.count) probabilities")
        #expect(p.allSatisfy { $0 >= 0 && $0.isFinite }, "\(learner) \(context): \(p)")
        #expect(abs(p.reduce(0, +) - 1) < 1e-9, "\(learner) \(context): sum \(p.reduce(0, +))")
    }

    func trained(_ learner: ContractLearner, seed: UInt64 = 7, on data: [(x: Instance, label: Int)] = training) throws -> any Classifier {
        var model = try learner.make(Self.header, seed)
        for e in data { model.learn(e.x, label: e.label, weight: 1) }
        return model
    }

    @Test(arguments: ContractLearner.all)
    func untrainedModelPredictsTheUniformDistribution(_ learner: ContractLearner) throws {
        let model = try learner.make(Self.header, 1)
        #expect(model.trainingWeight == 0)
        for x in Self.heldOut.prefix(10) + Self.oddInstances {
            let p = model.probabilities(for: x)
            expectDistribution(p, learner, "untrained")
            #expect(p.allSatisfy { abs($0 - 1.0 / 3) < 1e-12 }, "\(learner) untrained: \(p)")
        }
    }

    @Test(arguments: ContractLearner.all)
    func probabilitiesAreADistributionAndPredictIsTheirArgmax(_ learner: ContractLearner) throws {
        let model = try trained(learner)
        #expect(model.trainingWeight == Double(Self.training.count))
        for x in Self.heldOut + Self.oddInstances {
            let p = model.probabilities(for: x)
            expectDistribution(p, learner, "trained")
            #expect(p[model.predict(x)] == p.max(), "\(learner): predict is not an argmax")
        }
    }

    @Test(arguments: ContractLearner.all)
    func malformedInstancesLabelsAndWeightsAreTolerated(_ learner: ContractLearner) throws {
        var model = try trained(learner)
        let before = model.trainingWeight
        for x in Self.oddInstances {
            for label in [-1, 3, 100, Int.min] { model.learn(x, label: label, weight: 1) }
            for weight in [0, -1, Double.nan, .infinity, -.infinity] { model.learn(x, label: 0, weight: weight) }
        }
        #expect(model.trainingWeight == before, "\(learner) learned from unusable labels or weights")
        for x in Self.oddInstances { model.learn(x, label: 1, weight: 1) }
        for x in Self.oddInstances + Self.heldOut { expectDistribution(model.probabilities(for: x), learner, "after odd input") }
        model.learn(Self.heldOut[0], label: 2, weight: 0.5)
        model.learn(Self.heldOut[1], label: 2, weight: 1e6)
        for x in Self.heldOut { expectDistribution(model.probabilities(for: x), learner, "after weighted input") }
    }

    @Test(arguments: ContractLearner.all)
    func theSameSeedGivesTheSamePredictions(_ learner: ContractLearner) throws {
        let a = try trained(learner, seed: 3)
        let b = try trained(learner, seed: 3)
        for x in Self.heldOut { #expect(a.probabilities(for: x) == b.probabilities(for: x), "\(learner)") }
    }

    @Test(arguments: ContractLearner.all)
    func trainingACopyLeavesTheOriginalUnchanged(_ learner: ContractLearner) throws {
        let original = try trained(learner)
        let expected = Self.heldOut.map { original.probabilities(for: $0) }
        let weight = original.trainingWeight
        var copy = original
        for e in Self.stream(count: 300, seed: 99) { copy.learn(e.x, label: (e.label + 1) % 3, weight: 2) }
        #expect(original.trainingWeight == weight)
        #expect(Self.heldOut.map { original.probabilities(for: $0) } == expected, "\(learner): the copy shares state")
    }

    @Test(arguments: ContractLearner.all)
    func saveAndLoadPredictsAndContinuesLearningIdentically(_ learner: ContractLearner) throws {
        var original = try trained(learner)
        var restored = try learner.roundTrip(original)
        #expect(restored.trainingWeight == original.trainingWeight)
        for x in Self.heldOut + Self.oddInstances {
            #expect(restored.probabilities(for: x) == original.probabilities(for: x), "\(learner) after load")
        }
        for e in Self.stream(count: 300, seed: 5) {
            original.learn(e.x, label: e.label, weight: 1)
            restored.learn(e.x, label: e.label, weight: 1)
        }
        for x in Self.heldOut {
            #expect(restored.probabilities(for: x) == original.probabilities(for: x), "\(learner) after more learning")
        }
        #expect(throws: (any Error).self) { _ = try learner.roundTripTruncated(original) }
    }
}

extension ContractLearner {
    /// Encodes `model` and decodes its bytes minus the last one, which must fail with an error, not a crash.
    func roundTripTruncated(_ model: any Classifier) throws -> any Classifier {
        func cut<C: Classifier>(_ m: C) throws -> any Classifier {
            let bytes = ModelEnvelope.encode(m, tag: description)
            return try ModelEnvelope.decode(C.self, tag: description, from: Array(bytes.dropLast()))
        }
        return try cut(model)
    }
}
