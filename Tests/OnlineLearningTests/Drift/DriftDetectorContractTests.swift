import Testing
@testable import OnlineLearning

/// Behaviour every drift detector promises, checked on each one with its defaults (River's `check_estimator`
/// for detectors): an abrupt change is found, a stationary stream is mostly quiet, reset restores the
/// initial behaviour, copies are independent, and a saved detector continues exactly like the original.
@Suite struct DriftDetectorContractTests {
    /// A 0/1 error stream whose error rate jumps from 0.2 to 0.6 at 3,000.
    static let errors = DriftStreams.bernoulli(before: 0.2, after: 0.6, changeAt: 3_000, count: 6_000, seed: 11)

    static func check<D: DriftDetector>(
        _ make: () -> D, name: String, maxDelay: Int, maxFalseAlarms: Int, maxStationaryAlarms: Int? = nil
    ) throws {
        // Found, quickly, without alarms before the change.
        var detector = make()
        let found = DriftStreams.detections(&detector, errors)
        let first = found.first { $0 >= 3_000 }
        #expect(first != nil && first! - 3_000 < maxDelay, "\(name) found \(found.prefix(8))")
        #expect(found.filter { $0 < 3_000 }.count <= maxFalseAlarms, "\(name) found \(found.prefix(8))")

        // Mostly quiet on a long stationary stream.
        var quiet = make()
        var alarms = 0
        for seed: UInt64 in 1...3 {
            let stream = DriftStreams.bernoulli(before: 0.2, after: 0.2, changeAt: 0, count: 10_000, seed: seed)
            alarms += DriftStreams.detections(&quiet, stream).count
        }
        #expect(alarms <= maxStationaryAlarms ?? 3 * maxFalseAlarms, "\(name): \(alarms) false alarms on 30,000 stationary values")

        // Reset restores the initial behaviour.
        detector.reset()
        var fresh = make()
        #expect(DriftStreams.states(&detector, errors) == DriftStreams.states(&fresh, errors), "\(name) reset")

        // Copies are independent; a saved detector continues identically.
        var original = make()
        _ = DriftStreams.states(&original, errors[..<2_900])
        var copy = original
        _ = DriftStreams.states(&copy, Array(repeating: 1.0, count: 300))
        var restored = try DriftStreams.roundTrip(original)
        let rest = Array(errors[2_900...])
        let expected = DriftStreams.states(&original, rest)
        #expect(DriftStreams.states(&restored, rest) == expected, "\(name) round trip")
        #expect(restored.estimation == original.estimation, "\(name) round trip estimation")
        var copyAgain = original
        #expect(DriftStreams.states(&copyAgain, rest) == DriftStreams.states(&original, rest), "\(name) copy")
    }

    @Test func adwinKeepsTheContract() throws {
        try Self.check({ ADWIN() }, name: "ADWIN", maxDelay: 300, maxFalseAlarms: 0)
    }

    @Test func ddmKeepsTheContract() throws {
        try Self.check({ DDM() }, name: "DDM", maxDelay: 1_000, maxFalseAlarms: 1)
    }

    @Test func eddmKeepsTheContract() throws {
        // EDDM is known to alarm often on noisy streams: River's EDDM raises 56 alarms on three such
        // stationary Bernoulli(0.2) streams of 10,000 values; it is held to a similar rate.
        try Self.check({ EDDM() }, name: "EDDM", maxDelay: 1_000, maxFalseAlarms: 15, maxStationaryAlarms: 100)
    }

    @Test func hddmaKeepsTheContract() throws {
        try Self.check({ HDDMA() }, name: "HDDM-A", maxDelay: 500, maxFalseAlarms: 1)
    }

    @Test func pageHinkleyKeepsTheContract() throws {
        try Self.check({ try! PageHinkley(.init(direction: .increase)) }, name: "Page-Hinkley", maxDelay: 500,
                       maxFalseAlarms: 1)
    }

    @Test func kswinKeepsTheContract() throws {
        try Self.check({ KSWIN() }, name: "KSWIN", maxDelay: 300, maxFalseAlarms: 30)
    }
}

@Suite struct NonFiniteInputTests {
    static func ignoresNonFiniteValues<D: DriftDetector>(_ make: () -> D, name: String) {
        let stream = DriftStreams.bernoulli(before: 0.2, after: 0.6, changeAt: 1_500, count: 3_000, seed: 31)
        var clean = make(), noisy = make()
        let expected = DriftStreams.states(&clean, stream)
        var got: [DriftState] = []
        for (i, v) in stream.enumerated() {
            if i % 97 == 0 {
                #expect(noisy.update(.nan) == .stable, "\(name)")
                _ = noisy.update(.infinity)
            }
            got.append(noisy.update(v))
        }
        #expect(got == expected, "\(name)")
        #expect(noisy.estimation == clean.estimation, "\(name)")
    }

    @Test func everyDetectorIgnoresNaNAndInfinity() throws {
        Self.ignoresNonFiniteValues({ ADWIN() }, name: "ADWIN")
        Self.ignoresNonFiniteValues({ DDM() }, name: "DDM")
        Self.ignoresNonFiniteValues({ EDDM() }, name: "EDDM")
        Self.ignoresNonFiniteValues({ HDDMA() }, name: "HDDM-A")
        Self.ignoresNonFiniteValues({ PageHinkley() }, name: "Page-Hinkley")
        Self.ignoresNonFiniteValues({ KSWIN() }, name: "KSWIN")
    }
}
