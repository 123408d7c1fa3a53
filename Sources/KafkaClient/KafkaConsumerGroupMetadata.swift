/// A snapshot of a consumer's group membership (group id, generation, member id) for transactions.
///
/// Pass it to ``KafkaProducer/sendOffsetsToTransaction(_:groupMetadata:timeout:)`` so the broker commits the
/// consumed offsets atomically with the produced messages and fences zombie members of older generations.
/// Obtain it from ``KafkaConsumer/groupMetadata()`` right before sending the offsets.
public struct KafkaConsumerGroupMetadata: Sendable {
    let handle: RDKafkaGroupMetadata
}
