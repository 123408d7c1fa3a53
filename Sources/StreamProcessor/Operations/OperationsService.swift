import ServiceLifecycle

/// Serves `/metrics`, `/healthz` and `/readyz` for the life of the process, as a swift-service-lifecycle
/// service: started before the runtime, stopped after it (services stop in reverse start order), so the
/// last scrape still sees the final counters.
public struct OperationsService: Service {
    /// The server (already listening).
    public let server: OperationsServer

    /// Creates the service.
    /// - Parameter server: a listening server.
    public init(server: OperationsServer) { self.server = server }

    /// Serves until graceful shutdown or cancellation.
    public func run() async throws {
        server.start()
        try? await gracefulShutdown()
        server.stop()
    }
}

extension OperationsServer {
    /// The standard routes: `/metrics` renders `metrics()` in the Prometheus text format, `/healthz` answers
    /// 200 while the process runs, `/readyz` answers 200 when `status` is ready and 503 with the reason
    /// otherwise; anything else is 404.
    /// - Parameters:
    ///   - status: the runtime's readiness.
    ///   - metrics: renders the Prometheus exposition text.
    /// - Returns: the handler.
    public static func routes(status: RuntimeStatus, metrics: @escaping @Sendable () -> [UInt8]) -> Handler {
        { path in
            switch path {
            case "/metrics":
                Response(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: metrics())
            case "/healthz":
                .text(200, "ok\n")
            case "/readyz":
                status.isReady ? .text(200, "ready\n") : .text(503, "not ready: \(status.notReadyReason)\n")
            default:
                .text(404, "not found; try /metrics, /healthz or /readyz\n")
            }
        }
    }
}
