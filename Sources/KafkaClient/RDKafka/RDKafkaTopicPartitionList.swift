import Crdkafka

/// Owns one `rd_kafka_topic_partition_list_t` and destroys it in deinit.
final class RDKafkaTopicPartitionList {
    /// The list pointer, valid for the lifetime of this object.
    let pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

    /// Creates an empty list.
    init(capacity: Int = 1) {
        pointer = rd_kafka_topic_partition_list_new(Int32(clamping: max(capacity, 1)))
    }

    /// Takes ownership of a list librdkafka allocated for the caller.
    init(adopting pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) {
        self.pointer = pointer
    }

    /// Creates a list of partitions with offsets.
    convenience init(_ offsets: some Collection<KafkaTopicPartitionOffset>) {
        self.init(capacity: offsets.count)
        for entry in offsets { add(topic: entry.topic, partition: entry.partition, offset: entry.offset) }
    }

    /// Creates a list of partitions (offsets left invalid).
    convenience init(_ partitions: some Collection<KafkaTopicPartition>) {
        self.init(capacity: partitions.count)
        for entry in partitions {
            add(topic: entry.topic, partition: entry.partition, offset: KafkaTopicPartitionOffset.invalid)
        }
    }

    deinit {
        rd_kafka_topic_partition_list_destroy(pointer)
    }

    /// Appends one entry.
    func add(topic: String, partition: Int32, offset: Int64) {
        let element = rd_kafka_topic_partition_list_add(pointer, topic, partition)
        element?.pointee.offset = offset
    }

    /// The entries with their offsets.
    var offsets: [KafkaTopicPartitionOffset] { Self.offsets(in: pointer) }

    /// The first per-partition error in the list, if any.
    func firstError(context: [String: String]) -> KafkaError? {
        Self.firstError(in: pointer, context: context)
    }

    /// Reads the entries of a list librdkafka owns.
    static func offsets(in list: UnsafePointer<rd_kafka_topic_partition_list_t>) -> [KafkaTopicPartitionOffset] {
        let count = Int(list.pointee.cnt)
        guard count > 0, let elements = list.pointee.elems else { return [] }
        return (0..<count).map { index in
            let element = elements[index]
            return KafkaTopicPartitionOffset(
                topic: String(cString: element.topic), partition: element.partition, offset: element.offset)
        }
    }

    /// The first per-partition error in a list librdkafka owns.
    static func firstError(
        in list: UnsafePointer<rd_kafka_topic_partition_list_t>, context: [String: String]
    ) -> KafkaError? {
        let count = Int(list.pointee.cnt)
        guard count > 0, let elements = list.pointee.elems else { return nil }
        for index in 0..<count where elements[index].err != RD_KAFKA_RESP_ERR_NO_ERROR {
            let element = elements[index]
            var where_ = context
            where_[KafkaMetadataKey.topic] = String(cString: element.topic)
            where_[KafkaMetadataKey.partition] = String(element.partition)
            return KafkaError(rdKafka: element.err, context: where_)
        }
        return nil
    }
}
