import Foundation
import KafkaClient
import Logging
import Testing

/// `eddy run` as a separate process against an embedded broker in the test process: every output topic
/// checked record by record, late labels joined, drift reported, graceful shutdown and committed offsets.
@Suite(.enabled(if: EddyBinary.path != nil, "the eddy binary is not built (run `swift build` first, or set EDDY_BINARY)"),
       .serialized)
struct RunEndToEndTests {
    static let schema = """
        {"version": 1, "idField": "id", "label": {"field": "class", "classes": ["no", "yes"]},
         "features": [{"name": "a", "type": "numeric", "min": 0, "max": 10},
                      {"name": "b", "type": "numeric", "min": 0, "max": 10},
                      {"name": "c", "type": "numeric", "min": 0, "max": 10}]}
        """

    /// One input record the test produced, and what Eddy must make of it.
    struct Sent {
        var partition: Int32
        var key: String?
        var value: [UInt8]?
        var id: String?
        var offset: Int64 = -1
    }

    /// A deterministic SEA-like event: the class is `a + b <= 9`, flipped when `flipped`.
    static func event(_ id: String, _ i: Int, label: Bool = true, flipped: Bool = false) -> [UInt8] {
        let a = Double((i * 37) % 100) / 10, b = Double((i * 53 + 11) % 100) / 10, c = Double((i * 71 + 5) % 100) / 10
        var yes = a + b <= 9
        if flipped { yes.toggle() }
        var s = "{\"id\":\"\(id)\",\"a\":\(a),\"b\":\(b),\"c\":\(c)"
        if label { s += ",\"class\":\"\(yes ? "yes" : "no")\"" }
        return Array((s + "}").utf8)
    }

