/// A record to produce: destination, key, value, headers and an optional timestamp.
public struct KafkaProducerMessage: Sendable, Hashable {
    /// The destination topic.
    public var topic: String
    /// The destination partition, or `nil` to let the configured partitioner choose (by key hash when keyed).
    public var partition: Int32?
    /// The key bytes, if any.
    public var key: [UInt8]?
    /// The value bytes, or `nil` to produce a tombstone.
    public var value: [UInt8]?
    /// Headers to attach.
    public var headers: [KafkaHeader]
    /// The record's `CreateTime` in milliseconds since the epoch, or `nil` for "now".
    public var timestamp: Int64?

    /// Creates a record to produce.
    ///
    /// - Parameters:
    ///   - topic: the destination topic.
    ///   - partition: a fixed partition, or `nil` for the partitioner.
    ///   - key: the key bytes, if any.
    ///   - value: the value bytes, or `nil` for a tombstone.
    ///   - headers: headers to attach.
    ///   - timestamp: the record's create time in milliseconds, or `nil` for the current time.
    public init(
        topic: String, partition: Int32? = nil, key: [UInt8]? = nil, value: [UInt8]?,
        headers: [KafkaHeader] = [], timestamp: Int64? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
    }

    /// Creates a record whose key and value are UTF-8 strings.
    ///
    /// - Parameters:
    ///   - topic: the destination topic.
    ///   - partition: a fixed partition, or `nil` for the partitioner.
    ///   - key: the key, stored as UTF-8.
    ///   - value: the value, stored as UTF-8.
    ///   - headers: headers to attach.
    ///   - timestamp: the record's create time in milliseconds, or `nil` for the current time.
    public init(
        topic: String, partition: Int32? = nil, key: String?, value: String,
        headers: [KafkaHeader] = [], timestamp: Int64? = nil
    ) {
        self.init(
            topic: topic, partition: partition, key: key.map { Array($0.utf8) }, value: Array(value.utf8),
            headers: headers, timestamp: timestamp)
    }
}
