import Testing
import OnlineLearning

/// A synthetic concept with many numeric attributes: a random hyperplane with label noise.
struct Hyperplane {
    var random: RandomSource
    let weights: [Double]
    let header: Header

    init(attributes: Int, seed: UInt64) {
        random = RandomSource(seed: seed)
        var r = RandomSource(seed: seed &+ 1)
        weights = (0..<attributes).map { _ in r.nextDouble() }
        header = Header(attributes: (0..<attributes).map { .numeric("a\($0)") }, classes: ["neg", "pos"])
    }

    mutating func next() -> (x: Instance, label: Int) {
        var values = [Double](repeating: 0, count: weights.count)
        var sum = 0.0
        for i in values.indices {
            values[i] = random.nextDouble()
            sum += weights[i] * values[i]
        }
        var label = sum > weights.reduce(0, +) / 2 ? 1 : 0
        if random.nextDouble() < 0.05 { label = 1 - label }
        return (Instance(values), label)
    }
}

@Suite struct HoeffdingTreeTests {
    @Test func restoredTreePredictsAndLearnsIdentically() throws {
        let stream = try ReferenceStream.sea(count: 21_000)
        var tree = try HoeffdingTree(header: ReferenceStream.header)
        for e in stream.prefix(20_000) { tree.learn(e.x, label: e.label) }
        #expect(tree.decisionNodeCount > 0)
        let bytes = ModelEnvelope.encode(tree, tag: "hoeffding_tree")
        var restored = try ModelEnvelope.decode(HoeffdingTree.self, tag: "hoeffding_tree", from: bytes)
        for e in stream.dropFirst(20_000) {
            #expect(restored.probabilities(for: e.x) == tree.probabilities(for: e.x))
            #expect(restored.predict(e.x) == tree.predict(e.x))
            tree.learn(e.x, label: e.label)
            restored.learn(e.x, label: e.label)
        }
        #expect(ModelEnvelope.encode(restored, tag: "hoeffding_tree") == ModelEnvelope.encode(tree, tag: "hoeffding_tree"))
    }

