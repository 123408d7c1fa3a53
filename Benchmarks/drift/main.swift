// Updates per second of every drift detector on one million values, in a release (-O, whole-module) build.
// Built by compare.sh beside it together with OnlineLearning's sources, so it needs no package tooling.
#if canImport(Glibc)
import Glibc
#endif

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

let count = 1_000_000
var random = RandomSource(seed: 42)
// An error-like 0/1 stream whose rate alternates between 0.15 and 0.3 every 100,000 values.
let values: [Double] = (0..<count).map { i in random.nextDouble() < ((i / 100_000) % 2 == 0 ? 0.15 : 0.3) ? 1 : 0 }

@inline(never)
func measure<D: DriftDetector>(_ name: String, _ make: () -> D) {
    var best = Double.infinity
    var drifts = 0
    for _ in 0..<5 {
        var d = make()
        drifts = 0
        let start = now()
        for v in values where d.update(v) == .drift { drifts += 1 }
        best = min(best, now() - start)
    }
    let rate = Int(Double(count) / best)
    let ns = Int(best * 1e9 / Double(count) * 10)
    print("\(name + String(repeating: " ", count: max(0, 14 - name.count))) \(rate / 1000)k updates/s  \(ns / 10).\(ns % 10) ns/update  \(drifts) drifts")
}

measure("ADWIN") { ADWIN() }
measure("ADWIN restart") { try! ADWIN(.init(restartsAfterDrift: true)) }
measure("DDM") { DDM() }
measure("EDDM") { EDDM() }
measure("HDDM-A") { HDDMA() }
measure("Page-Hinkley") { try! PageHinkley(.init(direction: .increase)) }
measure("KSWIN") { KSWIN() }
