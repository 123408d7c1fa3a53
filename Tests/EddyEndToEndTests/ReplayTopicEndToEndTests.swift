import Foundation
import KafkaClient
import Logging
import Testing

/// `eddy replay TOPIC`: the real binary backtests a recorded topic and writes the same report as for a file.
@Suite(.enabled(if: EddyBinary.path != nil, "the eddy binary is not built (run `swift build` first, or set EDDY_BINARY)"))
struct ReplayTopicEndToEndTests {
    @Test func aRecordedTopicIsReplayedToItsEndWithAReport() async throws {
        let logger = Logger(label: "eddy.e2e") { _ in SwiftLogNoOpLogHandler() }
        let broker = try EmbeddedBroker(logger: logger)
        try broker.createTopic("recorded", partitions: 2)
        let producer = try KafkaProducer(configuration: .init(bootstrapServers: broker.bootstrapServers), logger: logger)
        var messages = (0..<400).map { i in
            let a = Double((i * 37) % 100) / 10, b = Double((i * 53 + 11) % 100) / 10
            return KafkaProducerMessage(topic: "recorded", partition: Int32(i % 2), key: "k\(i)",
                                        value: "{\"id\":\"r\(i)\",\"a\":\(a),\"b\":\(b),\"label\":\"\(a + b <= 9 ? "yes" : "no")\"}")
        }
        messages.append(KafkaProducerMessage(topic: "recorded", partition: 1, key: "bad", value: "{\"id\": \"broken\", \"a\": "))
        try await producer.send(messages).acknowledged()
        await producer.close()

        let report = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-replay-topic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: report) }
        let result = try await EddyProcess.run(["replay", "recorded", "--brokers", broker.bootstrapServers, "--report", report.path, "--quiet"],
                                               environment: ["EDDY_MODEL": "naive_bayes", "EDDY_SCHEMA_INFER_EVENTS": "50"])
        #expect(result.status == 0, "stderr:\n\(result.err.suffix(2000))")
        let summary = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: report.appendingPathComponent("summary.json"))) as? [String: Any])
        #expect(summary["events"] as? Int == 401)
        #expect(summary["predictions"] as? Int == 400)
        #expect(summary["dead_letters"] as? Int == 1)
        #expect(summary["schema"] as? String == "inferred")
        let predictions = try String(contentsOf: report.appendingPathComponent("predictions.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        #expect(predictions.count == 400)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(predictions[0].utf8)) as? [String: Any])
        #expect((first["source"] as? [String: Any])?["topic"] as? String == "recorded", "predictions name the recorded topic")

        let missing = try await EddyProcess.run(["replay", "no-such-file-or-topic"], environment: [:])
        #expect(missing.status == 66)
        #expect(missing.err.contains("'no-such-file-or-topic' is not a file"))
    }
}