    @Test func runPublishesEveryOutputJoinsLateLabelsAndCommitsOnSigterm() async throws {
        let logger = Logger(label: "eddy.e2e") { _ in SwiftLogNoOpLogHandler() }
        let broker = try EmbeddedBroker(logger: logger)
        for (topic, partitions) in [("events", 2), ("labels", 1), ("predictions", 1), ("drift", 1), ("dead", 1)] {
            try broker.createTopic(topic, partitions: partitions)
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let schemaPath = dir.appendingPathComponent("schema.json").path
        try Self.schema.write(toFile: schemaPath, atomically: true, encoding: .utf8)

        // Partition 0: an abrupt concept change after 300 events. Partition 1: a few labelled events,
        // malformed records and unlabelled events whose labels come later on the labels topic.
        var sent: [Sent] = []
        for i in 0..<600 { sent.append(Sent(partition: 0, key: "k-p0-\(i)", value: Self.event("p0-\(i)", i, flipped: i >= 300), id: "p0-\(i)")) }
        for i in 0..<20 { sent.append(Sent(partition: 1, key: "k-p1-\(i)", value: Self.event("p1-\(i)", i), id: "p1-\(i)")) }
        sent.append(Sent(partition: 1, key: "bad-json", value: Array("{\"id\": \"broken\", \"a\": ".utf8), id: nil))
        sent.append(Sent(partition: 1, key: "bad-type", value: Array("{\"id\":\"typed\",\"a\":\"seven\",\"b\":1,\"c\":1,\"class\":\"yes\"}".utf8), id: nil))
        sent.append(Sent(partition: 1, key: "tombstone", value: nil, id: nil))
        for i in 0..<5 { sent.append(Sent(partition: 1, key: "k-late-\(i)", value: Self.event("late-\(i)", 1000 + i, label: false), id: "late-\(i)")) }

        let producer = try KafkaProducer(configuration: .init(bootstrapServers: broker.bootstrapServers, properties: ["linger.ms": "1"]), logger: logger)
        let ack = await producer.send(sent.map {
            KafkaProducerMessage(topic: "events", partition: $0.partition, key: $0.key.map { Array($0.utf8) }, value: $0.value,
                                 headers: [KafkaHeader(name: "origin", string: "e2e")])
        })
        for report in await ack.reports() {
            #expect(report.error == nil)
            sent[report.index].offset = report.offset
        }

        let port = HTTP.freePort()
        let environment = [
            "EDDY_BROKERS": broker.bootstrapServers, "EDDY_GROUP_ID": "e2e-\(UUID().uuidString.prefix(8))",
            "EDDY_INPUT_TOPICS": "events", "EDDY_LABELS_TOPIC": "labels", "EDDY_PREDICTIONS_TOPIC": "predictions",
            "EDDY_DRIFT_TOPIC": "drift", "EDDY_DEAD_LETTER_TOPIC": "dead", "EDDY_SCHEMA": schemaPath,
            "EDDY_MODEL": "naive_bayes", "EDDY_METRICS_PORT": String(port), "EDDY_COMMIT_INTERVAL_MS": "500",
            "EDDY_KAFKA_SESSION_TIMEOUT_MS": "6000", "EDDY_KAFKA_HEARTBEAT_INTERVAL_MS": "500",
            "EDDY_STATE_DIR": dir.appendingPathComponent("state").path, "EDDY_LOG_LEVEL": "info",
        ]
        let reader = try OutputReader(broker: broker, logger: logger)
        let valid = sent.filter { $0.id != nil }
        let malformed = sent.filter { $0.id == nil }

        // First run: every output, then late labels, then SIGTERM.
        let first = try EddyProcess(["run"], environment: environment)
        try await reader.read(until: { $0.predictions.count >= valid.count && $0.dead.count >= malformed.count }, timeout: .seconds(240))
        #expect(reader.predictions.count == valid.count, "one prediction per valid event")
        let byKey = Dictionary(uniqueKeysWithValues: valid.map { ($0.key!, $0) })
        var seen = Set<String>()
        var lastOffset: [Int: Int64] = [:]
        for record in reader.predictions {
            let key = String(decoding: record.key ?? [], as: UTF8.self)
            let event = try #require(byKey[key], "a prediction is keyed like its input (got key '\(key)')")
            #expect(seen.insert(key).inserted, "one prediction per event, not two for \(key)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(record.value ?? [])) as? [String: Any])
            #expect(json["id"] as? String == event.id)
            let source = try #require(json["source"] as? [String: Any])
            #expect(source["topic"] as? String == "events")
            #expect(source["partition"] as? Int == Int(event.partition))
            let offset = (source["offset"] as? NSNumber)?.int64Value ?? -1
            #expect(offset == event.offset)
            #expect(offset > lastOffset[Int(event.partition)] ?? -1, "predictions keep their partition's order")
            lastOffset[Int(event.partition)] = offset
            #expect(["yes", "no"].contains(json["predicted"] as? String ?? ""))
        }
        #expect(reader.dead.count == malformed.count)
        let reasons = ["bad-json": "invalid_json", "bad-type": "wrong_type", "tombstone": "tombstone"]
        for record in reader.dead {
            let key = String(decoding: record.key ?? [], as: UTF8.self)
            let original = try #require(malformed.first { $0.key == key })
            #expect(record.value == original.value, "a dead letter carries the original bytes")
            #expect(record.header("eddy.reason").map { String(decoding: $0, as: UTF8.self) } == reasons[key])
            #expect(record.header("eddy.source.topic").map { String(decoding: $0, as: UTF8.self) } == "events")
            #expect(record.header("eddy.source.offset").map { String(decoding: $0, as: UTF8.self) } == String(original.offset))
            #expect(record.header("origin").map { String(decoding: $0, as: UTF8.self) } == "e2e", "input headers are kept")
        }
        try await reader.read(until: { !$0.drift.isEmpty }, timeout: .seconds(60))
        let drift = try #require(reader.drift.first)
        let driftJSON = try #require(try JSONSerialization.jsonObject(with: Data(drift.value ?? [])) as? [String: Any])
        #expect(driftJSON["type"] as? String == "concept")
        #expect(driftJSON["partition"] as? Int == 0)
        let to = (driftJSON["offsets"] as? [String: Any])?["to"] as? Int ?? -1
        #expect(to >= 300, "the change is reported after it happened (offset \(to))")

        // Late labels join the unlabelled events of partition 1.
        let labelAck = await producer.send((0..<5).map {
            KafkaProducerMessage(topic: "labels", key: "k-late-\($0)", value: "{\"id\":\"late-\($0)\",\"label\":\"yes\"}")
        })
        try await labelAck.acknowledged()
        let metrics = try await HTTP.metrics(port: port, until: "eddy_labels_joined_total", is: 5)
        #expect(HTTP.sample(metrics, "eddy_labels_joined_total") == 5, "every late label joined its event")
        #expect(HTTP.sample(metrics, "eddy_events_rejected_total{reason=\"wrong_type\"}") == 1)
        #expect(HTTP.sample(metrics, "eddy_drift_events_total{type=\"concept\"}") ?? 0 >= 1)
        #expect(HTTP.sample(metrics, "eddy_records_out_total{destination=\"predictions\"}") == Double(valid.count))
        #expect(metrics.contains("eddy_accuracy{"))
        // Every input record has an event-to-prediction latency; every batch a processing and an acknowledgement one.
        #expect(HTTP.sample(metrics, "eddy_event_to_prediction_seconds_count") ?? 0 >= Double(valid.count))
        #expect(HTTP.sample(metrics, "eddy_processing_seconds_count") ?? 0 >= 1)
        #expect(HTTP.sample(metrics, "eddy_acknowledgement_seconds_count") ?? 0 >= 1)
        #expect(metrics.contains("eddy_consumer_lag{topic=\"events\",partition=\"0\"}"))
        #expect(HTTP.sample(metrics, "eddy_assigned_partitions") == 2)
        #expect(HTTP.get(port: port, "/healthz")?.status == 200)
        #expect(HTTP.get(port: port, "/readyz")?.status == 200)
        #expect(HTTP.get(port: port, "/nope")?.status == 404)

        first.signal(SIGTERM)
        let firstStatus = try await first.wait(timeout: .seconds(90))
        #expect(firstStatus == 0, "SIGTERM exits 0; stderr:\n\(first.stderr.suffix(2000))")
        #expect(first.stderr.contains("\"message\":\"Eddy stopped.\""), "logs are JSON lines")

        // Second run in the same group: nothing already committed is published again; new input is.
        let driftBefore = reader.drift.count
        let second = try EddyProcess(["run"], environment: environment)
        let readyBy = ContinuousClock.now + .seconds(90)
        while HTTP.get(port: port, "/readyz")?.status != 200, ContinuousClock.now < readyBy {
            try await Task.sleep(for: .milliseconds(200))
        }
        let after = await producer.send([KafkaProducerMessage(topic: "events", partition: 1, key: "k-after", value: "{\"id\":\"after\",\"a\":1,\"b\":1,\"c\":1,\"class\":\"yes\"}")])
        try await after.acknowledged()
        try await reader.read(until: { $0.predictions.count > valid.count }, timeout: .seconds(90))
        try await Task.sleep(for: .seconds(1))
        try await reader.read(until: { _ in false }, timeout: .milliseconds(500))
        #expect(reader.predictions.count == valid.count + 1, "only the new event is predicted after a restart")
        #expect(reader.predictions.last?.key == Array("k-after".utf8))
        #expect(reader.dead.count == malformed.count && reader.drift.count == driftBefore)

        // A label that comes before its event waits for it, then joins it.
        try await producer.send([KafkaProducerMessage(topic: "labels", key: "k-early", value: "{\"id\":\"early\",\"label\":\"no\"}")]).acknowledged()
        var early = try await HTTP.metrics(port: port, until: "eddy_labels_awaiting_event", is: 1)
        #expect(HTTP.sample(early, "eddy_labels_awaiting_event") == 1, "the early label waits")
        #expect(HTTP.sample(early, "eddy_labels_joined_total") ?? 0 == 0)
        try await producer.send([KafkaProducerMessage(topic: "events", partition: 0, key: Array("k-early".utf8), value: Self.event("early", 7, label: false))]).acknowledged()
        early = try await HTTP.metrics(port: port, until: "eddy_labels_joined_total", is: 1)
        #expect(HTTP.sample(early, "eddy_labels_joined_total") == 1, "the early label joined its event")
        #expect(HTTP.sample(early, "eddy_labels_awaiting_event") == 0)
        #expect(HTTP.sample(early, "eddy_label_records_total") == 1)
        #expect(HTTP.sample(early, "eddy_labels_unmatched_total") ?? 0 == 0)
        second.signal(SIGTERM)
        let secondStatus = try await second.wait(timeout: .seconds(90))
        #expect(secondStatus == 0, "stderr:\n\(second.stderr.suffix(2000))")
        await producer.close()
        try await reader.close()
    }

    @Test func withoutASchemaTheFirstEventsAreHeldInferredFromAndThenPredicted() async throws {
        let logger = Logger(label: "eddy.e2e") { _ in SwiftLogNoOpLogHandler() }
        let broker = try EmbeddedBroker(logger: logger)
        for topic in ["raw", "predictions", "drift", "dead"] { try broker.createTopic(topic, partitions: 1) }
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-e2e-\(UUID().uuidString)")
        let producer = try KafkaProducer(configuration: .init(bootstrapServers: broker.bootstrapServers, properties: ["linger.ms": "1"]), logger: logger)
        let ack = await producer.send((0..<80).map { i in
            let a = Double((i * 37) % 100) / 10, b = Double((i * 53 + 11) % 100) / 10
            return KafkaProducerMessage(topic: "raw", key: "k\(i)", value: "{\"id\":\"r\(i)\",\"a\":\(a),\"b\":\(b),\"label\":\"\(a + b <= 9 ? "yes" : "no")\"}")
        })
        try await ack.acknowledged()
        let process = try EddyProcess(["run", "--input-topics", "raw"], environment: [
            "EDDY_BROKERS": broker.bootstrapServers, "EDDY_GROUP_ID": "e2e-infer", "EDDY_SCHEMA_INFER_EVENTS": "50",
            "EDDY_PREDICTIONS_TOPIC": "predictions", "EDDY_DRIFT_TOPIC": "drift", "EDDY_DEAD_LETTER_TOPIC": "dead",
            "EDDY_METRICS_PORT": "0", "EDDY_KAFKA_SESSION_TIMEOUT_MS": "6000", "EDDY_STATE_DIR": state.path,
        ])
        let reader = try OutputReader(broker: broker, logger: logger)
        try await reader.read(until: { $0.predictions.count >= 80 }, timeout: .seconds(180))
        #expect(reader.predictions.count == 80, "the held events are predicted once the schema is known")
        #expect(reader.dead.isEmpty)
        #expect(reader.predictions.first?.key == Array("k0".utf8))
        let schema = try String(contentsOf: state.appendingPathComponent("inferred-schema.json"), encoding: .utf8)
        #expect(schema.contains("\"yes\"") && schema.contains("\"a\""))
        #expect(process.stderr.contains("Inferred the data dictionary"))
        process.signal(SIGINT)
        let status = try await process.wait(timeout: .seconds(90))
        #expect(status == 0, "SIGINT exits 0; stderr:\n\(process.stderr.suffix(2000))")
        await producer.close()
        try await reader.close()
    }
}

/// Reads the three output topics from the beginning, without a group, accumulating their records.
final class OutputReader: @unchecked Sendable {
    // Used from one test task.
    let consumer: KafkaConsumer
    var predictions: [KafkaMessage] = []
    var drift: [KafkaMessage] = []
    var dead: [KafkaMessage] = []

    init(broker: EmbeddedBroker, logger: Logger) throws {
        consumer = try KafkaConsumer(configuration: .init(bootstrapServers: broker.bootstrapServers), logger: logger)
        try consumer.assign(["predictions", "drift", "dead"].map {
            KafkaTopicPartitionOffset(topic: $0, partition: 0, offset: KafkaTopicPartitionOffset.beginning)
        })
    }

    /// Polls until `done` holds or `timeout` passes.
    func read(until done: (OutputReader) -> Bool, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while !done(self), ContinuousClock.now < deadline {
            for m in try await consumer.poll(maxMessages: 1000, timeout: .milliseconds(100)) {
                switch m.topic {
                case "predictions": predictions.append(m)
                case "drift": drift.append(m)
                default: dead.append(m)
                }
            }
        }
    }

    func close() async throws { try await consumer.close() }
}
