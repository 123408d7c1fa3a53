import Testing
import OnlineLearning

@Suite struct NaiveBayesTests {
    @Test func matchesMOAsCurveOnTheSEAPrefix() throws {
        let stream = try ReferenceStream.sea()
        var nb = NaiveBayes(header: ReferenceStream.header)
        let curve = ReferenceStream.prequentialAccuracy(&nb, on: stream)
        let moa = try ReferenceStream.moaAccuracyCurve("NB")
        for (point, reference) in zip(curve, moa) {
            #expect(point.instances == reference.instances)
            #expect(abs(point.accuracy - reference.accuracy) <= 0.5, "at \(point.instances): \(point.accuracy) vs MOA \(reference.accuracy)")
        }
    }

    @Test func gaussianVotesFollowTheClassDensities() {
        let header = Header(attributes: [.numeric("x")], classes: ["low", "high"])
        var nb = NaiveBayes(header: header)
        for i in 0..<100 {
            nb.learn(Instance([Double(i % 10)]), label: 0)
            nb.learn(Instance([100 + Double(i % 10)]), label: 1)
        }
        #expect(nb.predict(Instance([3])) == 0)
        #expect(nb.predict(Instance([104])) == 1)
        let p = nb.probabilities(for: Instance([50]))
        #expect(abs(p.reduce(0, +) - 1) < 1e-12)
    }

    @Test func nominalCountsUseMOAsLaplaceCorrection() {
        let header = Header(attributes: [.nominal("colour", values: ["red", "green", "blue"])], classes: ["a", "b"])
        var nb = NaiveBayes(header: header)
        nb.learn(Instance([0]), label: 0)
        nb.learn(Instance([0]), label: 0)
        nb.learn(Instance([1]), label: 1)
        // class a has seen value 0 only (k = 1): P(red|a) = (2+1)/(2+1) = 1; class b has seen up to value 1
        // (k = 2): P(red|b) = (0+1)/(1+2) = 1/3. Prior 2/3 vs 1/3, so the votes are 2/3 and 1/9.
        let p = nb.probabilities(for: Instance([0]))
        #expect(abs(p[0] - (2.0 / 3) / (2.0 / 3 + 1.0 / 9)) < 1e-12)
    }

    @Test func toleratesMissingUnseenAndOutOfRangeInput() {
        let header = Header(attributes: [.numeric("x"), .nominal("c", values: ["u", "v"])], classes: ["a", "b"])
        var nb = NaiveBayes(header: header)
        #expect(nb.probabilities(for: Instance([1, 0])) == [0.5, 0.5])
        nb.learn(Instance([.nan, 7]), label: 0)
        nb.learn(Instance([1]), label: 1)
        nb.learn(Instance([1, 1, 5, 6]), label: 9)
        nb.learn(Instance([1, 1]), label: 1, weight: -1)
        let p = nb.probabilities(for: Instance([.nan, 42]))
        #expect(p.count == 2 && abs(p.reduce(0, +) - 1) < 1e-12)
        #expect(nb.trainingWeight == 2)
    }

    @Test func restoredModelPredictsAndLearnsIdentically() throws {
        let stream = try ReferenceStream.sea(count: 3_000)
        var nb = NaiveBayes(header: ReferenceStream.header)
        for e in stream.prefix(2_000) { nb.learn(e.x, label: e.label) }
        let bytes = ModelEnvelope.encode(nb, tag: "naive_bayes")
        var restored = try ModelEnvelope.decode(NaiveBayes.self, tag: "naive_bayes", from: bytes)
        for e in stream.dropFirst(2_000) {
            #expect(restored.probabilities(for: e.x) == nb.probabilities(for: e.x))
            nb.learn(e.x, label: e.label)
            restored.learn(e.x, label: e.label)
        }
        #expect(ModelEnvelope.encode(restored, tag: "naive_bayes") == ModelEnvelope.encode(nb, tag: "naive_bayes"))
    }
}
