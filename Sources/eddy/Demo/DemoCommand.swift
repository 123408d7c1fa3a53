import ArgumentParser
import Foundation
import KafkaClient
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import StreamProcessor

#if canImport(Glibc)
import Glibc
#endif

/// `eddy demo`: the embedded broker, a drifting labelled stream, `eddy run`'s runtime against it, and a live
/// summary for about a minute.
///
/// Everything runs in this process: librdkafka's mock cluster (the embedded broker), a ``DemoProducer``
/// publishing ``DriftingStream`` (abrupt and gradual concept changes, ~1.5 % malformed records, some labels
/// only later on the labels topic) at a steady rate, the same ``StreamRuntime`` `eddy run` starts (consumer
/// group, partition pipelines, at-least-once outputs, Prometheus metrics), and a ``DemoMonitor`` reading the
/// output topics back. The summary is redrawn every second on a terminal and printed as one line a second
/// otherwise. SIGINT or SIGTERM ends it early, the way the duration does: publishing stops, Eddy finishes its
/// batch, flushes and commits, and the final summary is printed.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run Eddy against a drifting synthetic stream on the embedded broker, with a live summary.",
        discussion: """
            The model defaults to abstaining leveraging bagging of 10 Hoeffding trees \
            (EDDY_MODEL=leveraging_bagging, EDDY_ABSTAIN=true); every other EDDY_ setting applies as in \
            `eddy run` (EDDY_MODEL=adaptive_random_forest, EDDY_DRIFT_DETECTOR=ddm, ...). The broker and the \
            topics are the demo's own. /metrics is served on EDDY_METRICS_PORT (default 9464) while it runs.
            """
    )

    @Option(help: "Seconds of publishing.")
    var duration: Int = 60

    @Option(help: "Events published per second.")
    var rate: Int = 3_000

    @Option(help: "Partitions of the input topic (one model each).")
    var partitions: Int = 4

    @Option(help: "Seconds a late label waits before it is published on the labels topic.")
    var labelDelay: Double = 2

    @Option(help: "The random seed of the stream.")
    var seed: UInt64 = 1

    func validate() throws {
        guard (1...3_600).contains(duration) else { throw ValidationError("--duration must be in 1...3600 seconds, got \(duration).") }
        guard (10...200_000).contains(rate) else { throw ValidationError("--rate must be in 10...200000 events/s, got \(rate).") }
        guard (1...64).contains(partitions) else { throw ValidationError("--partitions must be in 1...64, got \(partitions).") }
        guard (0...60).contains(labelDelay) else { throw ValidationError("--label-delay must be in 0...60 seconds, got \(labelDelay).") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        // Errors only by default: librdkafka's configuration notices would scroll the live summary away.
        let level = environment["EDDY_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .error
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "eddy.demo")
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        let broker = try EmbeddedBroker(logger: logger)
        let topics = DemoTopics(partitions: partitions)
        for (topic, count) in [(topics.input, partitions), (topics.labels, 1), (topics.predictions, partitions),
                               (topics.drift, 1), (topics.deadLetters, 1)] {
            try broker.createTopic(topic, partitions: count)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-demo-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let schema = directory.appendingPathComponent("schema.json")
        try DriftingStream.dataDictionary.write(to: schema, atomically: true, encoding: .utf8)

        let settings = try Self.settings(environment: environment, brokers: broker.bootstrapServers, topics: topics,
                                         schema: schema.path, state: directory.appendingPathComponent("state").path)
        var streamConfiguration = DriftingStream.Configuration(events: duration * rate)
        streamConfiguration.seed = seed
        let stream = try DriftingStream(configuration: streamConfiguration)

        let stop = DemoStop()
        let ledger = DemoLedger()
        let status = RuntimeStatus()
        let runtime = StreamRuntime(settings: settings, status: status, logger: Logger(label: "eddy.run"))
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: runtime, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup),
        ]
        var endpoint = "off"
        if settings.runtime.metricsPort != 0 {
            do {
                let server = try OperationsServer(
                    host: settings.runtime.metricsHost, port: settings.runtime.metricsPort,
                    handler: OperationsServer.routes(status: status) { registry.emitToBuffer() })
                services.append(.init(service: OperationsService(server: server)))
                endpoint = "http://localhost:\(server.port)/metrics"
            } catch {
                logger.warning("The metrics endpoint is off: the port is not available.", metadata: ["eddy.error": "\(error)"])
            }
        }
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [], logger: logger))
        let runTask = Task {
            defer { ledger.withState { $0.runtimeStopped = true } }
            do { try await group.run() } catch {
                ledger.withState { $0.runtimeError = "\(error)" }
            }
        }

        print("eddy demo: embedded Kafka broker at \(broker.bootstrapServers); topics \(topics.input) (\(partitions) partitions), \(topics.labels) → \(topics.predictions), \(topics.drift), \(topics.deadLetters)")
        print("Model \(settings.model.displayName), drift detector \(settings.pipeline.driftDetector.rawValue); metrics \(endpoint)")
        print("Stream: \((duration * rate).formatted()) events at \(rate.formatted())/s for \(duration) s; \(stream.changes.map { $0.kind == "abrupt" ? "abrupt change at e-\($0.index.formatted())" : "gradual change around e-\($0.index.formatted())" }.joined(separator: ", ")); ~1.5 % malformed; 10 % of labels arrive \(labelDelay) s late")
        print("Waiting for Eddy to join the consumer group…")
        let joinStart = ContinuousClock.now
        while status.assignedPartitions == 0, !stop.isRequested, !ledger.withState({ $0.runtimeStopped }),
              ContinuousClock.now - joinStart < .seconds(60) {
            try? await Task.sleep(for: .milliseconds(100))
        }
        print("Eddy owns \(status.assignedPartitions) partitions after \(String(format: "%.1f", (ContinuousClock.now - joinStart).seconds)) s; publishing.\n")

        let producer = try KafkaProducer(
            configuration: .init(bootstrapServers: broker.bootstrapServers, properties: ["linger.ms": "5"]), logger: logger)
        let demoProducer = DemoProducer(topics: topics, rate: rate, labelDelay: .milliseconds(Int(labelDelay * 1000)),
                                        stream: stream, ledger: ledger, stop: stop)
        let produceTask = Task {
            var p = demoProducer
            do { try await p.run(producer: producer) } catch {
                ledger.withState { $0.producerError = "\(error)" }
            }
            ledger.withState { $0.finished = true }
        }

        let monitor = try DemoMonitor(brokers: broker.bootstrapServers, topics: topics, ledger: ledger, logger: logger)
        let display = DemoDisplay(report: DemoReport(model: settings.model.displayName, brokers: broker.bootstrapServers),
                                  isTerminal: isatty(STDOUT_FILENO) != 0)
        let start = ContinuousClock.now
        var last = start
        var previous: PrometheusSample?
        var drainStart: ContinuousClock.Instant?
        var frame: DemoReport.Frame
        while true {
            try await monitor.read(for: .seconds(1))
            let now = ContinuousClock.now
            frame = Self.frame(registry: registry, previous: previous, ledger: ledger, stream: streamConfiguration,
                               changes: stream.changes, monitor: monitor, elapsed: (now - start).seconds,
                               interval: (now - last).seconds, duration: duration)
            display.show(frame, monitor: monitor)
            previous = frame.metrics
            last = now
            let (finished, stopped) = ledger.withState { ($0.finished, $0.runtimeStopped) }
            if stopped { break }
            guard finished else { continue }
            drainStart = drainStart ?? now
            // Every published event comes back as a prediction or a dead letter, and every late label is joined
            // (or found unmatched); wait for them, a while.
            let caughtUp = monitor.predictions + monitor.deadLetterTotal >= frame.produced
                && frame.metrics.sum("eddy_labels_joined_total") + frame.metrics.sum("eddy_labels_unmatched_total") >= Double(frame.labelsSent)
            if caughtUp || stop.isRequested || now - drainStart! > .seconds(15) { break }
        }
        await produceTask.value
        await group.triggerGracefulShutdown()
        await runTask.value
        await producer.close()
        try await monitor.read(for: .milliseconds(500))
        frame = Self.frame(registry: registry, previous: previous, ledger: ledger, stream: streamConfiguration,
                           changes: stream.changes, monitor: monitor, elapsed: (last - start).seconds,
                           interval: 0, duration: duration)
        display.finish(frame, monitor: monitor)
        await monitor.close()
        let errors = ledger.withState { [$0.runtimeError, $0.producerError].compactMap { $0 } }
        if !errors.isEmpty {
            FileHandle.standardError.write(Data("eddy demo: \(errors.joined(separator: "; "))\n".utf8))
            throw ExitCode(1)
        }
    }

    /// `eddy run`'s settings for the demo: the demo's defaults, then the EDDY_ environment, then the demo's
    /// broker and topics (which the environment cannot move).
    /// - Throws: ``ExitCode`` 78 after printing the key, when a setting is not accepted.
    static func settings(environment: [String: String], brokers: String, topics: DemoTopics, schema: String, state: String) throws -> ProcessSettings {
        var defaults = [
            "EDDY_MODEL": "leveraging_bagging", "EDDY_ENSEMBLE_SIZE": "10", "EDDY_BASE_LEARNER": "hoeffding_tree",
            "EDDY_ABSTAIN": "true", "EDDY_LOG_FORMAT": "text", "EDDY_LOG_LEVEL": "warning", "EDDY_GROUP_ID": "eddy-demo",
            "EDDY_COMMIT_INTERVAL_MS": "1000", "EDDY_SCHEMA": schema, "EDDY_STATE_DIR": state,
            "EDDY_KAFKA_SESSION_TIMEOUT_MS": "6000", "EDDY_KAFKA_HEARTBEAT_INTERVAL_MS": "500",
            // The mock broker answers a fetch only after fetch.wait.max.ms (500 ms by default) even when records
            // are waiting; 25 ms brings publish-to-prediction latency from ~360 ms to ~35 ms.
            "EDDY_KAFKA_FETCH_WAIT_MAX_MS": "25",
        ]
        // Another model keeps its own ensemble defaults (abstaining needs an ensemble).
        if environment["EDDY_MODEL"] != nil {
            for key in ["EDDY_ENSEMBLE_SIZE", "EDDY_BASE_LEARNER", "EDDY_ABSTAIN"] { defaults[key] = nil }
        }
        let flags = [
            "EDDY_BROKERS": brokers, "EDDY_INPUT_TOPICS": topics.input, "EDDY_LABELS_TOPIC": topics.labels,
            "EDDY_PREDICTIONS_TOPIC": topics.predictions, "EDDY_DRIFT_TOPIC": topics.drift,
            "EDDY_DEAD_LETTER_TOPIC": topics.deadLetters,
        ]
        let sources = SettingsSources(environment: defaults.merging(environment) { _, set in set }, flags: flags)
        do {
            return try ProcessSettings(sources: sources)
        } catch let error as ConfigurationKeyError {
            FileHandle.standardError.write(Data("eddy demo: \(error.description)\n".utf8))
            throw ExitCode(ConfigurationKeyError.exitCode)
        }
    }

    /// Gathers one refresh's values.
    static func frame(
        registry: PrometheusCollectorRegistry, previous: PrometheusSample?, ledger: DemoLedger,
        stream: DriftingStream.Configuration, changes: [DriftingStream.Change], monitor: DemoMonitor,
        elapsed: Double, interval: Double, duration: Int
    ) -> DemoReport.Frame {
        let metrics = PrometheusSample(text: String(decoding: registry.emitToBuffer(), as: UTF8.self))
        let (produced, malformed, labelsSent) = ledger.withState { ($0.labels.count, $0.malformed, $0.labelsSent) }
        return DemoReport.Frame(
            elapsed: elapsed, duration: Double(duration), produced: produced, planned: stream.events, changes: changes,
            metrics: metrics, previous: previous, interval: interval, recentLatencies: Array(monitor.takeRecentLatencies()),
            malformed: malformed, labelsSent: labelsSent)
    }
}
