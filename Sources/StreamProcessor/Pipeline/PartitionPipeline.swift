import FeatureExtraction
import OnlineLearning

/// The heart of Eddy for one input partition: bytes in, predictions, drift events and dead letters out,
/// learning whenever a label is known (design.md §1).
///
/// For each record: decode → validate → extract features (``FeatureExtractor``) → predict (the model; while
/// it is untrained the backup model answers and the record says `fallback`) → when the event carries its
/// label, score the prediction (``PrequentialEvaluator``) and learn (test-then-train, Gama, Sebastião &
/// Rodrigues 2013); otherwise remember it in the ``LabelJoinStore`` for a late label → feed the 0/1 error to
/// the concept-drift detector (``ConceptDriftMonitor``), which may emit a drift event and reset the model →
/// emit the prediction record. A refused record becomes a dead letter with its original bytes. The event time
/// is the dictionary's time field, else the record's timestamp.
///
/// It knows nothing of Kafka: the runtime maps messages to ``InputRecord``s, calls ``process(_:into:)`` per
/// batch and ``processLabels(_:into:)`` for the labels topic, and publishes the ``OutputRecord``s in order.
/// It is a value type with no locks: one task owns one partition's pipeline. It is generic over its model so
/// the per-event calls are specialised; build one for the configured model with ``PipelineFactory`` and a
/// ``PipelineVisitor`` (one switch at start-up, then everything is concrete):
/// ```swift
/// struct Run: PipelineVisitor {
///     func visit<M: ExplainingClassifier>(_ pipeline: PartitionPipeline<M>) throws -> Int {
///         var pipeline = pipeline            // more partitions: try pipeline.fresh(topic:partition:)
///         var outputs: [OutputRecord] = []
///         pipeline.process(batch, into: &outputs)   // publish outputs, then commit the batch's offsets
///         return outputs.count
///     }
/// }
/// let n = try PipelineFactory.build(spec: spec, dictionary: dictionary, topic: "events", partition: 0,
///                                   configuration: configuration, visitor: Run())
/// ```
public struct PartitionPipeline<Model: ExplainingClassifier>: Sendable {
    /// The settings.
    public let configuration: PipelineConfiguration
    /// The input topic (or file) this pipeline serves.
    public let topic: String
    /// The input partition this pipeline serves.
    public let partition: Int32
    /// The model.
    public internal(set) var model: Model
    /// The model version: bumped on every drift reset (and by the runtime on restore).
    public var modelVersion = 0
    /// The feature extractor (its dictionary, header and validation counters).
    public internal(set) var extractor: FeatureExtractor
    /// The label join store.
    public internal(set) var labelStore: LabelJoinStore
    /// The counters.
    public internal(set) var counters: PipelineCounters

    /// The prequential evaluator of every scored prediction (its window is ``PipelineConfiguration/metricsWindow``).
    public internal(set) var evaluator: PrequentialEvaluator

    let prototype: Model
    var majority: MajorityClass
    var noChange: NoChange
    var monitor: ConceptDriftMonitor
    var labelDecoder: LabelDecoder
    let now: @Sendable () -> Double
    let encoder: PredictionEncoder
    var event = ExtractedEvent(instance: Instance([]))
    var prediction = Prediction()
    var writer = JSONWriter()
    /// The smallest and largest offsets scored since the last drift, and how many.
    var segment: (from: Int64, to: Int64, count: Int)?
    /// Ids of the events remembered for a late label since the runtime last took them, collected only while
    /// the runtime holds labels that came before their event (``PartitionRouter``); nil otherwise.
    var rememberedIDs: [String]?

    /// Creates a pipeline.
    /// - Parameters:
    ///   - model: the untrained model (kept as the prototype that a drift reset restores).
    ///   - dictionary: the data dictionary; its header must be the model's.
    ///   - topic: the input topic (or file name).
    ///   - partition: the input partition.
    ///   - configuration: the settings.
    ///   - clock: processing time in seconds (monotonic) for latency and the label TTL; a default reads the
    ///     continuous clock. Tests pass their own.
    /// - Throws: ``PipelineError`` when the dictionary has no classes or the model was built for another
    ///   header; ``ConfigurationKeyError`` when a setting is out of range.
    public init(
        model: Model, dictionary: DataDictionary, topic: String, partition: Int32 = 0,
        configuration: PipelineConfiguration = .init(), clock: (@Sendable () -> Double)? = nil
    ) throws {
        do { extractor = try FeatureExtractor(dictionary: dictionary) } catch {
            throw PipelineError(code: "invalid_dictionary", message: error.description)
        }
        let header = extractor.header
        guard header.classCount > 0 else {
            throw PipelineError(code: "no_classes", message: "the data dictionary declares no label classes; a classifier needs them")
        }
        guard model.header == header else {
            throw PipelineError(code: "header_mismatch", message: "the model was built for \(model.header.attributeCount) attributes and classes \(model.header.classes), the data dictionary gives \(header.attributeCount) and \(header.classes)")
        }
        self.configuration = configuration
        self.topic = topic
        self.partition = partition
        self.model = model
        prototype = model
        majority = MajorityClass(header: header)
        noChange = NoChange(header: header)
        do {
            evaluator = try PrequentialEvaluator(classCount: header.classCount, windowSize: configuration.metricsWindow)
        } catch {
            throw ConfigurationKeyError(key: "EDDY_METRICS_WINDOW", value: "\(configuration.metricsWindow)", accepted: "an integer ≥ 1")
        }
        do { monitor = try ConceptDriftMonitor(kind: configuration.driftDetector, threshold: configuration.driftThreshold) } catch let e as ConfigurationError {
            throw ConfigurationKeyError(key: "EDDY_DRIFT_THRESHOLD", value: e.value, accepted: "for \(configuration.driftDetector.rawValue), \(e.accepted)")
        }
        do { labelStore = try LabelJoinStore(capacity: configuration.labelJoinMax, ttl: configuration.labelTTL) } catch {
            throw ConfigurationKeyError(key: "EDDY_LABEL_TTL", value: "\(configuration.labelTTL)", accepted: "a positive duration, with EDDY_LABEL_JOIN_MAX ≥ 0")
        }
        labelDecoder = LabelDecoder(classes: header.classes, limits: dictionary.limits)
        counters = PipelineCounters(latencySamples: configuration.latencySamples)
        encoder = PredictionEncoder(topic: topic, partition: partition, classes: header.classes)
        if let clock {
            now = clock
        } else {
            let origin = ContinuousClock.now
            now = {
                let d = origin.duration(to: .now).components
                return Double(d.seconds) + Double(d.attoseconds) * 1e-18
            }
        }
    }

