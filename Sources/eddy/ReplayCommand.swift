import ArgumentParser
import Configuration
import FeatureExtraction
import Foundation
import StreamProcessor

/// `eddy replay FILE`: prequential evaluation of the configured model on a labelled file.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a labelled CSV or ARFF file through the configured model (test-then-train).",
        discussion: """
            Every instance is predicted, scored, then learned (prequential evaluation, as MOA's \
            EvaluatePrequential). The model comes from EDDY_ environment variables; a bad value or an unknown \
            EDDY_ key stops with a message and exit code 78. --report DIR writes summary.json (accuracy, kappa, \
            kappa_m and kappa_t in percent as in MOA, abstention_rate as a fraction, seconds including start-up \
            and parsing, instances_per_second, model, config) and curve.csv (one row per snapshot).

            Keys:
            \(ModelSpec.helpTable)
            """
    )

    @Argument(help: "The labelled file (.csv with a header row, or .arff).")
    var file: String

    @Option(help: "The class column (CSV) or attribute (ARFF); the last one by default.")
    var target: String?

    @Option(help: "The class labels in index order, comma-separated (CSV; default: the sorted distinct values).")
    var classes: String?

    @Option(help: "The file format: csv or arff (default: from the extension).")
    var format: String?

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
        if let format, TabularFormat(rawValue: format.lowercased()) == nil {
            throw ValidationError("--format must be csv or arff, not '\(format)'")
        }
    }

    func run() throws {
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

    private func printError(_ message: String) {
        FileHandle.standardError.write(Data("eddy replay: \(message)\n".utf8))
    }
}
