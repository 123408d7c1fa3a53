import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 server for `/metrics`, `/healthz` and `/readyz`: GET (and HEAD) only, one request
/// per connection, on its own thread.
///
/// Why not a web framework: the endpoint answers a scrape every few seconds, and a NIO-based server
/// (Hummingbird, Vapor) would add minutes to every fresh CI build for that. This one is a few POSIX calls:
/// it accepts on a dedicated thread (never the cooperative pool), reads at most ``maxRequestBytes`` with a
/// two-second receive timeout, answers with `Content-Length` and `Connection: close`, and closes. Requests
/// are served one at a time, which bounds its resources whatever the clients do.
public final class OperationsServer: Sendable {
    /// A response: status code, content type and body.
    public struct Response: Sendable {
        /// The HTTP status code.
        public var status: Int
        /// The `Content-Type` header.
        public var contentType: String
        /// The body.
        public var body: [UInt8]

        /// Creates a response.
        /// - Parameters:
        ///   - status: the status code.
        ///   - contentType: the content type (plain UTF-8 text by default).
        ///   - body: the body.
        public init(status: Int, contentType: String = "text/plain; charset=utf-8", body: [UInt8]) {
            self.status = status
            self.contentType = contentType
            self.body = body
        }

        /// A plain-text response.
        public static func text(_ status: Int, _ text: String) -> Response {
            Response(status: status, body: Array(text.utf8))
        }
    }

    /// Answers a GET for a path (without the query string).
    public typealias Handler = @Sendable (_ path: String) -> Response

    /// The largest request head read; longer requests get 431.
    public static let maxRequestBytes = 8192

    /// The port the server listens on.
    public let port: Int
    private let listener: Int32
    private let handler: Handler
    private let stopping = Atomic<Bool>(false)
    private let stopped = Mutex<Bool>(false)

    /// Binds and listens at once, so that a taken port stops start-up rather than failing later.
    /// - Parameters:
    ///   - host: the IPv4 address to listen on (`0.0.0.0` for every interface).
    ///   - port: the port (0 lets the system choose; ``port`` tells which).
    ///   - handler: answers each GET.
    /// - Throws: ``OperationsServerError`` when the address is malformed or the port cannot be bound.
    public init(host: String, port: Int, handler: @escaping Handler) throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            throw OperationsServerError(message: "'\(host)' is not an IPv4 address")
        }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw OperationsServerError(message: "socket() failed: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw OperationsServerError(message: "cannot listen on \(host):\(port): \(reason)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = Int(UInt16(bigEndian: actual.sin_port))
        self.listener = fd
        self.handler = handler
    }

    deinit { stop() }

    /// Starts serving on a new thread.
    public func start() {
        let thread = Thread { [self] in serve() }
        thread.name = "eddy.operations-http"
        thread.start()
    }

    /// Stops accepting within about 200 ms and closes the listening socket. Idempotent.
    public func stop() {
        stopping.store(true, ordering: .relaxed)
    }

    private func serve() {
        var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        while !stopping.load(ordering: .relaxed) {
            let ready = poll(&descriptor, 1, 200)
            guard ready > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            answer(client)
            close(client)
        }
        stopped.withLock { done in
            if !done { close(listener); done = true }
        }
    }

    private func answer(_ client: Int32) {
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 2048)
        var complete = false
        while request.count < Self.maxRequestBytes {
            let n = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { break }
            request.append(contentsOf: chunk[0..<n])
            if Self.headEnds(request) { complete = true; break }
        }
        let response: Response
        let head = String(decoding: request.prefix(while: { $0 != 0x0D && $0 != 0x0A }), as: UTF8.self)
        let parts = head.split(separator: " ")
        if !complete {
            response = request.count >= Self.maxRequestBytes ? .text(431, "request too large\n") : .text(400, "incomplete request\n")
        } else if parts.count != 3 || !parts[2].hasPrefix("HTTP/1.") {
            response = .text(400, "bad request\n")
        } else if parts[0] != "GET" && parts[0] != "HEAD" {
            response = .text(405, "only GET\n")
        } else {
            let target = parts[1]
            let path = String(target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
            response = handler(path)
        }
        var bytes = Array(("HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
            + "Content-Type: \(response.contentType)\r\nContent-Length: \(response.body.count)\r\n"
            + "Connection: close\r\n\r\n").utf8)
        if parts.first != "HEAD" { bytes += response.body }
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { send(client, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { break }
            sent += n
        }
    }

    static func headEnds(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        for i in 0...(bytes.count - 4) where bytes[i] == 0x0D && bytes[i + 1] == 0x0A && bytes[i + 2] == 0x0D && bytes[i + 3] == 0x0A {
            return true
        }
        return false
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 431: "Request Header Fields Too Large"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}

/// Why the operations endpoint could not start.
public struct OperationsServerError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    public var description: String { message }
}
