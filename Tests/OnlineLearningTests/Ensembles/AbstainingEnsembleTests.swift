import Testing
import OnlineLearning

@Suite struct AbstainingEnsembleTests {
    typealias Bag = OnlineBagging<TestGaussianNB>

    /// An online bagging ensemble trained on the first `count` SEA instances.
    static func trainedBag(_ count: Int = 2_000) throws -> Bag {
        var bag = try Bag(prototype: TestGaussianNB(header: ReferenceStream.header), seed: 3)
        for e in try ReferenceStream.sea(count: count) { bag.learn(e.x, label: e.label) }
        return bag
    }

    @Test func thresholdMovesDownWhenRightAndUpWhenWrongByExactlyTheStep() throws {
        var model = try AbstainingEnsemble(ensemble: Self.trainedBag())
        let x = try ReferenceStream.sea(count: 3_000)[2_500].x
        #expect(model.thresholds == [0.65])
        let before = model.threshold
        let predicted = model.vote(for: x).predictedClass
        model.learn(x, label: predicted)
        #expect(model.threshold == before - 0.01)
        let again = model.threshold
        model.learn(x, label: 1 - model.vote(for: x).predictedClass)
        #expect(model.threshold == again + 0.01)
        #expect(model.labelledPredictions == 2)
    }

    @Test func thresholdStaysWithinStepAndOneMinusStep() throws {
        var model = try AbstainingEnsemble(ensemble: Self.trainedBag(), configuration: .init(step: 0.05))
        let x = try ReferenceStream.sea(count: 3_000)[2_500].x
        for _ in 0..<100 { model.learn(x, label: model.vote(for: x).predictedClass) }
        #expect(model.threshold == 0.05)
        for _ in 0..<100 { model.learn(x, label: 1 - model.vote(for: x).predictedClass) }
        #expect(model.threshold == 0.95)
    }

    @Test func directionCanBeReversed() throws {
        var model = try AbstainingEnsemble(ensemble: Self.trainedBag(), configuration: .init(direction: .raiseWhenCorrect))
        let x = try ReferenceStream.sea(count: 3_000)[2_500].x
        model.learn(x, label: model.vote(for: x).predictedClass)
        #expect(model.threshold == 0.65 + 0.01)
    }

    @Test func onlyMembersReachingTheThresholdVote() throws {
        let bag = try Self.trainedBag()
        let model = try AbstainingEnsemble(ensemble: bag, configuration: .init(initialThreshold: 0.8))
        for e in try ReferenceStream.sea(count: 2_300).suffix(300) {
            let members = bag.memberProbabilities(for: e.x)
            let confident = members.filter { $0.max()! >= 0.8 }
            let vote = model.vote(for: e.x)
            #expect(vote.abstainedMembers == members.count - confident.count)
            #expect(vote.allAbstained == confident.isEmpty)
            if !confident.isEmpty {
                var sum = [0.0, 0.0]
                for p in confident { sum[0] += p[0]; sum[1] += p[1] }
                normalize(&sum)
                #expect(abs(vote.probabilities[0] - sum[0]) < 1e-12)
            }
        }
    }

    @Test func whenEveryMemberAbstainsTheFullVoteDecidesAndSaysSo() throws {
        let bag = try Self.trainedBag()
        let model = try AbstainingEnsemble(ensemble: bag, configuration: .init(initialThreshold: 0.99))
        let stream = try ReferenceStream.sea(count: 3_000)
        let uncertain = stream.first { e in bag.memberProbabilities(for: e.x).allSatisfy { $0.max()! < 0.99 } }
        let x = try #require(uncertain).x
        let vote = model.vote(for: x)
        #expect(vote.allAbstained)
        #expect(vote.abstainedMembers == bag.memberCount)
        #expect(vote.probabilities == bag.probabilities(for: x))
        #expect(vote.predictedClass == bag.predict(x))

        var learning = model
        learning.learn(x, label: 0, weight: 1, after: vote)
        #expect(learning.allAbstainedRate == 1)
        #expect(learning.abstentionRate == 1)
    }

    @Test func perMemberThresholdsMoveOnEachMembersOwnCorrectness() throws {
        var model = try AbstainingEnsemble(ensemble: Self.trainedBag(), configuration: .init(thresholdMode: .perMember))
        #expect(model.thresholds.count == 10)
        let stream = try ReferenceStream.sea(count: 3_000)
        // An instance on which the members disagree, so both moves happen at once.
        let disputed = stream.first { e in Set(model.vote(for: e.x).memberPredictions).count > 1 }
        let e = try #require(disputed)
        let vote = model.vote(for: e.x)
        model.learn(e.x, label: e.label, weight: 1, after: vote)
        for m in 0..<10 {
            let expected = vote.memberPredictions[m] == e.label ? 0.65 - 0.01 : 0.65 + 0.01
            #expect(model.threshold(forMember: m) == expected)
        }
    }

    @Test func untrainedEnsembleAbstainsEntirelyAndPredictsUniform() throws {
        let model = try AbstainingEnsemble(ensemble: Bag(prototype: TestGaussianNB(header: ReferenceStream.header)))
        let vote = model.vote(for: Instance([1, 2, 3]))
        #expect(vote.allAbstained && vote.probabilities == [0.5, 0.5] && vote.predictedClass == 0)
    }
}
