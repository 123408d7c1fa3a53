import Testing
@testable import OnlineLearning

/// Behaviour particular to each detector: warnings, directions, parameters and their validation.
@Suite struct DetectorBehaviourTests {
    static func rejects(_ parameter: String, _ build: () throws -> Void) {
        do {
            try build()
            Issue.record("invalid \(parameter) accepted")
        } catch let error as ConfigurationError {
            #expect(error.parameter == parameter)
            #expect(error.description.contains(parameter))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func invalidParametersAreRejectedByName() {
        Self.rejects("warningThreshold") { _ = try DDM(.init(warningThreshold: 0)) }
        Self.rejects("driftThreshold") { _ = try DDM(.init(warningThreshold: 3, driftThreshold: 2)) }
        Self.rejects("warmStart") { _ = try DDM(.init(warmStart: -1)) }
        Self.rejects("beta") { _ = try EDDM(.init(alpha: 0.9, beta: 0.95)) }
        Self.rejects("alpha") { _ = try EDDM(.init(alpha: 1.5)) }
        Self.rejects("driftConfidence") { _ = try HDDMA(.init(driftConfidence: 0)) }
        Self.rejects("warningConfidence") { _ = try HDDMA(.init(driftConfidence: 0.01, warningConfidence: 0.005)) }
        Self.rejects("threshold") { _ = try PageHinkley(.init(threshold: 0)) }
        Self.rejects("alpha") { _ = try PageHinkley(.init(alpha: 0)) }
        Self.rejects("minInstances") { _ = try PageHinkley(.init(minInstances: 0)) }
        Self.rejects("windowSize") { _ = try KSWIN(.init(windowSize: 50, statSize: 30)) }
        Self.rejects("statSize") { _ = try KSWIN(.init(statSize: 0)) }
        Self.rejects("alpha") { _ = try KSWIN(.init(alpha: 1)) }
    }

    @Test func ddmWarnsBeforeItSignalsDrift() {
        var ddm = DDM()
        let stream = DriftStreams.bernoulli(before: 0.1, after: 0.5, changeAt: 2_000, count: 4_000, seed: 21)
        let states = DriftStreams.states(&ddm, stream)
        let drift = states.firstIndex(of: .drift)
        let warning = states[2_000...].firstIndex(of: .warning)
        #expect(drift != nil && warning != nil && warning! < drift!)
        #expect(abs(ddm.estimation - 0.5) < 0.1, "restarted after the drift")
    }

    @Test func eddmSignalsWhenErrorsComeCloserTogether() {
        var eddm = EDDM()
        let stream = DriftStreams.bernoulli(before: 0.05, after: 0.5, changeAt: 3_000, count: 5_000, seed: 22)
        let found = DriftStreams.detections(&eddm, stream)
        #expect(found.contains { $0 >= 3_000 && $0 < 3_500 }, "\(found)")
        #expect(eddm.meanDistance < 4)
    }

    @Test func hddmaIsOneSidedByDefaultAndTwoSidedOnRequest() throws {
        let falling = DriftStreams.bernoulli(before: 0.6, after: 0.1, changeAt: 2_000, count: 4_000, seed: 23)
        var oneSided = HDDMA()
        var twoSided = try HDDMA(.init(direction: .both))
        #expect(DriftStreams.detections(&oneSided, falling).isEmpty)
        #expect(DriftStreams.detections(&twoSided, falling).contains { $0 >= 2_000 && $0 < 2_300 })
        var warned = HDDMA()
        let rising = DriftStreams.bernoulli(before: 0.1, after: 0.4, changeAt: 2_000, count: 3_000, seed: 24)
        let states = DriftStreams.states(&warned, rising)
        #expect(states.firstIndex(of: .warning)! < states.firstIndex(of: .drift)!)
    }

    @Test func pageHinkleyFindsAShiftOfARealValuedMeanInTheTestedDirection() throws {
        let rising = DriftStreams.gaussian(before: 0, after: 2, changeAt: 1_000, count: 2_000, seed: 25)
        var both = PageHinkley()
        var downward = try PageHinkley(.init(direction: .decrease))
        #expect(DriftStreams.detections(&both, rising).contains { $0 >= 1_000 && $0 < 1_100 })
        #expect(DriftStreams.detections(&downward, rising).isEmpty)
        let falling = DriftStreams.gaussian(before: 2, after: 0, changeAt: 1_000, count: 2_000, seed: 26)
        downward.reset()
        #expect(DriftStreams.detections(&downward, falling).contains { $0 >= 1_000 && $0 < 1_100 })
    }

    @Test func kswinSeesAChangeOfSpreadWithTheSameMean() {
        var kswin = KSWIN()
        let stream = DriftStreams.gaussian(before: 0, after: 0, sd: 1, changeAt: 0, count: 1_000, seed: 27)
            + DriftStreams.gaussian(before: 0, after: 0, sd: 6, changeAt: 0, count: 1_000, seed: 28)
        let found = DriftStreams.detections(&kswin, stream)
        #expect(found.contains { $0 >= 1_000 && $0 < 1_060 }, "\(found)")
    }

    @Test func kswinSameSeedGivesTheSameDetections() throws {
        let stream = DriftStreams.gaussian(before: 0, after: 1, changeAt: 3_000, count: 5_000, seed: 29)
        var a = try KSWIN(.init(seed: 7)), b = try KSWIN(.init(seed: 7))
        #expect(DriftStreams.detections(&a, stream) == DriftStreams.detections(&b, stream))
    }

    @Test func kolmogorovSmirnovPValuesMatchSciPy() {
        // scipy.stats.ks_2samp(..., method="exact") for two samples of 30 with D = k/30.
        let scipy: [(Int, Double)] = [(5, 0.8079631540901643), (8, 0.23907300248018645), (10, 0.07088798787114439),
                                      (12, 0.015643390496754332), (15, 0.0008995776840176799)]
        for (k, p) in scipy {
            #expect(abs(KolmogorovSmirnov.pValue(steps: k, sampleSize: 30) - p) < 1e-9 * max(1, p / 1e-3), "k=\(k)")
        }
        #expect(KolmogorovSmirnov.criticalSteps(sampleSize: 30, alpha: 0.005) == 14)
        let a = (0..<30).map(Double.init), b = (0..<30).map { Double($0 + 8) }
        #expect(KolmogorovSmirnov.statisticSteps(a, b) == 8)
    }
}
