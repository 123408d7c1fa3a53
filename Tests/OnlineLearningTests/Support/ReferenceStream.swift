import Testing
import Foundation
import OnlineLearning

/// The reference SEA stream (MOA's SEA generator, 10% noise, abrupt drifts every 50,000 instances) and MOA's
/// published prequential curves on it, from `Fixtures/` (see ../shared/reference/README.md).
///
/// The fixture holds the first 100,000 of the 200,000 instances, so golden tests can pin MOA's curve at
/// every 10,000 instances up to and across the first drift.
enum ReferenceStream {
    /// The header of the SEA stream: three numeric attributes and two classes.
    static let header = Header(
        attributes: [.numeric("attrib1"), .numeric("attrib2"), .numeric("attrib3")],
        classes: ["groupA", "groupB"]
    )

    /// The first `count` instances (at most 100,000) with their class indices.
    static func sea(count: Int = 100_000) throws -> [(x: Instance, label: Int)] {
        let all = try loaded.get()
        return Array(all.prefix(count))
    }

    /// MOA's curve for `learner` (the file suffix, such as `HT` or `NB`): cumulative accuracy in percent at
    /// each sampled instance count.
    static func moaAccuracyCurve(_ learner: String) throws -> [(instances: Int, accuracy: Double)] {
        guard let url = Bundle.module.url(forResource: "sea_abrupt__\(learner)", withExtension: "csv", subdirectory: "Fixtures/moa") else {
            throw ReferenceError("no MOA curve for \(learner)")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let cells = line.split(separator: ",")
            return (Int(Double(cells[0])!), Double(cells[1])!)
        }
    }

    /// Prequential (test-then-train) accuracy in percent of `learner` over `stream`, sampled every `every`.
    static func prequentialAccuracy<C: Classifier>(
        _ learner: inout C, on stream: [(x: Instance, label: Int)], every: Int = 10_000
    ) -> [(instances: Int, accuracy: Double)] {
        var correct = 0
        var curve: [(Int, Double)] = []
        for (i, example) in stream.enumerated() {
            if learner.predict(example.x) == example.label { correct += 1 }
            learner.learn(example.x, label: example.label)
            if (i + 1) % every == 0 { curve.append((i + 1, 100 * Double(correct) / Double(i + 1))) }
        }
        return curve
    }

    private static let loaded: Result<[(x: Instance, label: Int)], Error> = Result { try load() }

    private static func load() throws -> [(x: Instance, label: Int)] {
        guard let url = Bundle.module.url(forResource: "sea_abrupt_100k.csv", withExtension: "gz", subdirectory: "Fixtures") else {
            throw ReferenceError("fixture sea_abrupt_100k.csv.gz is missing")
        }
        let data = try gunzip(url.path)
        return try parseSEA(data)
    }

    /// Parses the SEA CSV (header row; attrib1-3; class groupA/groupB).
    static func parseSEA(_ data: Data) throws -> [(x: Instance, label: Int)] {
        var out: [(x: Instance, label: Int)] = []
        out.reserveCapacity(200_000)
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",")
            guard cells.count == 4, let a = Double(cells[0]), let b = Double(cells[1]), let c = Double(cells[2]) else {
                throw ReferenceError("bad SEA line: \(line)")
            }
            out.append((Instance([a, b, c]), cells[3] == "groupA" ? 0 : 1))
        }
        return out
    }
}

struct ReferenceError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

@Suite struct ReferenceStreamTests {
    @Test func fixtureHoldsTheFirstHundredThousandInstances() throws {
        let stream = try ReferenceStream.sea()
        #expect(stream.count == 100_000)
        #expect(stream[0].label == 1)
        #expect(try ReferenceStream.moaAccuracyCurve("HT").count == 20)
    }
}
