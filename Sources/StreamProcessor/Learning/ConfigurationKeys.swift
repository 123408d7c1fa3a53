import Configuration
import Foundation

/// The documentation of one `EDDY_` environment variable: what `eddy … --help` and `eddy config` list.
public struct ConfigurationKeyDoc: Sendable, Hashable {
    /// The variable's name, such as `EDDY_MODEL`.
    public var name: String
    /// The value type, in words (`string`, `integer`, `real`, `boolean`).
    public var type: String
    /// The default value, as text.
    public var defaultValue: String
    /// The accepted values or range, in words.
    public var accepted: String
    /// What the setting does.
    public var summary: String
    /// True when the value must never be printed or logged (passwords, keys); `eddy config` redacts it.
    public var secret = false
}

/// Reads `EDDY_` settings through swift-configuration and checks each against what it accepts.
///
/// Values are read as strings and parsed here (rather than with `ConfigReader.int(forKey:)`, which turns a
/// malformed value into "absent"), so that a typo stops start-up with the key's name instead of silently
/// falling back to the default.
public struct ConfigurationKeyReader {
    /// The underlying reader.
    public let config: ConfigReader

    /// Creates a reader.
    /// - Parameter config: the configuration to read (for example over `EnvironmentVariablesProvider`).
    public init(config: ConfigReader) { self.config = config }

    /// The raw value of `key`, trimmed; nil when unset or empty.
    public func raw(_ key: String) -> String? {
        // One lower-case component encodes back to the upper-case variable name.
        guard let s = config.string(forKey: ConfigKey([key.lowercased()])) else { return nil }
        let t = s.trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? nil : t
    }

    /// An integer in `range`, or `defaultValue` when unset.
    /// - Throws: ``ConfigurationKeyError`` when the value is not an integer in range.
    public func int(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let s = raw(key) else { return defaultValue }
        guard let v = Int(s), range.contains(v) else {
            throw ConfigurationKeyError(key: key, value: s, accepted: "an integer in \(Self.describe(range))")
        }
        return v
    }

    /// A finite real accepted by `check`, or `defaultValue` when unset.
    /// - Throws: ``ConfigurationKeyError`` when the value is not a number `check` accepts.
    public func double(_ key: String, default defaultValue: Double, accepted: String, _ check: (Double) -> Bool) throws -> Double {
        guard let s = raw(key) else { return defaultValue }
        guard let v = Double(s), v.isFinite, check(v) else {
            throw ConfigurationKeyError(key: key, value: s, accepted: accepted)
        }
        return v
    }

    /// A boolean (`true`/`false`, `1`/`0`, `yes`/`no`, any case), or `defaultValue` when unset.
    /// - Throws: ``ConfigurationKeyError`` for any other value.
    public func bool(_ key: String, default defaultValue: Bool) throws -> Bool {
        guard let s = raw(key) else { return defaultValue }
        switch s.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw ConfigurationKeyError(key: key, value: s, accepted: "true or false")
        }
    }

    /// A 64-bit unsigned integer, or `defaultValue` when unset.
    /// - Throws: ``ConfigurationKeyError`` when the value is not one.
    public func uint64(_ key: String, default defaultValue: UInt64) throws -> UInt64 {
        guard let s = raw(key) else { return defaultValue }
        guard let v = UInt64(s) else {
            throw ConfigurationKeyError(key: key, value: s, accepted: "an integer in 0...\(UInt64.max)")
        }
        return v
    }

    /// One of the cases of `T` by raw value (case-insensitive), or `defaultValue` when unset.
    /// - Throws: ``ConfigurationKeyError`` listing the accepted values.
    public func choice<T: RawRepresentable & CaseIterable>(_ key: String, default defaultValue: T) throws -> T where T.RawValue == String {
        guard let s = raw(key) else { return defaultValue }
        guard let v = T(rawValue: s.lowercased()) else {
            throw ConfigurationKeyError(key: key, value: s, accepted: "one of " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return v
    }

    /// Every registered `EDDY_` key (``SettingsRegistry``, the one list of all components' and opt-in tests'
    /// keys), which a command accepts even when it does not read them (`EDDY_KAFKA_*` passes as a prefix).
    public static var keysOfOtherComponents: Set<String> { Set(SettingsRegistry.keys.map(\.name)) }

    /// Prefixes of keys passed through to other components.
    public static let prefixesOfOtherComponents = ["EDDY_KAFKA_"]

    static func describe(_ range: ClosedRange<Int>) -> String {
        range.upperBound == Int.max ? "\(range.lowerBound)..." : "\(range.lowerBound)...\(range.upperBound)"
    }

    /// Checks that every `EDDY_` variable in `environment` is a known key.
    /// - Parameters:
    ///   - environment: the process environment.
    ///   - known: the keys the running command reads.
    ///   - otherComponents: keys read by other components (accepted, not checked here).
    ///   - otherPrefixes: prefixes of keys passed through to other components, such as `EDDY_KAFKA_`.
    /// - Throws: ``ConfigurationKeyError`` for the first unknown key (in sorted order), naming close matches.
    public static func checkUnknownKeys(
        in environment: [String: String], known: [String], otherComponents: Set<String> = [], otherPrefixes: [String] = []
    ) throws {
        let knownSet = Set(known).union(otherComponents)
        for key in environment.keys.sorted() where key.hasPrefix("EDDY_") {
            if knownSet.contains(key) || otherPrefixes.contains(where: { key.hasPrefix($0) }) { continue }
            let close = known.filter { distance($0, key) <= 3 }
            let hint = close.isEmpty
                ? "expected one of " + known.joined(separator: ", ")
                : "did you mean " + close.joined(separator: " or ") + "?"
            throw ConfigurationKeyError(unknownKey: key, suggestion: hint)
        }
    }

    /// The Levenshtein distance between two short strings.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        var row = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(1, b.count) where !b.isEmpty {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
