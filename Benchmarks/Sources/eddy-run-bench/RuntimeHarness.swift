import Foundation
import KafkaClient
import KafkaPipelineWorkload
import Logging
import StreamProcessor

/// Runs the real `eddy run` runtime (``StreamRuntime``, configured from `EDDY_` variables exactly as the
/// command line does) in this process against the bench's cluster, and watches its output topics.
struct RuntimeHarness {
    let cluster: BenchCluster
    let partitions: Int
    /// The pinned data dictionary (inferred once from the workload's first events).
    let schemaPath: String
    let stateDirectory: String
    /// Where the runtime's metrics land.
    let capture: LatencyCapture

    /// The `EDDY_` settings of one run: the input topic, a fresh group, its own output topics, the schema, then `extra`.
    func environment(input: String, tag: String, extra: [String: String]) -> [String: String] {
        var env = [
            "EDDY_BROKERS": cluster.bootstrapServers, "EDDY_INPUT_TOPICS": input, "EDDY_GROUP_ID": "bench-\(tag)",
            "EDDY_PREDICTIONS_TOPIC": "predictions-\(tag)", "EDDY_DRIFT_TOPIC": "drift-\(tag)",
            "EDDY_DEAD_LETTER_TOPIC": "dead-\(tag)", "EDDY_SCHEMA": schemaPath, "EDDY_METRICS_PORT": "0",
            "EDDY_STATE_DIR": stateDirectory, "EDDY_KAFKA_SESSION_TIMEOUT_MS": "6000",
        ]
        env.merge(extra) { _, new in new }
        return env
    }

    /// Starts a runtime; the returned task runs until cancelled.
    func start(input: String, tag: String, extra: [String: String]) async throws -> (Task<Void, any Error>, StreamRuntime) {
        for topic in ["predictions-\(tag)", "drift-\(tag)", "dead-\(tag)"] {
            try await cluster.createTopic(topic, partitions: partitions)
        }
        let settings = try ProcessSettings(sources: SettingsSources(environment: environment(input: input, tag: tag, extra: extra)))
        var logger = Logger(label: "eddy-run-bench")
        logger.logLevel = ProcessInfo.processInfo.environment["BENCH_LOG"] == nil ? .warning : ProcessInfo.processInfo.environment["BENCH_LOG"] == "debug" ? .debug : .info
        let runtime = StreamRuntime(settings: settings, logger: logger)
        let task = Task {
            do { try await runtime.run() } catch {
                say("the runtime \(tag) stopped: \(error)")
                throw error
            }
        }
        return (task, runtime)
    }

    /// Runs the runtime over an input topic already holding `expected` events, until every one has an output.
    ///
    /// The rate counts from the first output seen to the last, so the group join (`session.timeout.ms`
    /// on the mock) is not charged to the runtime.
    /// - Returns: events per second and the elapsed time.
    func throughput(input: String, expected: Int, tag: String, extra: [String: String]) async throws -> (rate: Double, seconds: Double) {
        let base = capture.outputs.load(ordering: .relaxed)
        let (task, _) = try await start(input: input, tag: tag, extra: extra)
        let clock = ContinuousClock()
        var first: (at: ContinuousClock.Instant, count: Int)?
        var last = (at: clock.now, count: 0)
        let deadline = clock.now + .seconds(900)
        while last.count < expected {
            try await Task.sleep(for: .milliseconds(20))
            let count = capture.outputs.load(ordering: .relaxed) - base
            last = (clock.now, count)
            if first == nil, count > 0 { first = last }
            if ProcessInfo.processInfo.environment["BENCH_LOG"] != nil { say("\(tag): \(count) outputs") }
            if clock.now > deadline { task.cancel(); throw BenchError(description: "runtime \(tag) stalled at \(count) of \(expected)") }
        }
        task.cancel()
        _ = try? await task.value
        guard let first else { return (0, 0) }
        let seconds = seconds(last.at - first.at)
        return (Double(last.count - first.count) / seconds, seconds)
    }
}

/// A duration in seconds.
func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }

/// A run that did not finish (the runtime stalled or never joined).
struct BenchError: Error, CustomStringConvertible {
    /// What went wrong.
    var description: String
}

/// Writes a line to standard output at once (print is block-buffered when piped).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
