import Testing
import OnlineLearning

@Suite struct HoeffdingAdaptiveTreeTests {
    @Test func restoredTreePredictsAndLearnsIdentically() throws {
        let stream = try ReferenceStream.sea(count: 53_000)
        var tree = try HoeffdingAdaptiveTree(header: ReferenceStream.header)
        // Past the first drift at 50,000, so alternate trees and error monitors are part of the state.
        for e in stream.prefix(52_000) { tree.learn(e.x, label: e.label) }
        #expect(tree.alternateTreeCount > 0)
        let bytes = ModelEnvelope.encode(tree, tag: "hoeffding_adaptive_tree")
        var restored = try ModelEnvelope.decode(HoeffdingAdaptiveTree.self, tag: "hoeffding_adaptive_tree", from: bytes)
        for e in stream.dropFirst(52_000) {
            #expect(restored.probabilities(for: e.x) == tree.probabilities(for: e.x))
            tree.learn(e.x, label: e.label)
            restored.learn(e.x, label: e.label)
        }
        let original = ModelEnvelope.encode(tree, tag: "hoeffding_adaptive_tree")
        #expect(ModelEnvelope.encode(restored, tag: "hoeffding_adaptive_tree") == original)
    }

    @Test func growsAlternateTreesAfterAnAbruptDrift() throws {
        let stream = try ReferenceStream.sea(count: 55_000)
        var tree = try HoeffdingAdaptiveTree(header: ReferenceStream.header)
        for e in stream.prefix(50_000) { tree.learn(e.x, label: e.label) }
        let before = tree.alternateTreeCount
        for e in stream.dropFirst(50_000) { tree.learn(e.x, label: e.label) }
        #expect(tree.alternateTreeCount > before)
    }

    @Test func toleratesMissingValuesUnseenNominalsAndBadLabels() throws {
        let header = Header(attributes: [.numeric("x"), .nominal("colour", values: ["r", "g", "b", "y"])],
                            classes: ["a", "b", "c"])
        var config = HoeffdingAdaptiveTree.Configuration()
        config.gracePeriod = 50
        var tree = try HoeffdingAdaptiveTree(header: header, configuration: config)
        #expect(tree.predict(Instance([1, 0])) == 0)
        var random = RandomSource(seed: 9)
        for i in 0..<3_000 {
            let colour = Double(random.nextInt(below: 3))
            let x = random.nextDouble()
            let label = Int(colour) == 2 ? 2 : (x < 0.5 ? 0 : 1)
            tree.learn(Instance([i % 13 == 0 ? .nan : x, i % 19 == 0 ? .nan : colour]), label: label)
        }
        tree.learn(Instance([0.5]), label: 1)
        tree.learn(Instance([0.5, 1, 9]), label: 3)
        tree.learn(Instance([0.5, 1]), label: 0, weight: 0)
        #expect(tree.decisionNodeCount > 0)
        for probe in [Instance([.nan, .nan]), Instance([0.2, 3]), Instance([0.2, 42]), Instance([])] {
            let p = tree.probabilities(for: probe)
            #expect(p.count == 3)
            #expect(abs(p.reduce(0, +) - 1) < 1e-9)
        }
        #expect(tree.predict(Instance([0.1, 0])) == 0)
        #expect(tree.predict(Instance([0.9, 1])) == 1)
    }
}
