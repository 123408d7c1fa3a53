import Testing
import OnlineLearning

@Suite struct ADWINTests {
    @Test func detectsAnAbruptMeanShiftWithinAFewHundredValues() {
        for seed: UInt64 in 1...5 {
            var adwin = ADWIN()
            let stream = DriftStreams.bernoulli(before: 0.2, after: 0.8, changeAt: 2_000, count: 4_000, seed: seed)
            let found = DriftStreams.detections(&adwin, stream)
            let first = found.first { $0 >= 2_000 }
            #expect(first != nil && first! < 2_100, "seed \(seed): \(found.prefix(5))")
            #expect(found.filter { $0 < 2_000 }.isEmpty, "seed \(seed)")
            #expect(abs(adwin.estimation - 0.8) < 0.05)
            #expect(adwin.width < 2_100, "the old values left the window")
        }
    }

    @Test func staysQuietOnAStationaryBernoulliStream() {
        var falseAlarms = 0
        for seed: UInt64 in 1...5 {
            var adwin = ADWIN()
            let stream = DriftStreams.bernoulli(before: 0.2, after: 0.2, changeAt: 0, count: 20_000, seed: seed)
            falseAlarms += DriftStreams.detections(&adwin, stream).count
            #expect(abs(adwin.estimation - 0.2) < 0.02)
        }
        #expect(falseAlarms <= 2)
    }

    @Test func estimatesMeanVarianceAndWidthOfTheWindow() {
        var adwin = ADWIN()
        for v in [1.0, 2, 3, 4, 5] { _ = adwin.update(v) }
        #expect(adwin.width == 5)
        #expect(adwin.total == 15)
        #expect(adwin.estimation == 3)
        #expect(abs(adwin.variance - 2) < 1e-12)
        for _ in 0..<10_000 { _ = adwin.update(1) }
        #expect(adwin.width == 10_005)
        #expect(adwin.detections == 0)
    }

    @Test func reportsOnlyIncreasesWhenAskedTo() throws {
        let falling = DriftStreams.bernoulli(before: 0.8, after: 0.2, changeAt: 1_000, count: 3_000, seed: 3)
        var both = ADWIN()
        var upward = try ADWIN(.init(direction: .increase))
        #expect(!DriftStreams.detections(&both, falling).isEmpty)
        #expect(DriftStreams.detections(&upward, falling).isEmpty)
        #expect(upward.width < 2_500, "the window still shrinks")
    }

    @Test func restartsAfterDriftLikeRiverWhenConfigured() throws {
        var adwin = try ADWIN(.init(restartsAfterDrift: true))
        let stream = DriftStreams.bernoulli(before: 0.1, after: 0.9, changeAt: 1_000, count: 2_000, seed: 4)
        for v in stream where adwin.update(v) == .drift {
            #expect(adwin.width == 0)
            break
        }
    }

    @Test func resetForgetsTheWindow() {
        var adwin = ADWIN()
        for v in DriftStreams.bernoulli(before: 0.5, after: 0.5, changeAt: 0, count: 1_000, seed: 5) { _ = adwin.update(v) }
        adwin.reset()
        #expect(adwin.width == 0)
        #expect(adwin.estimation == 0)
        var fresh = ADWIN()
        let stream = DriftStreams.bernoulli(before: 0.2, after: 0.8, changeAt: 500, count: 1_500, seed: 6)
        #expect(DriftStreams.states(&adwin, stream) == DriftStreams.states(&fresh, stream))
    }

    @Test func copiesAreIndependentAndSavedStateContinuesIdentically() throws {
        let stream = DriftStreams.bernoulli(before: 0.3, after: 0.7, changeAt: 3_000, count: 6_000, seed: 7)
        var adwin = ADWIN()
        _ = DriftStreams.states(&adwin, stream[..<2_500])
        var copy = adwin
        var restored = try DriftStreams.roundTrip(adwin)
        _ = DriftStreams.states(&copy, Array(repeating: 1.0, count: 500))
        #expect(copy.width != adwin.width || copy.estimation != adwin.estimation)
        let rest = stream[2_500...]
        #expect(DriftStreams.states(&restored, rest) == DriftStreams.states(&adwin, rest))
        #expect(restored.width == adwin.width && restored.estimation == adwin.estimation)
        #expect(restored.variance == adwin.variance && restored.detections == adwin.detections)
    }

    @Test func rejectsInvalidParametersByName() {
        #expect(throws: ConfigurationError.self) { _ = try ADWIN(delta: 0) }
        do {
            _ = try ADWIN(.init(clock: 0))
            Issue.record("clock 0 accepted")
        } catch let error as ConfigurationError {
            #expect(error.parameter == "clock")
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: ConfigurationError.self) { _ = try ADWIN(.init(maxBuckets: 1)) }
        #expect(throws: ConfigurationError.self) { _ = try ADWIN(.init(minWindowLength: 0)) }
        #expect(throws: ConfigurationError.self) { _ = try ADWIN(.init(gracePeriod: -1)) }
    }

    @Test func corruptBytesAreAnErrorNotACrash() {
        var writer = BinaryWriter()
        ADWIN().encode(to: &writer)
        var reader = BinaryReader(Array(writer.bytes.dropLast(4)))
        #expect(throws: ModelFormatError.self) { _ = try ADWIN(from: &reader) }
    }
}
