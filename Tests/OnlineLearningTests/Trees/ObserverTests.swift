import Testing
import OnlineLearning

@Suite struct GaussianEstimatorTests {
    @Test func welfordMatchesTheTwoPassMoments() {
        var e = GaussianEstimator()
        let values = [2.0, 4, 4, 4, 5, 5, 7, 9]
        for v in values { e.add(v, weight: 1) }
        #expect(e.weight == 8)
        #expect(abs(e.mean - 5) < 1e-12)
        #expect(abs(e.variance - 32.0 / 7) < 1e-12)
        e.add(.nan, weight: 1)
        e.add(.infinity, weight: 1)
        #expect(e.weight == 8)
    }

    @Test func weightsAroundTheMeanSplitEvenly() {
        var e = GaussianEstimator()
        for v in [1.0, 2, 3, 4, 5] { e.add(v, weight: 2) }
        let w = e.weightsBelowAtAbove(e.mean)
        #expect(abs(w.below + w.at + w.above - 10) < 1e-9)
        #expect(abs(w.below - w.above) < 1e-9 + w.at)
        #expect(abs(GaussianEstimator.normalCumulativeProbability(0) - 0.5) < 1e-15)
        #expect(abs(GaussianEstimator.normalCumulativeProbability(1.959963984540054) - 0.975) < 1e-12)
        #expect(abs(GaussianEstimator.normalCumulativeProbability(-3) - 0.0013498980316301) < 1e-13)
    }
}

@Suite struct SplitCriterionTests {
    @Test func informationGainOfAPerfectSplitIsOneBit() {
        let gain = SplitCriterion.default.merit(preSplit: [10, 10], postSplit: [10, 0, 0, 10], classCount: 2)
        #expect(abs(gain - 1) < 1e-12)
        let none = SplitCriterion.default.merit(preSplit: [10, 10], postSplit: [5, 5, 5, 5], classCount: 2)
        #expect(abs(none) < 1e-12)
        #expect(abs(SplitCriterion.default.rangeOfMerit(classCount: 4) - 2) < 1e-12)
    }

    @Test func informationGainRefusesSplitsWithOneHeavyBranch() {
        let merit = SplitCriterion.default.merit(preSplit: [100, 100], postSplit: [100, 100, 0.5, 0.5], classCount: 2)
        #expect(merit == -.infinity)
    }

    @Test func giniOfAKnownSplit() {
        // Branch impurities 0.5 (4 of 8) and 0 (4 of 8): 1 - (0.5·0.5 + 0.5·0) = 0.75.
        let merit = SplitCriterion.gini.merit(preSplit: [6, 2], postSplit: [2, 2, 4, 0], classCount: 2)
        #expect(abs(merit - 0.75) < 1e-12)
        #expect(SplitCriterion.gini.rangeOfMerit(classCount: 7) == 1)
    }

    @Test func rejectsAnOutOfRangeBranchFraction() {
        #expect(throws: ConfigurationError.self) {
            try SplitCriterion.informationGain(minimumBranchFraction: 0.7).validate()
        }
    }
}

@Suite struct NumericObserverTests {
    @Test func proposesTenInteriorThresholdsAndFindsTheSeparatingOne() {
        var o = GaussianNumericObserver(classCount: 2)
        for i in 0..<100 {
            o.observe(Double(i % 50) / 10, label: 0, weight: 1)      // 0 ... 4.9
            o.observe(6 + Double(i % 50) / 10, label: 1, weight: 1)  // 6 ... 10.9
        }
        let points = o.splitPoints(numBins: 10)
        #expect(points.count == 10)
        #expect(points.allSatisfy { $0 > 0 && $0 < 10.9 })
        #expect(points == points.sorted())
        let best = o.bestSplit(criterion: .default, preSplit: [100, 100], attribute: 3, numBins: 10)
        guard let best, case .numericAtMost(let t)? = best.test?.kind else {
            Issue.record("no numeric split")
            return
        }
        #expect(best.test?.attribute == 3)
        #expect(t > 4.9 && t < 6)
        #expect(best.merit > 0.9)
        let left = best.distribution(ofBranch: 0)
        #expect(left[0] > 99 && left[1] < 1)
    }

    @Test func ignoresMissingValuesAndUnknownClasses() {
        var o = GaussianNumericObserver(classCount: 2)
        o.observe(.nan, label: 0, weight: 1)
        o.observe(1, label: 5, weight: 1)
        #expect(o.splitPoints(numBins: 10).isEmpty)
        #expect(o.density(of: 1, label: 0) == 0)
    }
}

@Suite struct NominalObserverTests {
    @Test func multiwayAndBinaryDistributions() {
        var o = NominalObserver(valueCount: 3, classCount: 2)
        for (v, c) in [(0, 0), (0, 0), (1, 1), (2, 1), (2, 0)] { o.observe(Double(v), label: c, weight: 1) }
        o.observe(.nan, label: 1, weight: 1)
        o.observe(7, label: 1, weight: 1)
        #expect(o.totalWeight == 7 && o.missingWeight == 2)
        #expect(o.distributionsOfMultiwaySplit() == [2, 0, 0, 1, 1, 1])
        #expect(o.distributionsOfBinarySplit(value: 2) == [1, 1, 2, 1])
        #expect(abs(o.probability(of: 0, label: 0) - 3.0 / 6) < 1e-15)
        let best = o.bestSplit(criterion: .default, preSplit: [3, 2], attribute: 0, binaryOnly: false)
        #expect(best?.test?.kind == .nominalMultiway)
        let binary = o.bestSplit(criterion: .default, preSplit: [3, 2], attribute: 0, binaryOnly: true)
        #expect(binary?.branchCount == 2)
    }
}
