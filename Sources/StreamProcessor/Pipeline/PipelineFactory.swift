import FeatureExtraction
import OnlineLearning

/// Receives a pipeline built for the configured model, as its concrete type, so that the loop run on it (the
/// Kafka runtime's, `eddy replay`'s) is specialised for that model.
public protocol PipelineVisitor {
    /// What the visit produces.
    associatedtype Output

    /// Runs on the new pipeline.
    /// - Parameter pipeline: an untrained pipeline; ``PartitionPipeline/fresh(topic:partition:)`` makes more
    ///   of the same type for other partitions.
    /// - Throws: whatever the visit throws.
    func visit<Model: ExplainingClassifier>(_ pipeline: PartitionPipeline<Model>) throws -> Output
}

/// Builds a ``PartitionPipeline`` for the model a ``ModelSpec`` describes: one switch in ``ModelFactory``,
/// then everything downstream is generic over the concrete model.
public enum PipelineFactory {
    /// Builds the pipeline and runs `visitor` on it.
    /// - Parameters:
    ///   - spec: the model.
    ///   - dictionary: the data dictionary (its header is the model's).
    ///   - topic: the input topic (or file).
    ///   - partition: the input partition.
    ///   - configuration: the pipeline settings.
    ///   - clock: processing time in seconds; nil for the continuous clock.
    ///   - visitor: what to run on the pipeline.
    /// - Throws: ``ConfigurationKeyError`` for a model setting the learner rejects; ``PipelineError`` when
    ///   the dictionary cannot drive a classifier; whatever the visitor throws.
    public static func build<V: PipelineVisitor>(
        spec: ModelSpec, dictionary: DataDictionary, topic: String, partition: Int32 = 0,
        configuration: PipelineConfiguration = .init(), clock: (@Sendable () -> Double)? = nil, visitor: V
    ) throws -> V.Output {
        let header = dictionary.header
        guard header.classCount > 0 else {
            throw PipelineError(code: "no_classes", message: "the data dictionary declares no label classes; a classifier needs them")
        }
        return try ModelFactory.build(spec, header: header, visitor: Builder(
            dictionary: dictionary, topic: topic, partition: partition, configuration: configuration, clock: clock, visitor: visitor))
    }

    struct Builder<V: PipelineVisitor>: ModelVisitor {
        let dictionary: DataDictionary
        let topic: String
        let partition: Int32
        let configuration: PipelineConfiguration
        let clock: (@Sendable () -> Double)?
        let visitor: V

        func visit<C: ExplainingClassifier>(_ model: C, step: TestThenTrain<C>) throws -> V.Output {
            try visitor.visit(PartitionPipeline(model: model, dictionary: dictionary, topic: topic, partition: partition,
                                                configuration: configuration, clock: clock))
        }
    }
}

extension PartitionPipeline {
    /// A new, untrained pipeline of the same model type, dictionary and settings for another partition.
    /// - Parameters:
    ///   - topic: the input topic.
    ///   - partition: the input partition.
    /// - Throws: ``PipelineError`` or ``ConfigurationKeyError`` as ``init(model:dictionary:topic:partition:configuration:clock:)``.
    public func fresh(topic: String, partition: Int32) throws -> PartitionPipeline<Model> {
        try PartitionPipeline(model: prototype, dictionary: extractor.dictionary, topic: topic, partition: partition,
                              configuration: configuration, clock: now)
    }
}
