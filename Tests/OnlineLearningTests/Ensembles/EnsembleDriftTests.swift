import Testing
import OnlineLearning

/// The drift reactions of the adaptive ensembles, on a stream whose concept flips abruptly.
@Suite struct EnsembleDriftTests {
    /// SEA instances, with every label flipped from instance `flip` on (an abrupt, total concept change).
    static func flippedStream(count: Int = 6_000, flip: Int = 3_000) throws -> [(x: Instance, label: Int)] {
        try ReferenceStream.sea(count: count).enumerated().map { i, e in (e.x, i >= flip ? 1 - e.label : e.label) }
    }

    static func accuracy<C: Classifier>(_ model: inout C, _ stream: ArraySlice<(x: Instance, label: Int)>) -> Double {
        let predictions = EnsembleTesting.prequentialPredictions(&model, stream)
        return Double(zip(predictions, stream).filter { $0 == $1.label }.count) / Double(stream.count)
    }

    @Test func leveragingBaggingResetsMembersWhenTheirErrorRises() throws {
        let stream = try Self.flippedStream()
        let base = TestGaussianNB(header: ReferenceStream.header)
        var model = try LeveragingBagging(prototype: base, seed: 2)
        // The same Poisson(6) weights without any detector: identical until the first reset.
        var twin = try OnlineBagging(prototype: base, configuration: .init(lambda: 6), seed: 2)
        #expect(Self.accuracy(&model, stream.prefix(3_000)) == Self.accuracy(&twin, stream.prefix(3_000)))
        #expect(model.changesDetected == 0)
        let during = Self.accuracy(&model, stream[3_000...])
        #expect(model.changesDetected > 0)
        #expect(during > Self.accuracy(&twin, stream[3_000...]) + 0.05)
    }

    @Test func adwinBaggingResetsMembersWhenTheirErrorRises() throws {
        let stream = try Self.flippedStream()
        let base = TestGaussianNB(header: ReferenceStream.header)
        var model = try ADWINBagging(prototype: base, seed: 2)
        var twin = try OnlineBagging(prototype: base, seed: 2)
        #expect(Self.accuracy(&model, stream.prefix(3_000)) == Self.accuracy(&twin, stream.prefix(3_000)))
        let during = Self.accuracy(&model, stream[3_000...])
        #expect(model.changesDetected > 0)
        #expect(during > Self.accuracy(&twin, stream[3_000...]) + 0.05)
    }

    @Test func forestStartsBackgroundTreesOnWarningAndSwapsThemInOnDrift() throws {
        let stream = try Self.flippedStream()
        var forest = try AdaptiveRandomForest(prototype: TestGaussianNB(header: ReferenceStream.header), seed: 2)
        _ = Self.accuracy(&forest, stream.prefix(3_000))
        let driftsBefore = forest.members.map(\.drifts).reduce(0, +)
        _ = Self.accuracy(&forest, stream[3_000..<4_500])
        #expect(forest.members.map(\.warnings).reduce(0, +) > 0)
        #expect(forest.members.map(\.drifts).reduce(0, +) > driftsBefore)
        #expect(Self.accuracy(&forest, stream[4_500...]) > 0.8)
        // A swapped-in tree's accuracy restarts, so its vote weight reflects only the new concept.
        #expect(forest.members.allSatisfy { $0.scored <= 6_000 })
    }

    @Test func subspaceSizesFollowMOAsRules() {
        #expect(RandomSubspaceSize.percentage(60).size(attributeCount: 3) == 2)
        #expect(RandomSubspaceSize.percentage(60).size(attributeCount: 1) == 1)
        #expect(RandomSubspaceSize.percentage(-40).size(attributeCount: 10) == 6)
        #expect(RandomSubspaceSize.squareRootPlusOne.size(attributeCount: 16) == 5)
        #expect(RandomSubspaceSize.allButSquareRootPlusOne.size(attributeCount: 16) == 11)
        #expect(RandomSubspaceSize.count(-2).size(attributeCount: 5) == 3)
        #expect(RandomSubspaceSize.count(50).size(attributeCount: 5) == 5)
        #expect(RandomSubspaceSize.count(0).size(attributeCount: 5) == 1)
    }
}
