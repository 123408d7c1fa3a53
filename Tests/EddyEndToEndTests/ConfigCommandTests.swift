import Foundation
import Testing

/// `eddy config` and start-up checks, through the real binary: what an operator sees.
@Suite(.enabled(if: EddyBinary.path != nil, "the eddy binary is not built (run `swift build` first, or set EDDY_BINARY)"))
struct ConfigCommandTests {
    @Test func unknownEddyVariableStopsStartUpWithExit78NamingIt() async throws {
        let r = try await EddyProcess.run(["run"], environment: ["EDDY_FOO": "1", "EDDY_METRICS_PORT": "0"])
        #expect(r.status == 78)
        #expect(r.err.contains("EDDY_FOO"))
    }

    @Test func misspeltKeyIsRefusedWithTheClosestKnownKey() async throws {
        let r = try await EddyProcess.run(["run"], environment: ["EDDY_BROKER": "localhost:9092", "EDDY_METRICS_PORT": "0"])
        #expect(r.status == 78)
        #expect(r.err.contains("EDDY_BROKER") && r.err.contains("EDDY_BROKERS"))
    }

    @Test func badModelStopsStartUpNamingTheAcceptedValues() async throws {
        let r = try await EddyProcess.run(["run"], environment: ["EDDY_MODEL": "xgboost", "EDDY_METRICS_PORT": "0"])
        #expect(r.status == 78)
        #expect(r.err.contains("EDDY_MODEL"))
        #expect(r.err.contains("naive_bayes") && r.err.contains("hoeffding_tree"))
    }

    @Test func badValueOfARuntimeKeyNamesTheKeyAndRange() async throws {
        let r = try await EddyProcess.run(["run"], environment: ["EDDY_METRICS_PORT": "70000"])
        #expect(r.status == 78)
        #expect(r.err.contains("EDDY_METRICS_PORT") && r.err.contains("0...65535"))
    }

    @Test func configListsEveryKeyWithSourceAndRedactsSecrets() async throws {
        let r = try await EddyProcess.run(["config", "--group-id", "from-flag"], environment: [
            "EDDY_BROKERS": "kafka-1:9092", "EDDY_GROUP_ID": "from-env",
            "EDDY_KAFKA_SASL_PASSWORD": "hunter2", "EDDY_KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
        ])
        #expect(r.status == 0)
        let lines = r.out.split(separator: "\n").map(String.init)
        func row(_ key: String) -> String? { lines.first { $0.hasPrefix(key + " ") } }
        #expect(row("EDDY_BROKERS")?.contains("kafka-1:9092") == true)
        #expect(row("EDDY_BROKERS")?.hasSuffix("env") == true)
        #expect(row("EDDY_GROUP_ID")?.contains("from-flag") == true)
        #expect(row("EDDY_GROUP_ID")?.hasSuffix("flag") == true)
        #expect(row("EDDY_MODEL")?.hasSuffix("default") == true)
        #expect(row("EDDY_KAFKA_SASL_PASSWORD")?.contains("<redacted>") == true)
        #expect(row("EDDY_KAFKA_SECURITY_PROTOCOL")?.contains("SASL_SSL") == true)
        #expect(!r.out.contains("hunter2") && !r.err.contains("hunter2"))
        for key in ["EDDY_INPUT_TOPICS", "EDDY_PREDICTIONS_TOPIC", "EDDY_DRIFT_TOPIC", "EDDY_DEAD_LETTER_TOPIC",
                    "EDDY_LABELS_TOPIC", "EDDY_ID_FIELD", "EDDY_LABEL_FIELD", "EDDY_TIME_FIELD", "EDDY_SCHEMA",
                    "EDDY_METRICS_PORT", "EDDY_LOG_LEVEL", "EDDY_ENSEMBLE_SIZE", "EDDY_LABEL_TTL"] {
            #expect(row(key) != nil, "eddy config does not list \(key)")
        }
    }

    @Test func librdkafkaRefusingAPassThroughPropertyExits78NamingTheVariable() async throws {
        let r = try await EddyProcess.run(["run"], environment: [
            "EDDY_KAFKA_NOT_A_PROPERTY": "1", "EDDY_METRICS_PORT": "0", "EDDY_BROKERS": "127.0.0.1:1",
        ])
        #expect(r.status == 78)
        #expect(r.err.contains("EDDY_KAFKA_NOT_A_PROPERTY"))
    }
}

extension ConfigCommandTests {
    @Test func missingSchemaFileExits78NamingEddySchema() async throws {
        let r = try await EddyProcess.run(["run"], environment: [
            "EDDY_SCHEMA": "/nonexistent/schema.json", "EDDY_METRICS_PORT": "0", "EDDY_BROKERS": "127.0.0.1:1",
        ])
        #expect(r.status == 78)
        #expect(r.err.contains("EDDY_SCHEMA"))
    }
}
