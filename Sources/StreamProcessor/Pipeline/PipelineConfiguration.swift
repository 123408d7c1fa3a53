import Configuration
import OnlineLearning

/// Which backup model answers while the model cannot (`EDDY_BACKUP_MODEL`).
public enum BackupModelKind: String, Sendable, Hashable, CaseIterable {
    /// The most frequent label so far (MOA `functions.MajorityClass`).
    case majority
    /// The previous label (MOA `functions.NoChange`).
    case noChange = "no_change"
}

/// The pipeline's settings: field roles, schema, label join, backup, drift monitoring and metrics window.
///
/// A plain struct with documented defaults; ``init(config:)`` reads the `EDDY_` variables listed in ``keys``
/// and stops with a ``ConfigurationKeyError`` naming the key and what it accepts. The model itself is
/// configured separately by ``ModelSpec``.
public struct PipelineConfiguration: Sendable, Hashable {
    /// The event field holding the id (`EDDY_ID_FIELD`) when the schema is inferred; nil for the first of
    /// the usual names present (`id`, `event_id`, …). A data dictionary file names its own.
    public var idField: String?
    /// The event field holding the label (`EDDY_LABEL_FIELD`) when the schema is inferred; nil for the first
    /// of the usual names present (`label`, `class`, `target`, `y`).
    public var labelField: String?
    /// The event field holding the event time (`EDDY_TIME_FIELD`) when the schema is inferred; nil for the
    /// first of the usual names that holds times (`ts`, `timestamp`, …).
    public var timeField: String?
    /// The data dictionary file (`EDDY_SCHEMA`); nil to infer one from the first events.
    public var schemaPath: String?
    /// How many events the schema is inferred from (`EDDY_SCHEMA_INFER_EVENTS`, default 1000, 1...1,000,000).
    public var schemaInferEvents = 1000
    /// How long an unlabelled event waits for its label, and in `eddy run` a label for its event, in seconds
    /// of processing time (`EDDY_LABEL_TTL`, default 3600; accepts `90`, `90s`, `15m`, `1h`, `2d`).
    public var labelTTL = 3600.0
    /// The most unlabelled events remembered per partition, and in `eddy run` the most labels waiting for their
    /// event (`EDDY_LABEL_JOIN_MAX`, default 100,000; 0 disables the label join).
    public var labelJoinMax = 100_000
    /// The backup model (`EDDY_BACKUP_MODEL`, default `majority`).
    public var backupModel: BackupModelKind = .majority
    /// The concept-drift detector on the error stream (`EDDY_DRIFT_DETECTOR`, default `adwin`).
    public var driftDetector: DriftDetectorKind = .adwin
    /// The detector's threshold (`EDDY_DRIFT_THRESHOLD`); nil for the detector's default.
    public var driftThreshold: Double?
    /// What to do on concept drift (`EDDY_DRIFT_ACTION`, default `reset_model`).
    public var driftAction: DriftAction = .resetModel
    /// The sliding window of the windowed accuracy and kappa (`EDDY_METRICS_WINDOW`, default 1000).
    public var metricsWindow = 1000
    /// How many latency samples the counters keep (the most recent), for percentiles.
    public var latencySamples = 1024

    /// Creates the default configuration.
    public init() {}

    /// Reads the configuration from `EDDY_` variables.
    /// - Parameter config: the configuration reader (for example over `EnvironmentVariablesProvider`).
    /// - Throws: ``ConfigurationKeyError`` naming the first key whose value is not accepted.
    public init(config: ConfigReader) throws {
        let r = ConfigurationKeyReader(config: config)
        idField = r.raw("EDDY_ID_FIELD")
        labelField = r.raw("EDDY_LABEL_FIELD")
        timeField = r.raw("EDDY_TIME_FIELD")
        schemaPath = r.raw("EDDY_SCHEMA")
        schemaInferEvents = try r.int("EDDY_SCHEMA_INFER_EVENTS", default: schemaInferEvents, in: 1...1_000_000)
        if let s = r.raw("EDDY_LABEL_TTL") {
            guard let seconds = Self.seconds(s), seconds > 0 else {
                throw ConfigurationKeyError(key: "EDDY_LABEL_TTL", value: s, accepted: "a positive duration such as 3600, 90s, 15m, 1h or 2d")
            }
            labelTTL = seconds
        }
        labelJoinMax = try r.int("EDDY_LABEL_JOIN_MAX", default: labelJoinMax, in: 0...100_000_000)
        backupModel = try r.choice("EDDY_BACKUP_MODEL", default: backupModel)
        driftDetector = try r.choice("EDDY_DRIFT_DETECTOR", default: driftDetector)
        if let s = r.raw("EDDY_DRIFT_THRESHOLD") {
            guard let v = Double(s), v.isFinite else {
                throw ConfigurationKeyError(key: "EDDY_DRIFT_THRESHOLD", value: s, accepted: "a number (the detector's threshold)")
            }
            driftThreshold = v
        }
        driftAction = try r.choice("EDDY_DRIFT_ACTION", default: driftAction)
        metricsWindow = try r.int("EDDY_METRICS_WINDOW", default: metricsWindow, in: 1...10_000_000)
        // The detector checks its own threshold's range; report it under the key.
        do { _ = try ConceptDriftMonitor(kind: driftDetector, threshold: driftThreshold) } catch let e as ConfigurationError {
            throw ConfigurationKeyError(key: "EDDY_DRIFT_THRESHOLD", value: driftThreshold.map { "\($0)" } ?? "", accepted: "for \(driftDetector.rawValue), \(e.accepted)")
        }
    }

