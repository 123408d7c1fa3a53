import Configuration
import Foundation

/// Where `EDDY_` settings come from: command-line flags over environment variables over defaults.
///
/// Both layers are swift-configuration providers read through one `ConfigReader` (an `InMemoryProvider`
/// holding the flags, queried first, then an `EnvironmentVariablesProvider`), so every component reads its
/// keys the same way whatever the source. Secret values (``SettingsRegistry/isSecret(variable:)``) are
/// marked secret in both providers, so swift-configuration's own access logs redact them too.
public struct SettingsSources: Sendable {
    /// Where a setting's current value comes from.
    public enum Source: String, Sendable, Hashable {
        /// A command-line flag.
        case flag
        /// An environment variable.
        case env
        /// The key's documented default.
        case `default`
    }

    /// The `EDDY_` environment variables.
    public let environment: [String: String]
    /// The settings given as flags, by variable name.
    public let flags: [String: String]

    /// Creates the sources.
    /// - Parameters:
    ///   - environment: the process environment (only `EDDY_` names are kept).
    ///   - flags: settings from the command line, by variable name (`EDDY_MODEL`); they win.
    public init(environment: [String: String], flags: [String: String] = [:]) {
        self.environment = environment.filter { $0.key.hasPrefix("EDDY_") }
        self.flags = flags
    }

    /// Every `EDDY_` setting with a value, flags over environment.
    public var merged: [String: String] {
        environment.merging(flags) { _, flag in flag }
    }

    /// The reader the components read their keys through.
    public var reader: ConfigReader {
        let flagValues = Dictionary(uniqueKeysWithValues: flags.map { name, value in
            (AbsoluteConfigKey([name.lowercased()]),
             ConfigValue(.string(value), isSecret: SettingsRegistry.isSecret(variable: name)))
        })
        return ConfigReader(providers: [
            InMemoryProvider(name: "flags", values: flagValues),
            EnvironmentVariablesProvider(
                environmentVariables: environment,
                secretsSpecifier: .dynamic { name, _ in SettingsRegistry.isSecret(variable: name) }),
        ])
    }

    /// Where `name`'s value comes from.
    /// - Parameter name: the variable's name.
    public func source(of name: String) -> Source {
        if let v = flags[name], !v.isEmpty { return .flag }
        if let v = environment[name], !v.trimmingCharacters(in: .whitespaces).isEmpty { return .env }
        return .default
    }

    /// One row of `eddy config`.
    public struct Row: Sendable, Hashable {
        /// The variable's name.
        public var name: String
        /// The value type.
        public var type: String
        /// The documented default.
        public var defaultValue: String
        /// The current value (redacted for secrets; the default when unset).
        public var value: String
        /// Where the value comes from.
        public var source: Source
        /// What the key accepts.
        public var accepted: String
        /// What the key does.
        public var summary: String
    }

    /// Every registered key, then every `EDDY_KAFKA_` pass-through that is set, with current values and
    /// sources; secrets show `<redacted>`.
    public var rows: [Row] {
        let values = merged
        var rows = SettingsRegistry.keys.map { k in
            let source = source(of: k.name)
            let raw = source == .default ? k.defaultValue : values[k.name] ?? ""
            let shown = k.secret && source != .default ? "<redacted>" : raw
            return Row(name: k.name, type: k.type, defaultValue: k.defaultValue, value: shown, source: source,
                       accepted: k.accepted, summary: k.summary)
        }
        for name in values.keys.sorted() {
            guard let property = KafkaProperties.property(forVariable: name) else { continue }
            let secret = KafkaProperties.isSecret(property: property)
            rows.append(Row(name: name, type: "librdkafka", defaultValue: "", value: secret ? "<redacted>" : values[name] ?? "",
                            source: source(of: name), accepted: "see librdkafka's CONFIGURATION.md",
                            summary: "passed to librdkafka as \(property)"))
        }
        return rows
    }

    /// ``rows`` as an aligned text table: name, type, default, value, source; then what the key accepts and
    /// does, indented.
    public var table: String {
        let rows = rows
        func width(_ f: (Row) -> String, _ title: String) -> Int { max(title.count, rows.map { f($0).count }.max() ?? 0) }
        let w = [width(\.name, "KEY"), width(\.type, "TYPE"), width({ Self.clip($0.defaultValue) }, "DEFAULT"),
                 width({ Self.clip($0.value) }, "VALUE")]
        func line(_ c: [String], _ last: String) -> String {
            zip(c, w).map { $0.padding(toLength: $1 + 2, withPad: " ", startingAt: 0) }.joined() + last
        }
        var out = [line(["KEY", "TYPE", "DEFAULT", "VALUE"], "SOURCE")]
        for r in rows {
            out.append(line([r.name, r.type, Self.clip(r.defaultValue), Self.clip(r.value)], r.source.rawValue))
            out.append("    \(r.summary) (accepts: \(r.accepted))")
        }
        return out.joined(separator: "\n")
    }

    static func clip(_ s: String) -> String {
        let v = s.isEmpty ? "-" : s
        return v.count > 32 ? String(v.prefix(29)) + "..." : v
    }
}
