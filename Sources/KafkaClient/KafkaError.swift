/// Placeholder replaced by the Kafka layer (issue 2).
public struct KafkaError: Error, Sendable {}
