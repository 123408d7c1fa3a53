import Foundation
import Testing

private let kcatPath: String? = ["/usr/bin/kcat", "/usr/local/bin/kcat"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// The `eddy` executable SwiftPM builds beside the test bundle (or `EDDY_BINARY`).
private let eddyPath: String? = {
    if let explicit = ProcessInfo.processInfo.environment["EDDY_BINARY"] { return explicit }
    let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidate = directory.appendingPathComponent("eddy").path
    return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
}()

/// `eddy broker` serves other processes: kcat (a C client in another process) produces and consumes through it.
@Suite(
    "eddy broker from another process",
    .enabled(if: kcatPath != nil, "kcat is not installed (expected at /usr/bin/kcat)"),
    .enabled(if: eddyPath != nil, "the eddy executable is not built next to the tests (run `swift build --build-tests`)"))
struct BrokerCommandTests {
    /// Runs a process to completion off the cooperative pool and returns its status and standard output.
    static func run(_ executable: String, _ arguments: [String], input: String? = nil) async throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let stdin = Pipe()
        process.standardInput = stdin
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    try process.run()
                    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
                    try? stdin.fileHandleForWriting.close()
                    let data = output.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    continuation.resume(returning: (process.terminationStatus, String(decoding: data, as: UTF8.self)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Reads the broker's output until its `bootstrap:` line (off the cooperative pool).
    static func bootstrapLine(from pipe: Pipe) async -> String? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var text = ""
                while !text.contains("\n") {
                    let chunk = pipe.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    text += String(decoding: chunk, as: UTF8.self)
                }
                let line = text.split(separator: "\n").first { $0.hasPrefix("bootstrap: ") }
                continuation.resume(returning: line.map { String($0.dropFirst("bootstrap: ".count)) })
            }
        }
    }

    @Test func kcatProducesAndConsumesThroughEddyBroker() async throws {
        let broker = Process()
        broker.executableURL = URL(fileURLWithPath: try #require(eddyPath))
        broker.arguments = ["broker", "--brokers", "2", "--topic", "kcat-events:2"]
        let output = Pipe()
        broker.standardOutput = output
        broker.standardError = FileHandle.nullDevice
        try broker.run()
        defer { if broker.isRunning { broker.terminate() } }

        let bootstrap = try #require(await Self.bootstrapLine(from: output))
        #expect(bootstrap.split(separator: ",").count == 2)
        let kcat = try #require(kcatPath)
        let (produced, _) = try await Self.run(
            kcat, ["-b", bootstrap, "-P", "-t", "kcat-events", "-K", ":"], input: "k1:first\nk2:second\nk3:third\n")
        #expect(produced == 0)
        let (consumed, text) = try await Self.run(
            kcat, ["-b", bootstrap, "-C", "-t", "kcat-events", "-o", "beginning", "-e", "-q", "-f", "%k=%s\\n"])
        #expect(consumed == 0)
        #expect(Set(text.split(separator: "\n").map(String.init)) == ["k1=first", "k2=second", "k3=third"])

        broker.terminate()  // SIGTERM: the broker stops cleanly
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                broker.waitUntilExit()
                continuation.resume()
            }
        }
        #expect(broker.terminationReason == .exit && broker.terminationStatus == 0)
    }
}
