import OnlineLearning
import Testing
@testable import FeatureExtraction

@Suite struct FeatureExtractorTests {
    func extractor(_ features: [FeatureSpec], classes: [String] = ["a", "b"]) throws -> FeatureExtractor {
        try FeatureExtractor(dictionary: DataDictionary(label: .init(field: "y", classes: classes), features: features))
    }

    func values(_ x: inout FeatureExtractor, _ json: String) throws -> [Double] {
        guard case .event(let e) = x.extract(Array(json.utf8)) else {
            Issue.record("rejected: \(json)")
            return []
        }
        return e.instance.values
    }

    @Test func timestampsBecomeHourOfDayAndWeekdayInUTC() throws {
        var x = try extractor([FeatureSpec(name: "t", type: .timestamp)])
        // 2026-11-29 is a Sunday; 10:30 at +02:00 is 08:30 UTC.
        #expect(try values(&x, #"{"t": "2026-11-29T10:30:00.123+02:00"}"#) == [8, 6])
        #expect(try values(&x, #"{"t": "2026-11-30t00:00:00Z"}"#) == [0, 0])
        #expect(try values(&x, #"{"t": "1969-12-31 23:59:59.5Z"}"#) == [23, 2])
        #expect(try values(&x, #"{"t": "2024-02-29"}"#) == [0, 3])
        var ms = try extractor([FeatureSpec(name: "t", type: .timestamp, format: .epochMillis)])
        #expect(try values(&ms, #"{"t": 1795948200000}"#) == [10, 6])
    }

    @Test func booleansAndCategoriesAreNominalIndices() throws {
        var x = try extractor([FeatureSpec(name: "b", type: .boolean), FeatureSpec(name: "c", type: .categorical, values: ["x", "y"])])
        #expect(try values(&x, #"{"b": false, "c": "y"}"#) == [0, 1])
        #expect(try values(&x, #"{"b": true, "c": "z"}"#) == [1, 2])
    }

    @Test func hashingIsBoundedStableAndMatchesTheHeader() throws {
        var x = try extractor([FeatureSpec(name: "m", type: .categorical, hashBuckets: 16)])
        let before = x.retainedSize
        var seen = Set<Double>()
        for i in 0..<5000 {
            let v = try values(&x, "{\"m\": \"merchant-\(i)\"}")[0]
            #expect(v >= 0 && v < 16 && v == v.rounded())
            seen.insert(v)
        }
        #expect(seen.count == 16)
        #expect(x.retainedSize == before)
        #expect(x.header.attributes[0].valueCount == 16)
        // The same value lands in the same bucket in another extractor (a restart).
        var y = try extractor([FeatureSpec(name: "m", type: .categorical, hashBuckets: 16)])
        #expect(try values(&x, #"{"m": "acme"}"#) == values(&y, #"{"m": "acme"}"#))
    }

    @Test func largeValueSetsAreHashed() throws {
        var d = DataDictionary(label: nil, features: [FeatureSpec(name: "c", type: .categorical, values: (0..<50).map { "v\($0)" })])
        d.limits.maxNominalValues = 10
        d.limits.hashBuckets = 4
        #expect(d.header.attributes[0].valueCount == 4)
    }

    @Test func imputationFillsMissingValuesAndIndicatorsMarkThem() throws {
        var x = try extractor([
            FeatureSpec(name: "n", type: .numeric, nullable: true, imputation: .mean, missingIndicator: true),
            FeatureSpec(name: "c", type: .categorical, values: ["x", "y"], nullable: true, imputation: .mode),
            FeatureSpec(name: "d", type: .numeric, nullable: true, imputation: .default, default: .number(7)),
            FeatureSpec(name: "b", type: .boolean, nullable: true, imputation: .default, default: .bool(true)),
            FeatureSpec(name: "m", type: .numeric, nullable: true),
        ])
        #expect(x.header.attributes.map(\.name) == ["n", "n.missing", "c", "d", "b", "m"])
        let first = try values(&x, "{}")
        #expect(first[0].isNaN && first[1] == 1 && first[2].isNaN && first[3] == 7 && first[4] == 1 && first[5].isNaN)
        _ = try values(&x, #"{"n": 2, "c": "y"}"#)
        _ = try values(&x, #"{"n": 4, "c": "y", "d": 1}"#)
        _ = try values(&x, #"{"n": null, "c": "x"}"#)
        let v = try values(&x, #"{"c": null}"#)
        #expect(v[0] == 3 && v[1] == 1 && v[2] == 1 && v[3] == 7)
        #expect(try values(&x, #"{"n": 5}"#)[1] == 0)
    }

    @Test func imputationStatisticsSurviveACheckpoint() throws {
        let features = [FeatureSpec(name: "n", type: .numeric, nullable: true, imputation: .mean),
                        FeatureSpec(name: "c", type: .categorical, values: ["x", "y"], nullable: true, imputation: .mode)]
        var x = try extractor(features)
        for json in [#"{"n": 1, "c": "y"}"#, #"{"n": 2, "c": "y"}"#, #"{"n": 6, "c": "x"}"#] { _ = try values(&x, json) }
        var writer = BinaryWriter()
        x.statistics.encode(to: &writer)
        var reader = BinaryReader(writer.bytes)
        var restored = try extractor(features)
        restored.statistics = try ImputationStatistics(from: &reader)
        #expect(try values(&restored, "{}") == values(&x, "{}"))
        #expect(try values(&restored, "{}") == [3, 1])
    }

    @Test func reusedEventsAreRewrittenInPlace() throws {
        var x = try extractor([FeatureSpec(name: "n", type: .numeric)])
        var event = ExtractedEvent(instance: Instance([]))
        for i in 0..<3 {
            let bytes = Array("{\"n\": \(i), \"y\": \"b\"}".utf8)
            let r = bytes.withUnsafeBytes { x.extract($0, into: &event) }
            #expect(r == nil && event.instance.values == [Double(i)] && event.label == 1)
        }
    }

    @Test func extractedInstancesTrainTheLearners() throws {
        var x = try extractor([
            FeatureSpec(name: "amount", type: .numeric),
            FeatureSpec(name: "country", type: .categorical, values: ["IE", "FR"]),
            FeatureSpec(name: "vip", type: .boolean),
            FeatureSpec(name: "ts", type: .timestamp),
        ], classes: ["ok", "fraud"])
        var nb = NaiveBayes(header: x.header)
        var lr = try LogisticRegression(header: x.header)
        var random = RandomSource(seed: 7)
        for i in 0..<400 {
            let fraud = i % 2 == 0
            let amount = (fraud ? 900.0 : 20.0) + random.nextDouble() * 50
            let json = "{\"amount\": \(amount), \"country\": \"\(fraud ? "FR" : "IE")\", \"vip\": \(!fraud), \"ts\": \"2026-11-29T0\(i % 10):00:00Z\", \"y\": \"\(fraud ? "fraud" : "ok")\"}"
            guard case .event(let e) = x.extract(Array(json.utf8)), let label = e.label else {
                Issue.record("rejected \(json)")
                return
            }
            nb.learn(e.instance, label: label, weight: 1)
            lr.learn(e.instance, label: label, weight: 1)
        }
        guard case .event(let probe) = x.extract(Array(#"{"amount": 950, "country": "FR", "vip": false, "ts": "2026-11-29T03:00:00Z"}"#.utf8)) else {
            Issue.record("probe rejected")
            return
        }
        #expect(nb.probabilities(for: probe.instance)[1] > 0.9)
        #expect(lr.probabilities(for: probe.instance)[1] > 0.9)
    }
}
