import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The built `eddy` executable, run as a child process the way an operator runs it.
enum EddyBinary {
    /// The path of the built `eddy` (`EDDY_BINARY`, else next to the test bundle, else `.build/debug/eddy`
    /// found from this source file), or nil when it has not been built.
    static var path: String? {
        let fm = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["EDDY_BINARY"], fm.isExecutableFile(atPath: explicit) {
            return explicit
        }
        var candidates: [URL] = []
        // The test bundle lives in the build products directory, beside the executable.
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("eddy"))
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/eddy"))
        return candidates.first { fm.isExecutableFile(atPath: $0.path) }?.path
    }

    /// Why the end-to-end tests are skipped, or nil when the binary exists.
    static var skipReason: String? {
        path == nil ? "the eddy binary is not built (run `swift build` first, or set EDDY_BINARY)" : nil
    }
}

/// One running `eddy` process with its standard output and error collected in files.
final class EddyProcess: @unchecked Sendable {
    // Used from one test task at a time; Process itself is thread-safe for these calls.
    let process = Process()
    let outURL: URL
    let errURL: URL

    /// Starts `eddy ARGUMENTS` with `environment` (PATH kept, no other variable inherited).
    init(_ arguments: [String], environment: [String: String]) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        outURL = dir.appendingPathComponent("stdout")
        errURL = dir.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: EddyBinary.path!)
        process.arguments = arguments
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
    }

    /// Runs `eddy ARGUMENTS` to completion.
    /// - Returns: the exit status, standard output and standard error.
    static func run(_ arguments: [String], environment: [String: String]) async throws -> (status: Int32, out: String, err: String) {
        let p = try EddyProcess(arguments, environment: environment)
        let status = try await p.wait(timeout: .seconds(120))
        return (status ?? -1, p.stdout, p.stderr)
    }

    var stdout: String { (try? String(contentsOf: outURL, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }

    /// Sends a signal.
    func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }

    /// Waits for exit; nil when it is still running after `timeout` (then it is killed).
    func wait(timeout: Duration) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline {
                signal(SIGKILL)
                return nil
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// Talks HTTP/1.1 to the operations endpoint over a plain socket (no URLSession dependency).
enum HTTP {
    /// GETs `path` from `127.0.0.1:port`; nil when nothing answers.
    static func get(port: Int, _ path: String) -> (status: Int, body: String)? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            response += buffer[0..<n]
        }
        let text = String(decoding: response, as: UTF8.self)
        guard let statusText = text.split(separator: " ", maxSplits: 2).dropFirst().first, let status = Int(statusText) else { return nil }
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return (status, body)
    }

    /// A port nothing listens on now (bound and released).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Reads `/metrics` until the sample `prefix` equals `value` or `timeout` passes; returns the last text read.
    static func metrics(port: Int, until prefix: String, is value: Double, timeout: Duration = .seconds(90)) async throws -> String {
        var metrics = ""
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            metrics = get(port: port, "/metrics")?.body ?? ""
            if sample(metrics, prefix) == value { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        return metrics
    }

    /// The value of a Prometheus sample line `name{labels} value` (the first match), or nil.
    static func sample(_ metrics: String, _ prefix: String) -> Double? {
        for line in metrics.split(separator: "\n") where line.hasPrefix(prefix) {
            if let v = line.split(separator: " ").last.flatMap({ Double($0) }) { return v }
        }
        return nil
    }
}
