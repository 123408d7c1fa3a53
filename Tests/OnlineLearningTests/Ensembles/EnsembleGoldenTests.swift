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

    /// MOA's curve for `meta.OzaBagAdwin -l trees.HoeffdingTree -s 10`, made with the same MOA 24.07 jar
    /// (capymoa 0.15.1) as the other fixtures by Benchmarks/ensembles/compare.sh's commands.
    @Test func adwinBaggingOfTenTreesFollowsMOA() throws {
        try Self.expectMatchesMOA(ADWINBagging(prototype: Self.tree()), curve: "ADWINBag10")
    }

    @Test func adaptiveRandomForestOfTenTreesFollowsMOA() throws {
        try Self.expectMatchesMOA(AdaptiveRandomForest(header: Self.header), curve: "ARF10")
    }

    /// Prequential accuracy over the first 10,000 instances, in percent (the full stream is in
    /// ``FullStreamEnsembleReport``).
    static func prefixAccuracy<C: Classifier>(_ model: C, count: Int = 10_000) throws -> Double {
        var m = model
        let stream = try ReferenceStream.sea(count: count)
        return ReferenceStream.prequentialAccuracy(&m, on: stream, every: count).last!.accuracy
    }

    @Test func abstainingOnlineBaggingIsAtLeastAsAccurateAsThePlainOne() throws {
        let bag = try OnlineBagging(prototype: Self.tree())
        #expect(try Self.prefixAccuracy(AbstainingEnsemble(ensemble: bag)) >= Self.prefixAccuracy(bag))
    }

    @Test func abstainingLeveragingBaggingIsAtLeastAsAccurateAsThePlainOne() throws {
        let lev = try LeveragingBagging(prototype: Self.tree())
        #expect(try Self.prefixAccuracy(AbstainingEnsemble(ensemble: lev)) >= Self.prefixAccuracy(lev))
    }
}
