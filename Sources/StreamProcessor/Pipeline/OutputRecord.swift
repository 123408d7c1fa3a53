/// One record the pipeline asks to publish: where it goes, its key, value and headers.
///
/// The Kafka runtime maps ``Destination`` to the configured topic names and each record to a
/// `KafkaProducerMessage`; `eddy replay` writes the values as lines of `predictions.jsonl`,
/// `drift_events.jsonl` and `dead_letters.jsonl`. Outputs of one batch come in input order, so a runtime
/// that acknowledges them before committing the batch's last offset keeps at-least-once delivery.
public struct OutputRecord: Sendable, Hashable {
    /// The output streams of design.md §3.
    public enum Destination: String, Sendable, Hashable, CaseIterable {
        /// One prediction per accepted event (JSON).
        case predictions
        /// One record per detected drift (JSON).
        case drift
        /// The original bytes of every refused record, with the reason in headers.
        case deadLetter = "dead_letter"
    }

    /// The stream this record belongs to.
    public var destination: Destination
    /// The record's key: the input's key for predictions and dead letters (the event id when the input
    /// had none), `topic-partition` for drift events.
    public var key: [UInt8]?
    /// The record's value: JSON for predictions and drift events, the untouched input bytes for dead letters
    /// (nil when the input was a tombstone).
    public var value: [UInt8]?
    /// The record's headers (dead letters: the input's headers followed by the `eddy.*` headers).
    public var headers: [RecordHeader]
    /// The offset of the input record this output derives from (for a drift event, the record that
    /// completed the detection), so that the runtime can relate outputs to offsets to commit.
    public var sourceOffset: Int64

    /// Creates an output record.
    /// - Parameters:
    ///   - destination: the output stream.
    ///   - key: the key bytes.
    ///   - value: the value bytes.
    ///   - headers: the headers.
    ///   - sourceOffset: the input offset it derives from.
    public init(destination: Destination, key: [UInt8]?, value: [UInt8]?, headers: [RecordHeader] = [], sourceOffset: Int64) {
        self.destination = destination
        self.key = key
        self.value = value
        self.headers = headers
        self.sourceOffset = sourceOffset
    }

    /// The value as text (for tests and logs).
    public var valueString: String? { value.map { String(decoding: $0, as: UTF8.self) } }

    /// The value of the first header called `name`, as text.
    /// - Parameter name: the header's name.
    public func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.stringValue
    }
}
