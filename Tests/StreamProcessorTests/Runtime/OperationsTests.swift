import Foundation
import Logging
import Testing
@testable import StreamProcessor

#if canImport(Glibc)
import Glibc
#endif

/// The operations endpoint and JSON logs.
@Suite struct OperationsTests {
    /// Sends raw bytes to the server and returns the whole answer.
    static func exchange(_ port: Int, _ request: String) -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        let bytes = Array(request.utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            answer += buffer[0..<n]
        }
        return String(decoding: answer, as: UTF8.self)
    }

    @Test func endpointAnswersHealthReadinessAndMetricsAndClosesConnections() throws {
        let status = RuntimeStatus()
        let server = try OperationsServer(host: "127.0.0.1", port: 0,
                                          handler: OperationsServer.routes(status: status) { Array("eddy_up 1\n".utf8) })
        server.start()
        defer { server.stop() }
        let metrics = Self.exchange(server.port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(metrics.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(metrics.contains("Connection: close\r\n"))
        #expect(metrics.contains("Content-Type: text/plain; version=0.0.4"))
        #expect(metrics.hasSuffix("\r\n\r\neddy_up 1\n"))
        #expect(Self.exchange(server.port, "GET /healthz?x=1 HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 200"))
        let notReady = Self.exchange(server.port, "GET /readyz HTTP/1.1\r\n\r\n")
        #expect(notReady.hasPrefix("HTTP/1.1 503") && notReady.contains("no input partitions assigned"))
        status.assignedPartitions = 2
        #expect(Self.exchange(server.port, "GET /readyz HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 200"))
        status.isProducerHealthy = false
        #expect(Self.exchange(server.port, "GET /readyz HTTP/1.1\r\n\r\n").contains("the producer is failing"))
        #expect(Self.exchange(server.port, "POST /metrics HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 405"))
        #expect(Self.exchange(server.port, "GET /other HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 404"))
        #expect(Self.exchange(server.port, "nonsense\r\n\r\n").hasPrefix("HTTP/1.1 400"))
        let huge = "GET /metrics HTTP/1.1\r\nX: " + String(repeating: "a", count: 10_000) + "\r\n\r\n"
        #expect(Self.exchange(server.port, huge).hasPrefix("HTTP/1.1 431"))
    }

    @Test func aTakenPortIsReportedAtStartUp() throws {
        let first = try OperationsServer(host: "127.0.0.1", port: 0) { _ in .text(200, "") }
        #expect(throws: OperationsServerError.self) {
            try OperationsServer(host: "127.0.0.1", port: first.port) { _ in .text(200, "") }
        }
        #expect(throws: OperationsServerError.self) {
            try OperationsServer(host: "not-an-address", port: 0) { _ in .text(200, "") }
        }
    }

    @Test func jsonLogLinesAreOneObjectWithMetadataAtTopLevel() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        var handler = JSONLogHandler(label: "eddy.test", level: .info, fileDescriptor: fds[1])
        handler[metadataKey: "eddy.instance"] = "a"
        var logger = Logger(label: "eddy.test") { _ in handler }
        logger.logLevel = .info
        logger.debug("not written")
        logger.info("Partitions \"assigned\".\n", metadata: ["kafka.topic": "events", "message": "clash", "n": .array(["1", "2"])])
        close(fds[1])
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fds[0], &buffer, buffer.count)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        close(fds[0])
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(object["level"] as? String == "info")
        #expect(object["logger"] as? String == "eddy.test")
        #expect(object["message"] as? String == "Partitions \"assigned\".\n")
        #expect(object["kafka.topic"] as? String == "events")
        #expect(object["eddy.instance"] as? String == "a")
        #expect(object["metadata.message"] as? String == "clash")
        #expect(object["n"] as? [String] == ["1", "2"])
        #expect((object["ts"] as? String)?.hasSuffix("Z") == true)
    }
}
