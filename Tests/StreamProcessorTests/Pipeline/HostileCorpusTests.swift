import OnlineLearning
import Testing
@testable import FeatureExtraction
@testable import StreamProcessor

/// Issue 4's acceptance: 10,000 malformed or hostile messages produce dead letters with reasons, no crash,
/// and bounded memory.
@Suite struct HostileCorpusTests {
    static let dictionary = DataDictionary(
        idField: "id", timeField: "ts", label: .init(field: "class", classes: ["fraud", "ok"]),
        features: [
            FeatureSpec(name: "amount", type: .numeric, min: 0, max: 10_000, nullable: true, imputation: .mean, missingIndicator: true),
            FeatureSpec(name: "country", type: .categorical, values: ["IE", "FR", "DE"], imputation: .mode),
            FeatureSpec(name: "merchant", type: .categorical, hashBuckets: 32, nullable: true),
            FeatureSpec(name: "vip", type: .boolean, nullable: true),
        ])

    static let template = #"{"id": "e-1", "ts": "2026-11-29T10:00:00Z", "amount": 12.5, "country": "IE", "merchant": "acme", "vip": true, "class": "ok"}"#

    /// Ten kinds of hostile message, chosen and varied by a seeded generator.
    static func corpus(count: Int, seed: UInt64) -> [[UInt8]] {
        var r = RandomSource(seed: seed)
        let valid = Array(template.utf8)
        var out: [[UInt8]] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            switch i % 10 {
            case 0:  // A flood of distinct ids, merchants and unseen countries.
                out.append(Array("{\"id\": \"id-\(r.next())\", \"amount\": \(r.nextInt(below: 20_000)), \"country\": \"C\(r.next())\", \"merchant\": \"m-\(r.next())\", \"class\": \"ok\"}".utf8))
            case 1:  // Truncated.
                out.append(Array(valid.prefix(r.nextInt(below: valid.count))))
            case 2:  // Fuzzed: a few bytes replaced by random bytes.
                var b = valid
                for _ in 0..<(1 + r.nextInt(below: 4)) { b[r.nextInt(below: b.count)] = UInt8(truncatingIfNeeded: r.next()) }
                out.append(b)
            case 3:  // Huge strings: 1 MB in a declared field, an ignored field or the id; or over the 1 MiB limit.
                let k = i / 10
                let field = ["merchant", "country", "note", "id"][k % 4]
                if k % 250 == 0 {
                    out.append(Array("{\"note\": \"".utf8) + Array(repeating: UInt8(ascii: "x"), count: 2_000_000) + Array("\"}".utf8))
                } else if k % 125 == 1 || k % 125 == 2 {
                    out.append(Array("{\"\(field)\": \"".utf8) + Array(repeating: UInt8(ascii: "x"), count: 1_000_000)
                        + Array("\", \"class\": \"ok\", \"country\": \"IE\", \"id\": \"x\"}".utf8))
                } else {
                    out.append(Array("{\"\(field)\": \"\(String(repeating: "y", count: 1000 + r.nextInt(below: 10_000)))\"}".utf8))
                }
            case 4:  // Deep nesting, up to 10,000 levels, in an ignored or a declared field.
                let depth = i % 40 == 4 ? 10_000 : 1 + r.nextInt(below: 100)
                let field = i % 20 == 4 ? "amount" : "meta"
                out.append(Array(("{\"\(field)\": " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}").utf8))
            case 5:  // Invalid UTF-8 inside strings and keys.
                var b = Array("{\"country\": \"I".utf8)
                b.append([0xC0, 0xFF, 0xED, 0x80, 0xF8][r.nextInt(below: 5)])
                b += Array("E\", \"class\": \"ok\"}".utf8)
                out.append(b)
            case 6:  // Literals JSON does not have.
                let lit = ["NaN", "Infinity", "-Infinity", "undefined", "0x1F", "1e", "--1", "01", ".5", "'ok'"][r.nextInt(below: 10)]
                out.append(Array("{\"amount\": \(lit), \"class\": \"ok\"}".utf8))
            case 7:  // Random bytes.
                out.append((0..<r.nextInt(below: 300)).map { _ in UInt8(truncatingIfNeeded: r.next()) })
            case 8:  // Wrong types and values in otherwise valid JSON.
                let variants = [#""amount": "12.5""#, #""vip": "yes""#, #""country": 7"#, #""amount": -3"#, #""class": "maybe""#,
                                #""ts": 1795946400"#, #""amount": 1e999"#, #""id": {"a": 1}"#, #""country": null"#, #""amount": [1,2]"#]
                out.append(Array("{\"id\": \"e\", \(variants[r.nextInt(below: variants.count)]), \"country\": \"IE\", \"class\": \"ok\"}".utf8))
            default:  // Many distinct extra fields and duplicates.
                var s = "{\"class\": \"ok\", \"country\": \"FR\", \"id\": \"d\""
                for _ in 0..<r.nextInt(below: 200) { s += ", \"f\(r.next())\": \(r.nextInt(below: 10))" }
                if r.nextInt(below: 2) == 0 { s += ", \"country\": \"DE\"" }
                out.append(Array((s + "}").utf8))
            }
        }
        return out
    }

    @Test func everyHostileMessageEndsAsAnEventOrARejectionWithAReason() throws {
        var x = try FeatureExtractor(dictionary: Self.dictionary)
        let corpus = Self.corpus(count: 10_000, seed: 42)
        var accepted = 0
        var reasons: [ReasonCode: Int] = [:]
        var largestRetained = 0
        for message in corpus {
            switch x.extract(message) {
            case .event(let e):
                accepted += 1
                #expect(e.instance.values.count == x.header.attributeCount)
                for (a, attribute) in x.header.attributes.enumerated() where attribute.isNominal {
                    let v = e.instance.values[a]
                    #expect(v.isNaN || (v >= 0 && v < Double(attribute.valueCount)))
                }
            case .rejected(let r):
                reasons[r.reason, default: 0] += 1
                #expect(!r.message.isEmpty)
                #expect(r.message.utf8.count < 1000)
            }
            largestRetained = max(largestRetained, x.retainedSize)
        }
        let c = x.counters
        #expect(c.events == 10_000)
        #expect(c.accepted == accepted && c.accepted + c.rejected == c.events)
        for (reason, n) in reasons { #expect(c.rejections(reason) == n) }
        for reason in [ReasonCode.invalidJSON, .invalidUTF8, .payloadTooLarge, .tooDeep, .duplicateField, .wrongType,
                       .outOfRange, .unknownLabel, .missingID, .badID, .badTimestamp, .missingFeature] {
            #expect(c.rejections(reason) > 0, "no rejection for \(reason.rawValue)")
        }
        #expect(c.hits(.unseenCategory) > 0 && c.hits(.extraField) > 0)
        // Memory: bounded by the largest accepted payload, not by the number of distinct values or ids.
        #expect(largestRetained <= Self.dictionary.limits.maxPayloadBytes + 4096)
        _ = x.extract(Array(Self.template.utf8))
        #expect(x.retainedSize < 70_000)
        #expect(x.statistics.entryCount == 2 * 4 + 4)
    }

    @Test func throughThePipelineEveryRejectionIsADeadLetterWithItsOriginalBytesAndReason() throws {
        var configuration = PipelineConfiguration()
        configuration.labelJoinMax = 1_000
        var pipeline = try PartitionPipeline(model: NaiveBayes(header: Self.dictionary.header), dictionary: Self.dictionary,
                                             topic: "hostile", partition: 0, configuration: configuration)
        var predictions = 0, deadLetters = 0
        var outputs: [OutputRecord] = []
        for (i, message) in Self.corpus(count: 10_000, seed: 42).enumerated() {
            outputs.removeAll(keepingCapacity: true)
            pipeline.process(InputRecord(topic: "hostile", offset: Int64(i), value: message), into: &outputs)
            predictions += outputs.count { $0.destination == .predictions }
            for dead in outputs where dead.destination == .deadLetter {
                deadLetters += 1
                #expect(dead.value == message, "a dead letter carries the original bytes")
                let header = { (name: String) in dead.headers.first { $0.name == name }?.value.map { String(decoding: $0, as: UTF8.self) } }
                #expect(header("eddy.reason").flatMap(ReasonCode.init(rawValue:)) != nil, "message \(i): a known reason")
                #expect(header("eddy.message")?.isEmpty == false)
                #expect(header("eddy.source.offset") == String(i))
            }
        }
        #expect(predictions + deadLetters == 10_000, "every message is a prediction or a dead letter")
        #expect(deadLetters == pipeline.extractor.counters.rejected && deadLetters > 1_000)
        #expect(pipeline.counters.predictionsOut == predictions)
        // Memory: the flood of ids and values leaves bounded tables behind.
        #expect(pipeline.labelStore.count <= 1_000)
        #expect(pipeline.extractor.statistics.entryCount == 2 * 4 + 4)
    }

    @Test func schemaInferenceSurvivesTheSameCorpus() throws {
        var inference = try SchemaInference()
        for message in Self.corpus(count: 1_000, seed: 7) { inference.observe(message) }
        #expect(inference.invalidCount > 0 && inference.eventCount > 0)
        #expect(inference.fields.count <= inference.configuration.maxFields)
        // Whatever it infers (or refuses with a reason) must not crash.
        _ = try? inference.dictionary()
    }
}
