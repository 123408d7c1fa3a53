import Foundation
import Testing
import OnlineLearning

@Suite struct PrequentialEvaluatorTests {
    /// Six predictions worked out by hand (see each expectation's comment).
    static let truths = [0, 0, 1, 1, 0, 1]
    static let predictions = [0, 1, 1, 0, 0, 1]
    static let abstained = [false, true, false, true, false, false]

    func evaluated(window: Int? = nil) throws -> PrequentialEvaluator {
        var e = try PrequentialEvaluator(classCount: 2, windowSize: window)
        for i in Self.truths.indices {
            e.add(truth: Self.truths[i], predicted: Self.predictions[i], abstained: Self.abstained[i])
        }
        return e
    }

    func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-12 }

    @Test func cumulativeMeasuresMatchHandComputedValues() throws {
        let m = try evaluated().cumulative
        #expect(m.instances == 6)
        #expect(near(m.accuracy, 4.0 / 6))
        // Marginals: predicted 3/3, true 3/3 → pc = 0.5; kappa = (2/3 − 1/2) / (1/2).
        #expect(near(m.kappa, 1.0 / 3))
        // No-change (previous truth, 0 at first) is right on instances 1, 2, 4 → 1/2.
        #expect(near(m.kappaTemporal, 1.0 / 3))
        // Majority so far including the instance (ties → class 0): right on 1, 2, 5 → 1/2.
        #expect(near(m.kappaM, 1.0 / 3))
        #expect(near(m.abstentionRate, 2.0 / 6))
        #expect(m.precision.map { ($0 * 1e9).rounded() } == [666_666_667, 666_666_667])
        #expect(near(m.recall[0], 2.0 / 3) && near(m.recall[1], 2.0 / 3))
        #expect(near(m.f1[1], 2.0 / 3))
    }

    @Test func windowedMeasuresCoverTheLastInstancesOnly() throws {
        let w = try #require(try evaluated(window: 3).window)
        // Instances 4-6: truths 1 0 1, predictions 0 0 1.
        #expect(w.instances == 3)
        #expect(near(w.accuracy, 2.0 / 3))
        #expect(near(w.kappa, 0.4)) // pc = 2/3·1/3 + 1/3·2/3 = 4/9
        #expect(near(w.kappaTemporal, 0.5)) // no-change right on 4 only
        #expect(near(w.kappaM, 0)) // the window's majority (1) is right on 4 and 6
        #expect(near(w.abstentionRate, 1.0 / 3))
        #expect(near(w.precision[0], 0.5) && near(w.recall[1], 0.5))
        let big = try #require(try evaluated(window: 100).window)
        #expect(big == (try evaluated().cumulative))
    }

    @Test func weightsAreSummedAndUnusableInputIsIgnored() throws {
        var e = try PrequentialEvaluator(classCount: 3)
        e.add(truth: 0, predicted: 0, weight: 3)
        e.add(truth: 1, predicted: 0, weight: 1)
        e.add(truth: 5, predicted: 0)
        e.add(truth: -1, predicted: 0)
        e.add(truth: 1, predicted: 1, weight: 0)
        e.add(truth: 1, predicted: 1, weight: .nan)
        e.add(truth: 2, predicted: 9)
        let m = e.cumulative
        #expect(m.instances == 3)
        #expect(m.weight == 5)
        #expect(near(m.accuracy, 3.0 / 5))
        #expect(m.precision[2].isNaN)
        #expect(m.recall[2] == 0)
    }

    @Test func anEmptyEvaluatorReportsNaN() throws {
        let e = try PrequentialEvaluator(classCount: 2, windowSize: 10)
        #expect(e.cumulative.accuracy.isNaN && e.cumulative.kappa.isNaN)
        #expect(e.window?.instances == 0)
        #expect(throws: ConfigurationError.self) { _ = try PrequentialEvaluator(classCount: 2, windowSize: 0) }
    }

    @Test func samplerTakesASnapshotEveryNInstancesAndAtTheEnd() throws {
        var e = try PrequentialEvaluator(classCount: 2, windowSize: 4)
        var s = try PrequentialSampler(every: 10)
        for i in 0..<25 {
            e.add(truth: i % 2, predicted: 0)
            s.sample(e)
        }
        s.finish(e)
        s.finish(e)
        #expect(s.snapshots.map(\.instances) == [10, 20, 25])
        #expect(s.snapshots[0].cumulative.accuracy == 0.5)
        #expect(s.snapshots[2].window?.instances == 4)
    }

    @Test func theNoChangeLearnerHasKappaTemporalZeroOnSea() throws {
        // The no-change learner predicts exactly the no-change baseline, so kappa-temporal is 0 by definition.
        var model = NoChange(header: ReferenceStream.header)
        var e = try PrequentialEvaluator(classCount: 2, windowSize: 1000)
        for (x, y) in try ReferenceStream.sea(count: 20_000) {
            e.add(truth: y, predicted: model.predict(x))
            model.learn(x, label: y)
        }
        #expect(e.cumulative.kappaTemporal == 0)
        #expect(e.window?.kappaTemporal == 0)
        #expect(abs(e.cumulative.kappa) < 0.05)
    }
}

@Suite struct PrequentialEvaluatorMOAParityTests {
    /// MOA's full curve for `learner`: instances, then accuracy, kappa, kappa-temporal, kappa-M in percent.
    static func moaCurve(_ learner: String) throws -> [[Double]] {
        let url = try #require(Bundle.module.url(forResource: "sea_abrupt__\(learner)", withExtension: "csv", subdirectory: "Fixtures/moa"))
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
    }

    @Test func naiveBayesKappasOnTheSeaPrefixAreMoas() throws {
        // NaiveBayes reproduces MOA's predictions, so every measure must equal MOA's column to print precision.
        var model = NaiveBayes(header: ReferenceStream.header)
        var evaluator = try PrequentialEvaluator(classCount: 2)
        var sampler = try PrequentialSampler(every: 10_000)
        for (x, y) in try ReferenceStream.sea(count: 60_000) {
            evaluator.add(truth: y, predicted: model.predict(x))
            model.learn(x, label: y)
            sampler.sample(evaluator)
        }
        let moa = try Self.moaCurve("NB")
        #expect(sampler.snapshots.count == 6)
        for (s, row) in zip(sampler.snapshots, moa) {
            #expect(Double(s.instances) == row[0])
            let m = s.cumulative
            let ours = [m.accuracy, m.kappa, m.kappaTemporal, m.kappaM].map { $0 * 100 }
            for (a, b) in zip(ours, row.dropFirst()) { #expect(abs(a - b) < 1e-9, "at \(s.instances): \(ours) vs MOA \(row)") }
        }
    }
}
