import Testing
import OnlineLearning

/// Final accuracy on the full 200k SEA stream against MOA's published numbers, and loop throughput.
/// Opt-in: `EDDY_FULL_REFERENCE=1 swift test -c release --filter FullReferenceTests`.
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
}
