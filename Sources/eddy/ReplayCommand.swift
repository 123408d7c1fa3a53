import ArgumentParser
import Configuration
import FeatureExtraction
import Foundation
import StreamProcessor

/// `eddy replay FILE|TOPIC`: prequential evaluation of the configured model on a labelled file or a recorded topic.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a labelled CSV or ARFF file, a JSON-lines event file or a recorded topic through the configured model (test-then-train).",
        discussion: """
            Every instance is predicted, scored, then learned (prequential evaluation, as MOA's \
            EvaluatePrequential). The model comes from EDDY_ environment variables; a bad value or an unknown \
            EDDY_ key stops with a message and exit code 78. --report DIR writes summary.json (accuracy, kappa, \
            kappa_m and kappa_t in percent as in MOA, abstention_rate as a fraction, seconds including start-up \
            and parsing, instances_per_second, cpu_seconds, instances_per_cpu_second, model, config) and curve.csv \
            (one row per snapshot).

            A .jsonl (or .json, .ndjson) file of JSON events runs through the stream pipeline itself (schema \
            validation, backup model, label join, drift monitor) with line numbers as offsets; --labels names a \
            file of {"id": ..., "label": ...} lines joined by id, and --report DIR also receives \
            predictions.jsonl, dead_letters.jsonl, drift_events.jsonl and, when inferred, schema.json.

            SOURCE is a file when such a file exists, otherwise a recorded topic (bootstrap servers from \
            --brokers or EDDY_BROKERS; EDDY_KAFKA_* properties apply): every partition is read from its \
            earliest record to the end it had when the replay began, by a consumer that joins no group and \
            commits nothing, and the partitions are merged into one stream by record timestamp, each keeping \
            its offset order. --labels then names a labels topic, read the same way; each label reaches the \
            pipeline after every event stamped no later than itself, as late as it reached Kafka. One model \
            learns the whole stream (`eddy run` keeps one per partition).

            Keys:
            \(ModelSpec.helpTable)

            Pipeline keys (JSON lines):
            \(PipelineConfiguration.helpTable)
            """
    )

    @Argument(help: "The labelled file (.csv with a header row, .arff, or .jsonl events), or a topic of JSON events.")
    var file: String

    @Option(help: "The class column (CSV) or attribute (ARFF); the last one by default.")
    var target: String?

    @Option(help: "The class labels in index order, comma-separated (CSV; default: the sorted distinct values).")
    var classes: String?

    @Option(help: "The file format: csv, arff or jsonl (default: from the extension).")
    var format: String?

    @Option(help: "JSON events only: a file (or, for a topic, a topic) of {\"id\": ..., \"label\": ...} records joined to the events by id.")
    var labels: String?

    @Option(help: "Bootstrap servers when SOURCE is a topic (default: EDDY_BROKERS).")
    var brokers: String?

    @Option(help: "JSON lines only: apply labels line i after events line i + N.")
    var labelLag: Int = 0

    @Option(help: "Take a learning-curve snapshot every N instances.")
    var sampleEvery: Int = 10_000

    @Option(help: "Also measure over a sliding window of the last N instances.")
    var window: Int?

    @Option(help: "Write summary.json and curve.csv into this directory.")
    var report: String?

    @Flag(help: "Print only the final table.")
    var quiet = false

    @Flag(help: "Only parse the file and report rows per second (a reader benchmark; no model is built).")
    var parseOnly = false

    func validate() throws {
        guard sampleEvery >= 1 else { throw ValidationError("--sample-every must be at least 1") }
        if let window, window < 1 { throw ValidationError("--window must be at least 1") }
        if let format, TabularFormat(rawValue: format.lowercased()) == nil, !JSONLinesReplay.handles(path: file, format: format) {
            throw ValidationError("--format must be csv, arff or jsonl, not '\(format)'")
        }
    }

    func run() async throws {
        let started = ContinuousClock.now
        let spec: ModelSpec
        do {
            let environment = ProcessInfo.processInfo.environment
            try ConfigurationKeyReader.checkUnknownKeys(
                in: environment, known: ModelSpec.keys.map(\.name),
                otherComponents: ConfigurationKeyReader.keysOfOtherComponents,
                otherPrefixes: ConfigurationKeyReader.prefixesOfOtherComponents)
            spec = try ModelSpec(config: ConfigReader(provider: EnvironmentVariablesProvider(environmentVariables: environment)))
        } catch let error as ConfigurationKeyError {
            printError(error.description)
            throw ExitCode(ConfigurationKeyError.exitCode)
        }
        if !FileManager.default.fileExists(atPath: file) {
            guard let servers = (brokers ?? ProcessInfo.processInfo.environment["EDDY_BROKERS"]).flatMap({ $0.isEmpty ? nil : $0 }) else {
                printError("'\(file)' is not a file; to replay a topic, give --brokers or set EDDY_BROKERS")
                throw ExitCode(66) // EX_NOINPUT
            }
            return try await runTopic(spec: spec, brokers: servers, started: started)
        }
        if JSONLinesReplay.handles(path: file, format: format) {
            return try runJSONLines(spec: spec, started: started)
        }
        if parseOnly {
            do {
                let (rows, seconds) = try Replay.parse(path: file, format: format.flatMap { TabularFormat(rawValue: $0.lowercased()) }, target: target)
                print("parsed \(rows.formatted()) rows in \(String(format: "%.3f", seconds)) s: \(Int((Double(rows) / seconds).rounded()).formatted()) rows/s")
                return
            } catch let error as FeatureExtractionError {
                printError(error.description)
                throw ExitCode(65)
            }
        }
        var options = ReplayOptions(path: file)
        options.format = format.flatMap { TabularFormat(rawValue: $0.lowercased()) }
        options.target = target
        options.classes = classes.map { $0.split(separator: ",").map { String($0) } }
        options.sampleEvery = sampleEvery
        options.window = window
        options.startedAt = started
        let summary: ReplaySummary
        do {
            let quiet = self.quiet
            summary = try Replay.run(spec: spec, options: options) { snapshot in
                if !quiet { print(ReplayReport.progressLine(snapshot)) }
            }
        } catch let error as ConfigurationKeyError {
            printError(error.description)
            throw ExitCode(ConfigurationKeyError.exitCode)
        } catch let error as FeatureExtractionError {
            printError(error.description)
            throw ExitCode(65) // EX_DATAERR
        }
        if let report { try ReplayReport.write(summary, to: report) }
        print(ReplayReport.table(summary))
    }

    /// The JSON-lines branch: the file goes through ``PartitionPipeline`` (`JSONLinesReplay`).
    private func runJSONLines(spec: ModelSpec, started: ContinuousClock.Instant) throws {
        var options = pipelineOptions(started: started)
        options.labelsPath = labels
        options.labelLag = max(0, labelLag)
        let quiet = self.quiet
        try runPipeline { configuration in
            try JSONLinesReplay.run(spec: spec, configuration: configuration, options: options) { snapshot in
                if !quiet { print(ReplayReport.progressLine(snapshot)) }
            }
        }
    }

    /// The topic branch: the recorded topic (and labels topic) go through ``PartitionPipeline`` in timestamp order.
    private func runTopic(spec: ModelSpec, brokers: String, started: ContinuousClock.Instant) async throws {
        let properties = KafkaProperties(settings: ProcessInfo.processInfo.environment).consumer
        let events: [InputRecord]
        var labelRecords: [InputRecord] = []
        do {
            events = try await RecordedTopic.read(topic: file, brokers: brokers, properties: properties)
            if let labels { labelRecords = try await RecordedTopic.read(topic: labels, brokers: brokers, properties: properties) }
        } catch {
            printError("cannot read the topic: \(error)")
            throw ExitCode(66) // EX_NOINPUT
        }
        guard !events.isEmpty else {
            printError("the topic '\(file)' holds no records")
            throw ExitCode(66)
        }
        let options = pipelineOptions(started: started)
        let quiet = self.quiet
        try runPipeline { configuration in
            try JSONLinesReplay.run(spec: spec, configuration: configuration, events: events, labels: labelRecords,
                                    options: options) { snapshot in
                if !quiet { print(ReplayReport.progressLine(snapshot)) }
            }
        }
    }

    /// The options the file and topic branches share.
    private func pipelineOptions(started: ContinuousClock.Instant) -> JSONLinesReplayOptions {
        var options = JSONLinesReplayOptions(path: file)
        options.reportDirectory = report
        options.sampleEvery = sampleEvery
        options.startedAt = started
        return options
    }

    /// Reads the pipeline settings, runs `replay` with them and prints its results; bad settings exit 78,
    /// unusable data 65.
    private func runPipeline(_ replay: (PipelineConfiguration) throws -> JSONLinesReplayResult) throws {
        let result: JSONLinesReplayResult
        do {
            var configuration = try PipelineConfiguration(config: ConfigReader(provider: EnvironmentVariablesProvider(
                environmentVariables: ProcessInfo.processInfo.environment)))
            if let target { configuration.labelField = target }
            if let window { configuration.metricsWindow = window }
            result = try replay(configuration)
        } catch let error as ConfigurationKeyError {
            printError(error.description)
            throw ExitCode(ConfigurationKeyError.exitCode)
        } catch let error as FeatureExtractionError {
            printError(error.description)
            throw ExitCode(65) // EX_DATAERR
        } catch let error as PipelineError {
            printError(error.description)
            throw ExitCode(65)
        }
        print(ReplayReport.table(result.summary))
        let m = result.metrics
        print("events \(m.counters.eventsIn.formatted()), dead letters \(m.counters.deadLetters.formatted()), drift events \(m.counters.driftEvents.values.reduce(0, +)), label joins \(m.labelJoin.joined.formatted())")
        print("pipeline \(String(format: "%.3f", result.pipelineSeconds)) s: \(Int(result.eventsPerSecond.rounded()).formatted()) events/s; \(String(format: "%.3f", result.pipelineCPUSeconds)) CPU s: \(Int(result.eventsPerCPUSecond.rounded()).formatted()) events/CPU-s")
    }

    private func printError(_ message: String) {
        FileHandle.standardError.write(Data("eddy replay: \(message)\n".utf8))
    }
}