    /// Parses a duration: seconds, or a number with the unit `s`, `m`, `h` or `d`.
    /// - Parameter text: the duration.
    /// - Returns: seconds, or nil when malformed.
    public static func seconds(_ text: String) -> Double? {
        let t = text.lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]
        for (suffix, scale) in units where t.hasSuffix(suffix) {
            guard let v = Double(t.dropLast(suffix.count)), v.isFinite else { continue }
            return v * scale
        }
        return Double(t).flatMap { $0.isFinite ? $0 : nil }
    }

    /// One paragraph per key, as `eddy replay --help` prints ``ModelSpec/helpTable``.
    public static var helpTable: String {
        keys.map { k in "\(k.name) (\(k.type), default \(k.defaultValue); accepts \(k.accepted)): \(k.summary)." }
            .joined(separator: "\n")
    }

    /// Every key ``init(config:)`` reads, for `--help` and `eddy config`.
    public static let keys: [ConfigurationKeyDoc] = [
        .init(name: "EDDY_ID_FIELD", type: "string", defaultValue: "id, event_id, eventId or uuid", accepted: "a field name",
              summary: "The event field holding the id (when the schema is inferred)"),
        .init(name: "EDDY_LABEL_FIELD", type: "string", defaultValue: "label, class, target or y", accepted: "a field name",
              summary: "The event field holding the label (when the schema is inferred)"),
        .init(name: "EDDY_TIME_FIELD", type: "string", defaultValue: "ts, timestamp, time or event_time", accepted: "a field name",
              summary: "The event field holding the event time (when the schema is inferred)"),
        .init(name: "EDDY_SCHEMA", type: "path", defaultValue: "none (inferred)", accepted: "a data dictionary JSON file",
              summary: "The data dictionary; without it one is inferred from the first events"),
        .init(name: "EDDY_SCHEMA_INFER_EVENTS", type: "integer", defaultValue: "1000", accepted: "1...1000000",
              summary: "How many events the schema is inferred from"),
        .init(name: "EDDY_LABEL_TTL", type: "duration", defaultValue: "3600", accepted: "seconds or 90s, 15m, 1h, 2d",
              summary: "How long an unlabelled event waits for its label, and a label for its event (processing time)"),
        .init(name: "EDDY_LABEL_JOIN_MAX", type: "integer", defaultValue: "100000", accepted: "0...100000000",
              summary: "The most unlabelled events remembered per partition, and the most labels waiting for their event (0 disables the label join)"),
        .init(name: "EDDY_BACKUP_MODEL", type: "string", defaultValue: "majority", accepted: "majority, no_change",
              summary: "The model that answers while the model is untrained"),
        .init(name: "EDDY_DRIFT_DETECTOR", type: "string", defaultValue: "adwin",
              accepted: DriftDetectorKind.allCases.map(\.rawValue).joined(separator: ", "),
              summary: "The concept-drift detector on the error stream"),
        .init(name: "EDDY_DRIFT_THRESHOLD", type: "real", defaultValue: "the detector's",
              accepted: "adwin δ (0,1) 0.002; ddm drift level 3; eddm β 0.9; hddm_a confidence 0.001; page_hinkley λ 50; kswin α 0.005",
              summary: "The concept-drift detector's threshold"),
        .init(name: "EDDY_DRIFT_ACTION", type: "string", defaultValue: "reset_model", accepted: "reset_model, none",
              summary: "What to do when concept drift is detected"),
        .init(name: "EDDY_METRICS_WINDOW", type: "integer", defaultValue: "1000", accepted: "1...10000000",
              summary: "The sliding window of the windowed accuracy and kappa"),
    ]
}
