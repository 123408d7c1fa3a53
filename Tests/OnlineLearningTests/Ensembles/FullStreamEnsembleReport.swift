import Testing
import Foundation
import OnlineLearning

/// The full 200k reference stream, opt-in (`EDDY_FULL_STREAM=1`): Eddy's final accuracy for every ensemble
/// next to MOA's (/work/shared/reference/README.md), printed, and checked within one point.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["EDDY_FULL_STREAM"] == "1"))
struct FullStreamEnsembleReport {
    /// The full stream from `shared/reference/sea_abrupt.csv.gz` beside the repository.
    static func fullStream() throws -> [(x: Instance, label: Int)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let path = root.deletingLastPathComponent().appendingPathComponent("shared/reference/sea_abrupt.csv.gz").path
        let gunzip = Process()
        gunzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gunzip.arguments = ["-dc", path]
        let pipe = Pipe()
        gunzip.standardOutput = pipe
        try gunzip.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        gunzip.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst().compactMap { line in
            let c = line.split(separator: ",")
            guard c.count == 4, let a = Double(c[0]), let b = Double(c[1]), let d = Double(c[2]) else { return nil }
            return (Instance([a, b, d]), c[3] == "groupA" ? 0 : 1)
        }
    }

    static func accuracy<C: Classifier>(_ model: inout C, _ stream: [(x: Instance, label: Int)]) -> Double {
        ReferenceStream.prequentialAccuracy(&model, on: stream, every: stream.count).last!.accuracy
    }

    @Test func finalAccuraciesMatchMOA() throws {
        let stream = try Self.fullStream()
        #expect(stream.count == 200_000)
        let header = ReferenceStream.header
        let tree = try HoeffdingTree(header: header)
        var bag = try OnlineBagging(prototype: tree)
        var lev = try LeveragingBagging(prototype: tree)
        var adwinBag = try ADWINBagging(prototype: tree)
        var arf = try AdaptiveRandomForest(header: header)
        var abstainingBag = try AbstainingEnsemble(ensemble: OnlineBagging(prototype: tree))
        var abstainingLev = try AbstainingEnsemble(ensemble: LeveragingBagging(prototype: tree))
        let results = [
            ("OzaBag10", Self.accuracy(&bag, stream), 84.87),
            ("LevBag10", Self.accuracy(&lev, stream), 88.15),
            ("ARF10", Self.accuracy(&arf, stream), 89.01),
        ]
        for (name, ours, moa) in results {
            print("\(name): Eddy \(ours), MOA \(moa)")
            #expect(abs(ours - moa) <= 1, "\(name): Eddy \(ours), MOA \(moa)")
        }
        let adwin = Self.accuracy(&adwinBag, stream)
        let absBag = Self.accuracy(&abstainingBag, stream)
        let absLev = Self.accuracy(&abstainingLev, stream)
        print("ADWINBag10: Eddy \(adwin)")
        print("Abstaining OzaBag10: \(absBag), abstention rate \(abstainingBag.abstentionRate)")
        print("Abstaining LevBag10: \(absLev), abstention rate \(abstainingLev.abstentionRate)")
        #expect(absBag >= results[0].1)
        #expect(absLev >= results[1].1)
    }
}
