/// One header of a record: a name and optional bytes, as Kafka carries them.
public struct RecordHeader: Sendable, Hashable {
    /// The header's name, such as `eddy.reason`.
    public var name: String
    /// The header's value; nil for a header without a value.
    public var value: [UInt8]?

    /// Creates a header.
    /// - Parameters:
    ///   - name: the header's name.
    ///   - value: its bytes, or nil.
    public init(name: String, value: [UInt8]?) {
        self.name = name
        self.value = value
    }

    /// Creates a header whose value is the UTF-8 encoding of `string`.
    /// - Parameters:
    ///   - name: the header's name.
    ///   - string: its value as text.
    public init(name: String, string: String) {
        self.name = name
        self.value = Array(string.utf8)
    }

    /// The value decoded as UTF-8 (invalid bytes repaired), or nil without a value.
    public var stringValue: String? { value.map { String(decoding: $0, as: UTF8.self) } }
}

/// One record read from an input or labels stream, without any Kafka type in sight.
///
/// The Kafka runtime maps each `KafkaMessage` to one of these (and `eddy replay` builds them from the lines
/// of a file, with the line number as the offset), so that ``PartitionPipeline`` is the same code whatever
/// moves the bytes. The pipeline never keeps a reference to the record after
/// ``PartitionPipeline/process(_:into:)`` returns, except for copying the key and value of a rejected record
/// into its dead letter.
public struct InputRecord: Sendable, Hashable {
    /// The topic (or file) the record came from.
    public var topic: String
    /// The partition within the topic (0 for a file).
    public var partition: Int32
    /// The record's offset in its partition (the line number for a file).
    public var offset: Int64
    /// The record's key, if any; predictions are keyed by it.
    public var key: [UInt8]?
    /// The payload; nil for a tombstone (a Kafka record with a null value).
    public var value: [UInt8]?
    /// The record's headers, in order.
    public var headers: [RecordHeader]
    /// The record's timestamp in milliseconds since the Unix epoch, if the source has one.
    public var timestamp: Int64?

    /// Creates a record.
    /// - Parameters:
    ///   - topic: the source topic or file.
    ///   - partition: the partition (0 for a file).
    ///   - offset: the offset (the line number for a file).
    ///   - key: the key bytes, if any.
    ///   - value: the payload; nil for a tombstone.
    ///   - headers: the headers.
    ///   - timestamp: milliseconds since the Unix epoch, if known.
    public init(
        topic: String, partition: Int32 = 0, offset: Int64, key: [UInt8]? = nil, value: [UInt8]?,
        headers: [RecordHeader] = [], timestamp: Int64? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
    }

    /// True when the record is a tombstone (its value is null).
    public var isTombstone: Bool { value == nil }
}
