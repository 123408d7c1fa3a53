import Benchmark
import FeatureExtraction
import OnlineLearning

/// A fraud-like dictionary: numeric, nominal, hashed, boolean and nullable features, id, label and time.
let dictionary = DataDictionary(
    idField: "id", timeField: "ts", label: .init(field: "class", classes: ["fraud", "ok"]),
    features: [
        FeatureSpec(name: "amount", type: .numeric, min: 0, max: 100_000),
        FeatureSpec(name: "country", type: .categorical, values: ["IE", "FR", "DE", "ES", "IT", "PL", "NL", "BE"]),
        FeatureSpec(name: "merchant", type: .categorical, hashBuckets: 64),
        FeatureSpec(name: "card_present", type: .boolean),
        FeatureSpec(name: "items", type: .numeric, min: 0),
        FeatureSpec(name: "score", type: .numeric, nullable: true, imputation: .mean, missingIndicator: true),
    ])

/// 10,000 events of about 170-200 bytes, like design.md §3's example.
let events: [[UInt8]] = (0..<10_000).map { i in
    let country = ["IE", "FR", "DE", "ES", "IT", "PL", "NL", "BE"][i % 8]
    let score = i % 5 == 0 ? "null" : "0.\(i % 89)"
    return Array("{\"id\": \"e-\(100_000 + i)\", \"ts\": \"2026-11-29T10:\(10 + i % 50):00.\(i % 1000)Z\", \"amount\": \(Double(i % 977) * 1.25), \"country\": \"\(country)\", \"merchant\": \"m-\(i % 1234)\", \"card_present\": \(i % 3 == 0), \"items\": \(i % 7), \"score\": \(score), \"class\": \"\(i % 10 == 0 ? "fraud" : "ok")\"}".utf8)
}

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(metrics: [.throughput, .mallocCountTotal], scalingFactor: .kilo)

    Benchmark("EventDecoder_decode_event200B", configuration: configuration) { benchmark in
        let decoder = EventDecoder(fields: ["id", "ts", "amount", "country", "merchant", "card_present", "items", "score", "class"])
        var record = decoder.makeRecord()
        var sum = 0.0
        for i in benchmark.scaledIterations {
            try? decoder.decode(events[i % events.count], into: &record)
            sum += record.number(2)
        }
        blackHole(sum)
    }

    Benchmark("FeatureExtractor_extract_event200B", configuration: configuration) { benchmark in
        var extractor = try FeatureExtractor(dictionary: dictionary)
        var event = ExtractedEvent(instance: Instance([]))
        var rejected = 0
        for i in benchmark.scaledIterations {
            let r = events[i % events.count].withUnsafeBytes { extractor.extract($0, into: &event) }
            if r != nil { rejected += 1 }
        }
        blackHole(rejected)
        blackHole(event)
    }

    Benchmark("FeatureExtractor_extract_outcome", configuration: configuration) { benchmark in
        var extractor = try FeatureExtractor(dictionary: dictionary)
        var accepted = 0
        for i in benchmark.scaledIterations {
            if case .event = extractor.extract(events[i % events.count]) { accepted += 1 }
        }
        blackHole(accepted)
    }
}
