/// One record read from a Kafka partition.
///
/// Key and value are copied once out of librdkafka's buffer when the batch is polled, so a message is an
/// ordinary value that outlives the consumer. A `nil` ``value`` is a *tombstone* (on compacted topics it
/// deletes the key); it is a normal message, never an error.
public struct KafkaMessage: Sendable, Hashable {
    /// The topic the message was read from.
    public var topic: String
    /// The partition within ``topic``.
    public var partition: Int32
    /// The message's offset within its partition.
    public var offset: Int64
    /// The key bytes, or `nil` when the message has no key.
    public var key: [UInt8]?
    /// The value bytes, or `nil` for a tombstone.
    public var value: [UInt8]?
    /// The headers in the order they were written (names may repeat).
    public var headers: [KafkaHeader]
    /// When the record was created or appended, if the broker reported it.
    public var timestamp: KafkaTimestamp?

    /// Creates a message (tests and replays build them directly; the consumer builds them from librdkafka).
    ///
    /// - Parameters:
    ///   - topic: the topic name.
    ///   - partition: the partition number.
    ///   - offset: the offset within the partition.
    ///   - key: the key bytes, if any.
    ///   - value: the value bytes, or `nil` for a tombstone.
    ///   - headers: the record headers.
    ///   - timestamp: the record timestamp, if known.
    public init(
        topic: String, partition: Int32, offset: Int64, key: [UInt8]? = nil, value: [UInt8]?,
        headers: [KafkaHeader] = [], timestamp: KafkaTimestamp? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
    }

    /// Whether this message is a tombstone (it has no value).
    public var isTombstone: Bool { value == nil }

    /// The value of the first header called `name`, if present.
    ///
    /// - Parameter name: the header name (case-sensitive).
    public func header(_ name: String) -> [UInt8]? {
        headers.first { $0.name == name }?.value
    }
}

/// A Kafka record header: a name and optional bytes.
public struct KafkaHeader: Sendable, Hashable {
    /// The header name.
    public var name: String
    /// The header bytes; `nil` is a header without a value (distinct from an empty value).
    public var value: [UInt8]?

    /// Creates a header from bytes.
    ///
    /// - Parameters:
    ///   - name: the header name.
    ///   - value: the bytes, or `nil` for a header without a value.
    public init(name: String, value: [UInt8]?) {
        self.name = name
        self.value = value
    }

    /// Creates a header whose value is the UTF-8 bytes of a string.
    ///
    /// - Parameters:
    ///   - name: the header name.
    ///   - string: the value, stored as UTF-8.
    public init(name: String, string: String) {
        self.init(name: name, value: Array(string.utf8))
    }
}

/// A record timestamp in milliseconds since the Unix epoch, with who set it.
public struct KafkaTimestamp: Sendable, Hashable {
    /// Who assigned the timestamp.
    public enum Kind: Sendable, Hashable {
        /// The producer set it when creating the record (`CreateTime`).
        case createTime
        /// The broker set it when appending the record (`LogAppendTime`).
        case logAppendTime
    }

    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var milliseconds: Int64
    /// Who assigned the timestamp.
    public var kind: Kind

    /// Creates a timestamp.
    ///
    /// - Parameters:
    ///   - milliseconds: milliseconds since the Unix epoch.
    ///   - kind: who assigned it (default: the producer).
    public init(milliseconds: Int64, kind: Kind = .createTime) {
        self.milliseconds = milliseconds
        self.kind = kind
    }
}
