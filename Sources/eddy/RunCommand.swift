import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import StreamProcessor

/// `eddy run`: the stream consumer. Parses flags, bootstraps logging and metrics, and runs the runtime and
/// the operations endpoint as services until SIGTERM or SIGINT.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Consume the input topics, predict and learn, and publish predictions, drift events and dead letters.",
        discussion: """
            Every setting is an EDDY_ environment variable; a flag overrides it (`eddy config` lists them all \
            with their current values). Delivery is at-least-once: a batch's offsets are stored only after \
            its outputs are acknowledged. SIGTERM or SIGINT finishes the batch, flushes, commits and exits 0. \
            A bad value or an unknown EDDY_ variable exits 78 naming the key. Serves /metrics, /healthz and \
            /readyz on EDDY_METRICS_PORT (default 9464; 0 disables).
            """
    )

    @OptionGroup var options: SettingsOptions

    func run() async throws {
        let sources = SettingsSources(environment: ProcessInfo.processInfo.environment, flags: options.flags)
        let settings: ProcessSettings
        do {
            settings = try ProcessSettings(sources: sources)
        } catch let error as ConfigurationKeyError {
            Self.printError(error.description)
            throw ExitCode(ConfigurationKeyError.exitCode)
        }
        let level = settings.runtime.logLevel
        switch settings.runtime.logFormat {
        case .json: LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: level) }
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
        let logger = Logger(label: "eddy.run")
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        let latencyBuckets: [Duration] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
            .seconds(30), .seconds(60),
        ]
        for name in ["eddy_event_to_prediction_seconds", "eddy_processing_seconds", "eddy_acknowledgement_seconds"] {
            factory.durationHistogramBuckets[name] = latencyBuckets
        }
        MetricsSystem.bootstrap(factory)

        let status = RuntimeStatus()
        let runtime = StreamRuntime(settings: settings, status: status, logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if settings.runtime.metricsPort != 0 {
            do {
                let server = try OperationsServer(
                    host: settings.runtime.metricsHost, port: settings.runtime.metricsPort,
                    handler: OperationsServer.routes(status: status) { registry.emitToBuffer() })
                services.append(.init(service: OperationsService(server: server), successTerminationBehavior: .gracefullyShutdownGroup))
                logger.info("Serving /metrics, /healthz and /readyz.", metadata: ["eddy.port": "\(server.port)"])
            } catch {
                Self.printError("EDDY_METRICS_PORT: \(error)")
                throw ExitCode(ConfigurationKeyError.exitCode)
            }
        }
        services.append(.init(service: runtime, successTerminationBehavior: .gracefullyShutdownGroup,
                              failureTerminationBehavior: .gracefullyShutdownGroup))
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch let error as ConfigurationKeyError {
            Self.printError(error.description)
            throw ExitCode(ConfigurationKeyError.exitCode)
        } catch {
            let cause = (error as? ServiceGroupError).map { _ in "\(error)" } ?? "\(error)"
            logger.critical("Eddy stopped on an error.", metadata: ["eddy.error": .string(cause)])
            throw ExitCode(1)
        }
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("eddy run: \(message)\n".utf8))
    }
}
