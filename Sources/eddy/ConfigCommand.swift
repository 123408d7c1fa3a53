import ArgumentParser
import Foundation
import StreamProcessor

/// `eddy config`: every setting with its type, default, current value and source, secrets redacted.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "List every EDDY_ setting: type, default, current value and source (flag, env, default).",
        discussion: """
            Secrets (passwords, keys, sasl.* pass-throughs) show <redacted>. The settings are then checked as \
            `eddy run` would: an unknown EDDY_ variable or a bad value is reported and the exit status is 78.
            """
    )

    @OptionGroup var options: SettingsOptions

    func run() throws {
        let sources = SettingsSources(environment: ProcessInfo.processInfo.environment, flags: options.flags)
        print(sources.table)
        do {
            _ = try ProcessSettings(sources: sources)
        } catch let error as ConfigurationKeyError {
            FileHandle.standardError.write(Data("eddy config: \(error.description)\n".utf8))
            throw ExitCode(ConfigurationKeyError.exitCode)
        }
    }
}