    @Test func rejectsCorruptedBytes() throws {
        var tree = try HoeffdingTree(header: ReferenceStream.header)
        for e in try ReferenceStream.sea(count: 2_000) { tree.learn(e.x, label: e.label) }
        let bytes = ModelEnvelope.encode(tree, tag: "hoeffding_tree")
        let truncated = Array(bytes.dropLast(9))
        #expect(throws: ModelFormatError.self) {
            try ModelEnvelope.decode(HoeffdingTree.self, tag: "hoeffding_tree", from: truncated)
        }
    }

    @Test func toleratesMissingValuesUnseenNominalsAndBadLabels() throws {
        let header = Header(attributes: [.numeric("x"), .nominal("colour", values: ["r", "g", "b", "y"])],
                            classes: ["a", "b", "c"])
        var config = HoeffdingTree.Configuration()
        config.gracePeriod = 50
        var tree = try HoeffdingTree(header: header, configuration: config)
        let third = 1.0 / 3
        let uniform = tree.probabilities(for: Instance([1, 0]))
        #expect(uniform == [third, third, third])
        var random = RandomSource(seed: 7)
        for i in 0..<3_000 {
            let colour = Double(random.nextInt(below: 3))  // value 3 ("y") is never seen in training
            let x = random.nextDouble()
            let label = Int(colour) == 2 ? 2 : (x < 0.5 ? 0 : 1)
            let value = i % 17 == 0 ? Double.nan : x
            tree.learn(Instance([value, i % 23 == 0 ? .nan : colour]), label: label)
        }
        tree.learn(Instance([0.5]), label: 1)
        tree.learn(Instance([0.5, 1, 9, 9]), label: 7)
        tree.learn(Instance([0.5, 1]), label: -1)
        tree.learn(Instance([0.5, 1]), label: 0, weight: .nan)
        #expect(tree.decisionNodeCount > 0)
        for probe in [Instance([.nan, .nan]), Instance([0.2, 3]), Instance([0.2, 42]), Instance([]), Instance([0.9, 2, 5])] {
            let p = tree.probabilities(for: probe)
            #expect(p.count == 3)
            #expect(abs(p.reduce(0, +) - 1) < 1e-9)
            #expect((0..<3).contains(tree.predict(probe)))
        }
        #expect(tree.predict(Instance([0.1, 0])) == 0)
        #expect(tree.predict(Instance([0.9, 1])) == 1)
        #expect(tree.predict(Instance([0.5, 2])) == 2)
    }

    @Test func rejectsInvalidHyperparametersByName() {
        var config = HoeffdingTree.Configuration()
        config.splitConfidence = 2
        #expect {
            try HoeffdingTree(header: ReferenceStream.header, configuration: config)
        } throws: { ($0 as? ConfigurationError)?.parameter == "splitConfidence" }
        config = HoeffdingTree.Configuration()
        config.attributeSubsetSize = 0
        #expect {
            try HoeffdingTree(header: ReferenceStream.header, configuration: config)
        } throws: { ($0 as? ConfigurationError)?.parameter == "attributeSubsetSize" }
    }

    /// MOA 24.07's accuracy after 20,000 SEA instances under other options
    /// (`EvaluatePrequential -l (trees.HoeffdingTree -l MC -s GiniSplitCriterion) -i 20000`, and so on).
    static func moaAt20k() -> [(options: String, configuration: HoeffdingTree.Configuration, accuracy: Double)] {
        func config(_ change: (inout HoeffdingTree.Configuration) -> Void) -> HoeffdingTree.Configuration {
            var c = HoeffdingTree.Configuration()
            change(&c)
            return c
        }
        return [
            ("-l MC", config { $0.leafPrediction = .majorityClass }, 79.785),
            ("-l MC -s Gini", config { $0.leafPrediction = .majorityClass; $0.splitCriterion = .gini }, 79.825),
            ("-l NB", config { $0.leafPrediction = .naiveBayes }, 86.48),
            ("-l NB -s Gini", config { $0.leafPrediction = .naiveBayes; $0.splitCriterion = .gini }, 86.455),
            ("-s Gini", config { $0.splitCriterion = .gini }, 86.445),
            ("-l MC -r", config { $0.leafPrediction = .majorityClass; $0.removePoorAttributes = true }, 79.785),
            ("-b -g 100 -t 0.1", config { $0.binarySplits = true; $0.gracePeriod = 100; $0.tieThreshold = 0.1 }, 87.435),
            ("-p", config { $0.noPrePruning = true }, 86.445),
            ("-l NB -q 500", config { $0.leafPrediction = .naiveBayes; $0.naiveBayesThreshold = 500 }, 85.2),
        ]
    }

    @Test func otherOptionsMatchMOA() throws {
        let stream = try ReferenceStream.sea(count: 20_000)
        for (options, configuration, moa) in Self.moaAt20k() {
            var tree = try HoeffdingTree(header: ReferenceStream.header, configuration: configuration)
            let accuracy = ReferenceStream.prequentialAccuracy(&tree, on: stream, every: 20_000)[0].accuracy
            #expect(abs(accuracy - moa) <= 0.5, "\(options): \(accuracy) vs MOA \(moa)")
        }
    }

    @Test func randomSubspacesWatchOnlyTheirAttributes() throws {
        var plane = Hyperplane(attributes: 10, seed: 3)
        var config = HoeffdingTree.Configuration()
        config.attributeSubsetSize = 3
        var a = try HoeffdingTree(header: plane.header, configuration: config, seed: 11)
        var b = a
        for _ in 0..<5_000 {
            let e = plane.next()
            a.learn(e.x, label: e.label)
            b.learn(e.x, label: e.label)
        }
        #expect(a.decisionNodeCount > 0)
        #expect(ModelEnvelope.encode(a, tag: "t") == ModelEnvelope.encode(b, tag: "t"))
    }

    @Test func restoredTreeManagesMemoryIdentically() throws {
        var plane = Hyperplane(attributes: 10, seed: 5)
        var config = HoeffdingTree.Configuration()
        config.maxByteSize = 6_000
        config.memoryEstimatePeriod = 1_000
        var tree = try HoeffdingTree(header: plane.header, configuration: config)
        for _ in 0..<20_000 {
            let e = plane.next()
            tree.learn(e.x, label: e.label)
        }
        #expect(tree.inactiveLeafCount > 0)
        var restored = try ModelEnvelope.decode(HoeffdingTree.self, tag: "t", from: ModelEnvelope.encode(tree, tag: "t"))
        for _ in 0..<10_000 {
            let e = plane.next()
            #expect(restored.predict(e.x) == tree.predict(e.x))
            tree.learn(e.x, label: e.label)
            restored.learn(e.x, label: e.label)
        }
        #expect(ModelEnvelope.encode(restored, tag: "t") == ModelEnvelope.encode(tree, tag: "t"))
    }

    @Test func staysWithinASmallMemoryBound() throws {
        var plane = Hyperplane(attributes: 10, seed: 42)
        var config = HoeffdingTree.Configuration()
        config.maxByteSize = 100_000
        config.memoryEstimatePeriod = 10_000
        var tree = try HoeffdingTree(header: plane.header, configuration: config)
        for i in 1...200_000 {
            let e = plane.next()
            tree.learn(e.x, label: e.label)
            if i % 10_000 == 0 {
                #expect(tree.estimatedByteSize <= Double(config.maxByteSize), "at \(i): \(tree.estimatedByteSize)")
            }
        }
        print("memory bound: \(tree.byteSize) bytes measured, \(tree.estimatedByteSize) estimated, \(tree.activeLeafCount) active / \(tree.inactiveLeafCount) inactive leaves")
        #expect(tree.inactiveLeafCount > 0)
        #expect(tree.byteSize <= config.maxByteSize + config.maxByteSize / 5)
    }
}