    /// The stream's schema (the model's header).
    public var header: Header { extractor.header }

    /// Processes a batch of input records, returning their outputs in input order.
    /// - Parameter batch: the records, in offset order.
    /// - Returns: one prediction or dead letter per record, plus any drift events, in order.
    public mutating func process(_ batch: [InputRecord]) -> [OutputRecord] {
        var outputs: [OutputRecord] = []
        outputs.reserveCapacity(batch.count)
        process(batch, into: &outputs)
        return outputs
    }

    /// Processes a batch of input records, appending their outputs in input order to `outputs` (which the
    /// caller may clear and reuse between batches).
    /// - Parameters:
    ///   - batch: the records, in offset order.
    ///   - outputs: receives one prediction or dead letter per record, plus any drift events.
    public mutating func process(_ batch: [InputRecord], into outputs: inout [OutputRecord]) {
        for record in batch { process(record, into: &outputs) }
    }

    /// Processes one input record.
    /// - Parameters:
    ///   - record: the record.
    ///   - outputs: receives its prediction or dead letter, and any drift event.
    public mutating func process(_ record: InputRecord, into outputs: inout [OutputRecord]) {
        counters.eventsIn += 1
        let start = now()
        guard let value = record.value else {
            counters.tombstones += 1
            deadLetter(record, reason: PartitionPipelineReason.tombstone, field: nil,
                       message: "the record has a null value (a tombstone); expected a JSON event", into: &outputs)
            return
        }
        if let rejection = value.withUnsafeBytes({ extractor.extract($0, into: &event) }) {
            deadLetter(record, reason: rejection.reason.rawValue, field: rejection.field, message: rejection.message, into: &outputs)
            return
        }
        let x = event.instance
        let version = modelVersion
        // Without an event-time field, the record's own timestamp (Kafka's create time) stands in.
        let eventTime = event.eventTime ?? record.timestamp.map { Double($0) / 1000 }
        var fallback: BackupModelKind?
        var explanation: Model.Explanation?
        if model.trainingWeight > 0 {
            explanation = model.explain(x, into: &prediction)
        } else {
            fallback = configuration.backupModel
            backupExplain(x)
            counters.fallbacks += 1
        }
        if prediction.abstained { counters.abstentions += 1 }
        if let label = event.label {
            let reset = score(truth: label, predicted: prediction.predictedClass, abstained: prediction.abstained,
                              offset: record.offset, eventTime: eventTime, into: &outputs)
            if let explanation, !reset {
                model.learn(x, label: label, after: explanation)
            } else {
                model.learn(x, label: label, weight: 1)
            }
            learnBackups(x, label: label)
        } else if let id = event.id, configuration.labelJoinMax > 0 {
            labelStore.remember(id: id, LabelJoinStore.Entry(
                instance: x, predictedClass: prediction.predictedClass, abstained: prediction.abstained,
                fallback: fallback != nil, offset: record.offset, eventTime: eventTime, arrival: start,
                modelVersion: version))
            rememberedIDs?.append(id)
        }
        let latency = (now() - start) * 1000
        counters.latency.add(latency)
        encoder.write(id: event.id, offset: record.offset, prediction: prediction, fallback: fallback,
                      modelVersion: version, latencyMilliseconds: latency, eventTime: eventTime, into: &writer)
        let key = record.key ?? event.id.map { Array($0.utf8) }
        outputs.append(OutputRecord(destination: .predictions, key: key, value: writer.bytes, sourceOffset: record.offset))
        counters.predictionsOut += 1
    }

    /// The backup model's answer, written into ``prediction``.
    mutating func backupExplain(_ x: Instance) {
        switch configuration.backupModel {
        case .majority: prediction.probabilities = majority.probabilities(for: x)
        case .noChange: prediction.probabilities = noChange.probabilities(for: x)
        }
        prediction.predictedClass = argmax(prediction.probabilities)
        prediction.abstained = false
        prediction.threshold = nil
    }

    /// Trains the backup model (it keeps learning so that it is ready after a drift reset).
    mutating func learnBackups(_ x: Instance, label: Int) {
        switch configuration.backupModel {
        case .majority: majority.learn(x, label: label, weight: 1)
        case .noChange: noChange.learn(x, label: label, weight: 1)
        }
    }
}
