/// A partition of a topic: the unit of assignment, pausing and offsets.
public struct KafkaTopicPartition: Sendable, Hashable, CustomStringConvertible {
    /// The topic name.
    public var topic: String
    /// The partition number.
    public var partition: Int32

    /// Creates a topic-partition.
    ///
    /// - Parameters:
    ///   - topic: the topic name.
    ///   - partition: the partition number.
    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    /// `topic[partition]`.
    public var description: String { "\(topic)[\(partition)]" }
}

/// A partition with an offset: a position to start from, to commit, or to seek to.
///
/// Committed offsets follow Kafka's convention: the offset of the *next* message to read (last processed + 1).
public struct KafkaTopicPartitionOffset: Sendable, Hashable, CustomStringConvertible {
    /// The topic name.
    public var topic: String
    /// The partition number.
    public var partition: Int32
    /// The offset, or one of the logical offsets ``beginning``, ``end``, ``stored``, ``invalid``.
    public var offset: Int64

    /// The earliest retained offset (librdkafka's `RD_KAFKA_OFFSET_BEGINNING`).
    public static let beginning: Int64 = -2
    /// The next offset to be written (librdkafka's `RD_KAFKA_OFFSET_END`).
    public static let end: Int64 = -1
    /// The group's committed offset (librdkafka's `RD_KAFKA_OFFSET_STORED`).
    public static let stored: Int64 = -1000
    /// No offset (librdkafka's `RD_KAFKA_OFFSET_INVALID`), e.g. nothing committed yet.
    public static let invalid: Int64 = -1001

    /// Creates a partition offset.
    ///
    /// - Parameters:
    ///   - topic: the topic name.
    ///   - partition: the partition number.
    ///   - offset: an absolute offset or a logical one.
    public init(topic: String, partition: Int32, offset: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }

    /// The partition without the offset.
    public var topicPartition: KafkaTopicPartition { KafkaTopicPartition(topic: topic, partition: partition) }

    /// `topic[partition]@offset`.
    public var description: String { "\(topic)[\(partition)]@\(offset)" }
}
