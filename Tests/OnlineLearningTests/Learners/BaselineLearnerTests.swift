import Testing
import OnlineLearning

@Suite struct BaselineLearnerTests {
    let header = Header(attributes: [.numeric("x")], classes: ["a", "b", "c"])

    @Test func majorityClassPredictsTheHeaviestClass() {
        var m = MajorityClass(header: header)
        for label in [0, 1, 1, 2, 1, 0] { m.learn(Instance([0]), label: label) }
        m.learn(Instance([0]), label: 2, weight: 1.5)
        #expect(m.predict(Instance([5])) == 1)
        #expect(m.probabilities(for: Instance([])) == [2 / 7.5, 3 / 7.5, 2.5 / 7.5])
    }

    @Test func noChangePredictsTheLastLabel() {
        var m = NoChange(header: header)
        #expect(m.predict(Instance([0])) == 0)
        m.learn(Instance([0]), label: 2)
        m.learn(Instance([0]), label: 1)
        #expect(m.predict(Instance([0])) == 1)
        #expect(m.probabilities(for: Instance([0])) == [0, 1, 0])
    }

    @Test func logisticRegressionLearnsTheSeaConcept() throws {
        var model = try LogisticRegression(header: ReferenceStream.header)
        let curve = ReferenceStream.prequentialAccuracy(&model, on: try ReferenceStream.sea(count: 20_000))
        // SEA's first concept is linear (x1 + x2 ≤ 8) with 10% noise: a linear model reaches ~85%+.
        #expect(curve.last!.accuracy > 83)
    }

    @Test func logisticRegressionUsesNominalAttributes() throws {
        let h = Header(attributes: [.nominal("c", values: ["p", "q", "r"])], classes: ["a", "b", "c"])
        var model = try LogisticRegression(header: h, configuration: { var c = LogisticRegression.Configuration(); c.learningRate = 0.1; return c }())
        for i in 0..<3000 { model.learn(Instance([Double(i % 3)]), label: (i + 1) % 3) }
        #expect((0..<3).map { model.predict(Instance([Double($0)])) } == [1, 2, 0])
    }

    @Test func invalidHyperparametersAreRejectedByName() {
        var c = LogisticRegression.Configuration()
        c.learningRate = 0
        #expect { _ = try LogisticRegression(header: header, configuration: c) } throws: { error in
            (error as? ConfigurationError)?.parameter == "learningRate"
        }
        c = LogisticRegression.Configuration()
        c.l2 = -1
        #expect { _ = try LogisticRegression(header: header, configuration: c) } throws: { error in
            (error as? ConfigurationError)?.parameter == "l2"
        }
    }
}
