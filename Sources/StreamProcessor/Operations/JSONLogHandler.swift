import Foundation
import Logging
import Synchronization

/// A swift-log handler that writes one JSON object per line to standard error, for log shippers.
///
/// Each line holds `ts` (RFC 3339 with milliseconds, UTC), `level`, `logger` (the label), `message`, `source`
/// and the metadata as top-level members under their dotted names (`kafka.topic`, `eddy.partition`); nested
/// metadata becomes nested JSON. A metadata key that collides with one of the fixed members is prefixed with
/// `metadata.`. Lines are written with one `write(2)` each under a process-wide lock, so lines from
/// different threads never interleave.
public struct JSONLogHandler: LogHandler {
    /// The logger's label.
    public let label: String
    /// The handler's metadata, merged under each message's own.
    public var metadata: Logger.Metadata = [:]
    /// The least important level written.
    public var logLevel: Logger.Level
    /// Where lines go (a file descriptor; standard error by default).
    let fd: Int32

    private static let lock = Mutex<Void>(())
    private static let reserved: Set<String> = ["ts", "level", "logger", "message", "source"]

    /// Creates a handler.
    /// - Parameters:
    ///   - label: the logger's label.
    ///   - level: the least important level written.
    ///   - fileDescriptor: where lines go (2, standard error, by default).
    public init(label: String, level: Logger.Level = .info, fileDescriptor: Int32 = 2) {
        self.label = label
        self.logLevel = level
        self.fd = fileDescriptor
    }

    /// Reads or sets one metadata value.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one line.
    public func log(event: LogEvent) {
        var line = "{\"ts\":\"" + Self.timestamp() + "\",\"level\":\"" + event.level.rawValue + "\",\"logger\":"
        Self.appendString(label, to: &line)
        line += ",\"message\":"
        Self.appendString(event.message.description, to: &line)
        line += ",\"source\":"
        Self.appendString(event.source, to: &line)
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        for key in all.keys.sorted() {
            line += ","
            Self.appendString(Self.reserved.contains(key) ? "metadata." + key : key, to: &line)
            line += ":"
            Self.append(all[key]!, to: &line)
        }
        line += "}\n"
        let fd = self.fd
        Self.lock.withLock { _ in
            var bytes = Array(line.utf8)
            var written = 0
            while written < bytes.count {
                let n = bytes.withUnsafeMutableBytes { Foundation.write(fd, $0.baseAddress! + written, $0.count - written) }
                if n <= 0 { break }
                written += n
            }
            bytes.removeAll()
        }
    }

    static func append(_ value: Logger.Metadata.Value, to line: inout String) {
        switch value {
        case .string(let s): appendString(s, to: &line)
        case .stringConvertible(let c): appendString(c.description, to: &line)
        case .array(let a):
            line += "["
            for (i, v) in a.enumerated() {
                if i > 0 { line += "," }
                append(v, to: &line)
            }
            line += "]"
        case .dictionary(let d):
            line += "{"
            for (i, k) in d.keys.sorted().enumerated() {
                if i > 0 { line += "," }
                appendString(k, to: &line)
                line += ":"
                append(d[k]!, to: &line)
            }
            line += "}"
        }
    }

    /// Appends `s` as a JSON string literal (quotes, backslashes and control characters escaped).
    static func appendString(_ s: String, to line: inout String) {
        line += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": line += "\\\""
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                line += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: line.unicodeScalars.append(scalar)
            }
        }
        line += "\""
    }

    /// Now as `2026-11-29T10:00:00.123Z`.
    static func timestamp() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var seconds = time_t(ts.tv_sec)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ v: Int32, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(ts.tv_nsec / 1_000_000), 3))Z"
    }
}
