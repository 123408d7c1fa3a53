import ArgumentParser

/// The `eddy` command line: bootstraps and runs one of Eddy's commands.
@main
struct Eddy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eddy",
        abstract: "A streaming online-learning processor for Kafka topics.",
        subcommands: [RunCommand.self, ConfigCommand.self, ReplayCommand.self, DemoCommand.self, BrokerCommand.self, SchemaCommand.self]
    )
}
