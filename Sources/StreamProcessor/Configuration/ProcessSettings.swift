import Configuration

/// Every setting of one `eddy run` process, read and checked at start-up: the runtime's, the pipeline's,
/// the model's and the librdkafka pass-through.
///
/// Reading stops at the first problem, with a ``ConfigurationKeyError`` that names the key and what it
/// accepts: an `EDDY_` variable no component reads, then each component's values in turn. The command
/// line turns it into exit code 78.
public struct ProcessSettings: Sendable {
    /// `eddy run`'s own settings.
    public var runtime: RuntimeConfiguration
    /// The pipeline's settings.
    public var pipeline: PipelineConfiguration
    /// The model and its hyperparameters.
    public var model: ModelSpec
    /// librdkafka properties from `EDDY_KAFKA_` variables.
    public var kafka: KafkaProperties

    /// Reads and checks every setting.
    /// - Parameter sources: flags and environment.
    /// - Throws: ``ConfigurationKeyError`` for an unknown `EDDY_` key or the first bad value.
    public init(sources: SettingsSources) throws {
        try SettingsRegistry.checkUnknownKeys(in: sources.merged)
        let reader = sources.reader
        runtime = try RuntimeConfiguration(config: reader)
        pipeline = try PipelineConfiguration(config: reader)
        model = try ModelSpec(config: reader)
        kafka = KafkaProperties(settings: sources.merged)
    }
}
