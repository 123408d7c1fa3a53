import Configuration
import Testing
@testable import StreamProcessor

/// The settings of `eddy run`: one registry, flags over environment over defaults, pass-through and secrets.
@Suite struct SettingsTests {
    @Test func defaultsApplyWhenNothingIsSet() throws {
        let s = try ProcessSettings(sources: SettingsSources(environment: [:]))
        #expect(s.runtime.brokers == "localhost:9092")
        #expect(s.runtime.inputTopics == ["events"])
        #expect(s.runtime.labelsTopic == nil)
        #expect(s.runtime.metricsPort == 9464)
        #expect(s.model.model == .hoeffdingTree)
        #expect(s.kafka.properties.isEmpty)
    }

    @Test func flagsOverrideTheEnvironmentAndSourcesSaySo() throws {
        let sources = SettingsSources(
            environment: ["EDDY_GROUP_ID": "env-group", "EDDY_INPUT_TOPICS": "a, b", "PATH": "/bin"],
            flags: ["EDDY_GROUP_ID": "flag-group"])
        let s = try ProcessSettings(sources: sources)
        #expect(s.runtime.groupID == "flag-group")
        #expect(s.runtime.inputTopics == ["a", "b"])
        #expect(sources.source(of: "EDDY_GROUP_ID") == .flag)
        #expect(sources.source(of: "EDDY_INPUT_TOPICS") == .env)
        #expect(sources.source(of: "EDDY_BROKERS") == .default)
        #expect(sources.environment["PATH"] == nil, "only EDDY_ variables are kept")
    }

    @Test func kafkaPassThroughMapsNamesAndRedactsSecrets() throws {
        let sources = SettingsSources(environment: [
            "EDDY_KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "EDDY_KAFKA_SASL_PASSWORD": "hunter2",
            "EDDY_KAFKA_SSL_KEY_PASSWORD": "k", "EDDY_KAFKA_SESSION_TIMEOUT_MS": "6000",
        ])
        let s = try ProcessSettings(sources: sources)
        #expect(s.kafka.properties["security.protocol"] == "SASL_SSL")
        #expect(s.kafka.properties["session.timeout.ms"] == "6000")
        #expect(s.kafka.variables["sasl.password"] == "EDDY_KAFKA_SASL_PASSWORD")
        #expect(s.kafka.redacted["sasl.password"] == "<redacted>")
        #expect(s.kafka.redacted["ssl.key.password"] == "<redacted>")
        #expect(s.kafka.redacted["security.protocol"] == "SASL_SSL")
        #expect(SettingsRegistry.isSecret(variable: "EDDY_KAFKA_SASL_USERNAME"))
        #expect(!SettingsRegistry.isSecret(variable: "EDDY_KAFKA_ACKS"))
        let rows = sources.rows
        #expect(rows.first { $0.name == "EDDY_KAFKA_SASL_PASSWORD" }?.value == "<redacted>")
        #expect(!sources.table.contains("hunter2"))
    }

    @Test func oneSidedPropertiesReachOnlyTheirClient() {
        let kafka = KafkaProperties(settings: [
            "EDDY_KAFKA_SESSION_TIMEOUT_MS": "6000", "EDDY_KAFKA_LINGER_MS": "5", "EDDY_KAFKA_SECURITY_PROTOCOL": "SSL",
            "EDDY_KAFKA_GROUP_INSTANCE_ID": "i-1", "EDDY_KAFKA_COMPRESSION_TYPE": "lz4",
        ])
        #expect(kafka.consumer == ["session.timeout.ms": "6000", "security.protocol": "SSL", "group.instance.id": "i-1"])
        #expect(kafka.producer == ["linger.ms": "5", "security.protocol": "SSL", "compression.type": "lz4"])
    }

    @Test func unknownKeysAreRefusedWithASuggestion() {
        #expect(throws: ConfigurationKeyError.self) { try ProcessSettings(sources: SettingsSources(environment: ["EDDY_FOO": "1"])) }
        do {
            _ = try ProcessSettings(sources: SettingsSources(environment: ["EDDY_INPUT_TOPIC": "x"]))
            Issue.record("a misspelt key was accepted")
        } catch let error as ConfigurationKeyError {
            #expect(error.key == "EDDY_INPUT_TOPIC")
            #expect(error.isUnknownKey)
            #expect(error.description.contains("EDDY_INPUT_TOPICS"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(arguments: [
        ("EDDY_BROKERS", "no-port", "host:port"),
        ("EDDY_METRICS_PORT", "-1", "0...65535"),
        ("EDDY_BATCH_SIZE", "0", "1...100000"),
        ("EDDY_PREDICTIONS_TOPIC", "bad topic!", "topic name"),
        ("EDDY_LOG_LEVEL", "loud", "debug"),
        ("EDDY_LOG_FORMAT", "xml", "json"),
        ("EDDY_MODEL", "xgboost", "naive_bayes"),
        ("EDDY_LABEL_TTL", "soon", "duration"),
    ])
    func badValuesNameTheKeyAndWhatItAccepts(key: String, value: String, accepted: String) {
        do {
            _ = try ProcessSettings(sources: SettingsSources(environment: [key: value]))
            Issue.record("\(key)=\(value) was accepted")
        } catch let error as ConfigurationKeyError {
            #expect(error.key == key)
            #expect(error.description.contains(accepted), "\(error.description)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func readingAnOutputTopicAsInputIsRefused() {
        #expect(throws: ConfigurationKeyError.self) {
            try ProcessSettings(sources: SettingsSources(environment: ["EDDY_INPUT_TOPICS": "events,eddy-predictions"]))
        }
    }

    @Test func theRegistryHoldsEveryComponentsKeysOnce() {
        let names = SettingsRegistry.keys.map(\.name)
        #expect(Set(names).count == names.count)
        for key in RuntimeConfiguration.keys + PipelineConfiguration.keys + ModelSpec.keys {
            #expect(names.contains(key.name), "\(key.name) is not registered")
        }
        #expect(ConfigurationKeyReader.keysOfOtherComponents.isSuperset(of: PipelineConfiguration.keys.map(\.name)))
    }
}
