import KafkaClient

extension InputRecord {
    /// The pipeline's view of a consumed Kafka message: its coordinates, key, value, headers and timestamp
    /// (the pipeline layer itself knows no KafkaClient types).
    init(_ message: KafkaMessage) {
        self.init(topic: message.topic, partition: message.partition, offset: message.offset, key: message.key, value: message.value,
                  headers: message.headers.map { RecordHeader(name: $0.name, value: $0.value) }, timestamp: message.timestamp?.milliseconds)
    }
}
