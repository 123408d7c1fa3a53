import Testing
import OnlineLearning

/// Ensembles of Hoeffding trees against MOA's prequential curves on the reference SEA stream (same stream,
/// same parameters, MOA's defaults). The prefix keeps a debug build fast; the full 200k stream runs in
/// ``FullStreamEnsembleReport``.
@Suite struct EnsembleGoldenTests {
    static let header = ReferenceStream.header
    static let prefix = 20_000

    static func tree() throws -> HoeffdingTree { try HoeffdingTree(header: header) }

    /// Runs `model` over the prefix and checks every sampled point of its curve against MOA's.
    static func expectMatchesMOA<C: Classifier>(_ model: C, curve name: String, tolerance: Double = 1) throws {
        var model = model
        let stream = try ReferenceStream.sea(count: prefix)
        let ours = ReferenceStream.prequentialAccuracy(&model, on: stream)
        let moa = try ReferenceStream.moaAccuracyCurve(name).filter { $0.instances <= prefix }
        #expect(ours.count == moa.count)
        for (a, b) in zip(ours, moa) {
            #expect(a.instances == b.instances)
            #expect(abs(a.accuracy - b.accuracy) <= tolerance,
                    "\(name) at \(a.instances): Eddy \(a.accuracy), MOA \(b.accuracy)")
        }
    }

    @Test func onlineBaggingOfTenTreesFollowsMOA() throws {
        try Self.expectMatchesMOA(OnlineBagging(prototype: Self.tree()), curve: "OzaBag10")
    }

    @Test func leveragingBaggingOfTenTreesFollowsMOA() throws {
        try Self.expectMatchesMOA(LeveragingBagging(prototype: Self.tree()), curve: "LevBag10")
    }

    @Test func adaptiveRandomForestOfTenTreesFollowsMOA() throws {
        try Self.expectMatchesMOA(AdaptiveRandomForest(header: Self.header), curve: "ARF10")
    }

    @Test func abstainingWrappersAreAtLeastAsAccurateAsThePlainEnsembles() throws {
        let stream = try ReferenceStream.sea(count: Self.prefix)
        func accuracy<C: Classifier>(_ model: C) -> Double {
            var m = model
            return ReferenceStream.prequentialAccuracy(&m, on: stream, every: Self.prefix).last!.accuracy
        }
        let bag = try OnlineBagging(prototype: Self.tree())
        let lev = try LeveragingBagging(prototype: Self.tree())
        #expect(accuracy(try AbstainingEnsemble(ensemble: bag)) >= accuracy(bag))
        #expect(accuracy(try AbstainingEnsemble(ensemble: lev)) >= accuracy(lev))
    }
}
