import Foundation
import Testing
@testable import OnlineLearning

/// Eddy's detectors on River's Hoeffding-tree error stream (Fixtures/river) must give River 0.26.1's
/// reference table (../shared/reference/README.md): the same input, the same decisions.
@Suite struct DriftGoldenTests {
    static let riverErrors: Result<[Double], Error> = Result {
        guard let url = Bundle.module.url(forResource: "sea_abrupt__HT_errors.txt", withExtension: "gz",
                                          subdirectory: "Fixtures/river") else {
            throw ReferenceError("fixture river/sea_abrupt__HT_errors.txt.gz is missing")
        }
        let data = try gunzip(url.path)
        return data.split(separator: UInt8(ascii: "\n")).map { $0.first == UInt8(ascii: "1") ? 1 : 0 }
    }

    /// River's table: changes found (of 3), mean delay, false alarms.
    static let river: [String: (found: Int, delay: Double, falseAlarms: Int)] = [
        "ADWIN restart": (3, 437, 5), "DDM": (3, 2_995, 0), "HDDM-A": (3, 683, 1),
        "Page-Hinkley": (3, 364, 2), "EDDM": (1, 6_476, 40),
    ]

    @Test func detectorsReproduceRiversTableOnRiversErrorStream() throws {
        let errors = try Self.riverErrors.get()
        #expect(errors.count == 200_000)
        var rows: [(String, DriftDetectionScore)] = []
        for (name, score) in DriftReference.detectors {
            let s = try score(errors, DriftReference.trueChanges)
            rows.append((name, s))
            if let expected = Self.river[name] {
                #expect(s.found == expected.found, "\(name)")
                #expect(abs((s.meanDelay ?? .infinity) - expected.delay) < 1, "\(name) delay \(s.meanDelay ?? -1)")
                #expect(s.falseAlarms == expected.falseAlarms, "\(name)")
            }
        }
        print(DriftReference.table(rows))
        // The project's acceptance: ADWIN (either way after a drift) and HDDM-A find every change in < 1,000.
        for (name, s) in rows where name.hasPrefix("ADWIN") || name == "HDDM-A" {
            #expect(s.found == 3, "\(name)")
            #expect((s.meanDelay ?? .infinity) < 1_000, "\(name)")
        }
    }
}
