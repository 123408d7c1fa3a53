import FeatureExtraction
import Foundation

/// Finds the data dictionary a pipeline starts from: the `EDDY_SCHEMA` file, or one inferred from the first
/// `EDDY_SCHEMA_INFER_EVENTS` events, which are kept and handed back so that they are processed too.
///
/// The model cannot be built before its header is known, so the runtime (or `eddy replay`) offers records
/// here until ``dictionary`` is set, then builds the pipeline (``PipelineFactory``) and processes
/// ``takeBuffered()`` before the records that follow. Inference is ``SchemaInference``'s; log the result and
/// write ``DataDictionary/jsonString()`` beside the state so a person can pin it (design.md §4).
public struct SchemaBootstrap: Sendable {
    /// The dictionary, once known.
    public private(set) var dictionary: DataDictionary?
    /// Whether the dictionary was inferred (rather than read from a file).
    public let inferred: Bool
    /// How many valid events the inference waits for.
    public let eventsToInfer: Int
    private var inference: SchemaInference
    private var buffered: [InputRecord] = []

    /// Prepares the bootstrap: reads the schema file when the configuration names one.
    /// - Parameter configuration: the pipeline settings (schema path, field roles, events to infer from).
    /// - Throws: ``FeatureExtractionError`` when the schema file cannot be read or is invalid.
    public init(configuration: PipelineConfiguration) throws {
        var c = SchemaInference.Configuration()
        c.idField = configuration.idField
        c.labelField = configuration.labelField
        c.timeField = configuration.timeField
        inference = try SchemaInference(configuration: c)
        eventsToInfer = configuration.schemaInferEvents
        if let path = configuration.schemaPath {
            dictionary = try DataDictionary.load(contentsOf: URL(fileURLWithPath: path))
            inferred = false
        } else {
            inferred = true
        }
    }

    /// Offers one record while the dictionary is unknown; it is kept for processing later.
    ///
    /// Records that are not JSON objects are kept too (they become dead letters later) but do not count
    /// towards the events to infer from; after ten times that many records the dictionary is inferred from
    /// whatever valid events were seen, so a stream of garbage cannot grow the buffer without bound.
    /// - Parameter record: the record.
    /// - Returns: true when the dictionary is known (after this record).
    /// - Throws: ``FeatureExtractionError`` (`inference_failed`) when it is time to infer and nothing usable
    ///   was seen.
    public mutating func offer(_ record: InputRecord) throws -> Bool {
        guard dictionary == nil else { return true }
        buffered.append(record)
        if let value = record.value { _ = inference.observe(value) }
        if inference.eventCount >= eventsToInfer || buffered.count >= 10 * eventsToInfer {
            dictionary = try inference.dictionary()
        }
        return dictionary != nil
    }

    /// Infers the dictionary now from what was offered (at the end of a short file, or when the input is idle).
    /// - Returns: the dictionary.
    /// - Throws: ``FeatureExtractionError`` (`inference_failed`) when no usable event was offered.
    public mutating func finish() throws -> DataDictionary {
        if let dictionary { return dictionary }
        let d = try inference.dictionary()
        dictionary = d
        return d
    }

    /// Returns the records offered so far, in order, and forgets them.
    public mutating func takeBuffered() -> [InputRecord] {
        defer { buffered = [] }
        return buffered
    }
}
