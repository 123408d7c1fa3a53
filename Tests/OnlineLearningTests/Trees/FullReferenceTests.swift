import Testing
import OnlineLearning

/// Final accuracy on the full 200k SEA stream against MOA's published numbers, loop throughput, and the memory
/// bound over a million synthetic instances. Opt-in (`EDDY_FULL_REFERENCE=1`); for release-mode speed:
/// `swift build -c release --build-tests -Xswiftc -enable-testing && EDDY_FULL_REFERENCE=1
/// .build/release/eddyPackageTests.xctest --testing-library swift-testing --filter OnlineLearningTests.FullReferenceTests`.
@Suite(.serialized, .enabled(if: FullReferenceStream.isEnabled)) struct FullReferenceTests {
    static let stream = Result { try FullReferenceStream.load() }

    @Test func naiveBayesFinalAccuracy() throws {
        let stream = try Self.stream.get()
        var nb = NaiveBayes(header: ReferenceStream.header)
        let (accuracy, speed) = FullReferenceStream.measure(&nb, on: stream)
        print("NB full stream: accuracy \(accuracy) (MOA 83.703), \(Int(speed)) instances/s")
        #expect(abs(accuracy - 83.703) <= 0.5)
    }

    @Test func hoeffdingTreeFinalAccuracy() throws {
        let stream = try Self.stream.get()
        var tree = try HoeffdingTree(header: ReferenceStream.header)
        let (accuracy, speed) = FullReferenceStream.measure(&tree, on: stream)
        print("HT full stream: accuracy \(accuracy) (MOA 84.5695), \(Int(speed)) instances/s, \(tree.nodeCount) nodes")
        #expect(abs(accuracy - 84.5695) <= 0.5)
    }

    @Test func hoeffdingAdaptiveTreeFinalAccuracy() throws {
        let stream = try Self.stream.get()
        var tree = try HoeffdingAdaptiveTree(header: ReferenceStream.header)
        let (accuracy, speed) = FullReferenceStream.measure(&tree, on: stream)
        print("HAT full stream: accuracy \(accuracy) (MOA 87.5375), \(Int(speed)) instances/s, \(tree.nodeCount) nodes")
        #expect(abs(accuracy - 87.5375) <= 1)
    }

    @Test func memoryBoundHoldsOverAMillionInstances() throws {
        var plane = Hyperplane(attributes: 10, seed: 42)
        var config = HoeffdingTree.Configuration()
        config.maxByteSize = 100_000
        config.memoryEstimatePeriod = 10_000
        var tree = try HoeffdingTree(header: plane.header, configuration: config)
        var largestEstimate = 0.0
        for i in 1...1_000_000 {
            let e = plane.next()
            tree.learn(e.x, label: e.label)
            if i % 10_000 == 0 { largestEstimate = max(largestEstimate, tree.estimatedByteSize) }
        }
        print("HT memory bound 100000 over 1M instances: measured \(tree.byteSize) bytes, estimated \(Int(tree.estimatedByteSize)), largest estimate \(Int(largestEstimate)), \(tree.activeLeafCount) active / \(tree.inactiveLeafCount) inactive leaves, \(tree.nodeCount) nodes")
        #expect(largestEstimate <= Double(config.maxByteSize))
    }
}
