/// A notification from the consumer other than a message: rebalances, failed commits, client errors.
///
/// librdkafka raises these inside ``KafkaConsumer/poll(maxMessages:timeout:)``; the consumer applies the
/// assignment change itself (eager or incremental, whichever the group protocol uses) and buffers the event.
/// Drain them with ``KafkaConsumer/events()`` after each poll, before using the messages' partitions.
public enum KafkaConsumerEvent: Sendable, Hashable {
    /// These partitions were added to this consumer's assignment (all of them for eager rebalancing; only
    /// the new ones for cooperative-sticky).
    case partitionsAssigned([KafkaTopicPartition])
    /// These partitions were taken away in an orderly rebalance; with auto-commit on, their stored offsets
    /// were committed first.
    case partitionsRevoked([KafkaTopicPartition])
    /// These partitions were lost (session timed out, fenced): another member may already own them and
    /// their offsets could not be committed.
    case partitionsLost([KafkaTopicPartition])
    /// An offset commit (automatic or ``KafkaConsumer/commitAsync(_:)``) failed.
    case commitFailed(KafkaError)
    /// librdkafka reported an error (most are transient and retried internally; see `isFatal`).
    case error(KafkaError)
}
