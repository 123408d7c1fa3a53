import ArgumentParser
import Configuration
import FeatureExtraction
import Foundation
import StreamProcessor

/// `eddy schema`: work with data dictionaries.
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Work with data dictionaries (EDDY_SCHEMA).",
        subcommands: [Infer.self]
    )

    /// `eddy schema infer FILE|TOPIC`: print the dictionary Eddy would infer.
    struct Infer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "infer",
            abstract: "Print the data dictionary inferred from the first events of a JSON-lines file or a topic.",
            discussion: """
                SOURCE is a JSON-lines file when such a file exists, otherwise a topic read from the beginning \
                (bootstrap servers from --brokers or EDDY_BROKERS) by a throw-away consumer group that commits \
                nothing. Field roles come from EDDY_ID_FIELD, EDDY_LABEL_FIELD and EDDY_TIME_FIELD (or the flags); \
                the result is the dictionary `eddy run` would infer. Save it and set EDDY_SCHEMA to pin it.
                """
        )

        @Argument(help: "A JSON-lines file of events, or a topic name.")
        var source: String

        @Option(help: "How many events to infer from (default: EDDY_SCHEMA_INFER_EVENTS, else 1000).")
        var events: Int?

        @Option(help: "Bootstrap servers for a topic (default: EDDY_BROKERS).")
        var brokers: String?

        @Option(help: "The event id field (default: EDDY_ID_FIELD, else the usual names).")
        var idField: String?

        @Option(help: "The label field (default: EDDY_LABEL_FIELD, else the usual names).")
        var labelField: String?

        @Option(help: "The event time field (default: EDDY_TIME_FIELD, else the usual names).")
        var timeField: String?

        func validate() throws {
            if let events, events < 1 { throw ValidationError("--events must be at least 1") }
        }

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let reader = ConfigReader(provider: EnvironmentVariablesProvider(environmentVariables: environment))
            var pipeline: PipelineConfiguration
            do {
                pipeline = try PipelineConfiguration(config: reader)
            } catch {
                FileHandle.standardError.write(Data("eddy: \(error)\n".utf8))
                throw ExitCode(78)
            }
            if let idField { pipeline.idField = idField }
            if let labelField { pipeline.labelField = labelField }
            if let timeField { pipeline.timeField = timeField }
            let count = events ?? pipeline.schemaInferEvents
            let inference = SchemaSampler.inferenceConfiguration(pipeline)
            let dictionary: DataDictionary
            if FileManager.default.fileExists(atPath: source) {
                dictionary = try SchemaSampler.infer(file: source, events: count, configuration: inference)
            } else if let servers = brokers ?? environment["EDDY_BROKERS"] {
                dictionary = try await SchemaSampler.infer(
                    topic: source, brokers: servers, events: count, configuration: inference)
            } else {
                throw ValidationError("'\(source)' is not a file; to read a topic, give --brokers or set EDDY_BROKERS")
            }
            print(dictionary.jsonString())
        }
    }
}
