import Testing
import OnlineLearning

/// The drift-detector contract, checked on every detector in ``ContractDetector/all``: determinism, copies
/// that do not share state, a save/load round trip that continues identically, `reset()` starting afresh,
/// and non-finite values ignored.
@Suite struct DetectorContractTests {
    /// A seeded 0/1 error stream whose error rate jumps from 10% to 50% half way, then falls to 20%.
    static func errors(count: Int = 3000, seed: UInt64 = 21) -> [Double] {
        var r = RandomSource(seed: seed)
        return (0..<count).map { i in
            let rate = i < count / 2 ? 0.1 : (i < count * 3 / 4 ? 0.5 : 0.2)
            return r.nextDouble() < rate ? 1 : 0
        }
    }

    /// Feeds `values` and returns every state with the estimation after it.
    func run(_ detector: inout any DriftDetector, _ values: some Sequence<Double>) -> [(DriftState, Double)] {
        values.map { v in (detector.update(v), detector.estimation) }
    }

    func same(_ a: [(DriftState, Double)], _ b: [(DriftState, Double)]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1.bitPattern == $1.1.bitPattern }
    }

    @Test(arguments: ContractDetector.all)
    func theSameSeedAndInputGiveTheSameStates(_ detector: ContractDetector) throws {
        var a = try detector.make(5), b = try detector.make(5)
        #expect(same(run(&a, Self.errors()), run(&b, Self.errors())), "\(detector)")
    }

    @Test(arguments: ContractDetector.all)
    func aCopyDoesNotShareState(_ detector: ContractDetector) throws {
        var original = try detector.make(5)
        var reference = try detector.make(5)
        let data = Self.errors()
        _ = run(&original, data.prefix(1000))
        _ = run(&reference, data.prefix(1000))
        var copy = original
        _ = run(&copy, Self.errors(count: 2000, seed: 77).map { 1 - $0 })
        #expect(same(run(&original, data.dropFirst(1000)), run(&reference, data.dropFirst(1000))), "\(detector)")
    }

    @Test(arguments: ContractDetector.all)
    func saveAndLoadContinuesIdentically(_ detector: ContractDetector) throws {
        let data = Self.errors()
        for cut in [0, 700, 1600] {
            var original = try detector.make(5)
            _ = run(&original, data.prefix(cut))
            var restored = try detector.roundTrip(original)
            #expect(restored.estimation.bitPattern == original.estimation.bitPattern || (restored.estimation.isNaN && original.estimation.isNaN))
            #expect(same(run(&original, data.dropFirst(cut)), run(&restored, data.dropFirst(cut))), "\(detector) cut at \(cut)")
        }
    }

    @Test(arguments: ContractDetector.all)
    func resetBehavesLikeAFreshDetector(_ detector: ContractDetector) throws {
        let data = Self.errors()
        var used = try detector.make(5)
        _ = run(&used, data.prefix(2000))
        used.reset()
        var fresh = try detector.make(5)
        let tail = Self.errors(count: 1500, seed: 8)
        #expect(same(run(&used, tail), run(&fresh, tail)), "\(detector)")
    }

    @Test(arguments: ContractDetector.all)
    func nonFiniteValuesAreIgnored(_ detector: ContractDetector) throws {
        let data = Self.errors(count: 2000)
        var clean = try detector.make(5), noisy = try detector.make(5)
        let expected = run(&clean, data)
        var observed: [(DriftState, Double)] = []
        for (i, v) in data.enumerated() {
            if i % 97 == 0 {
                for odd in [Double.nan, .infinity, -.infinity] { _ = noisy.update(odd) }
            }
            observed.append((noisy.update(v), noisy.estimation))
        }
        let identical = same(observed, expected)
        #expect(identical, "\(detector) does not ignore non-finite values")
    }
}
