/// A polled batch whose messages stay in librdkafka's memory: keys, values and headers are read in place.
///
/// ``KafkaConsumer/pollBatch(maxMessages:timeout:)`` returns it. The batch is a cheap value; all copies share
/// one owner, which destroys librdkafka's messages when the last copy is released, so a polled message costs
/// no Swift allocation and its bytes are never copied unless asked: forward them with
/// ``KafkaProducer/send(_:to:)`` (librdkafka copies once, into the new record) or keep them with
/// ``messages()``. Views (``KafkaMessageView``) keep the batch alive; the raw buffers they hand out do not.
///
/// ```swift
/// let batch = try await consumer.pollBatch(maxMessages: 1000, timeout: .milliseconds(100))
/// for message in batch where message.value != nil { histogram.add(message.value!.count) }
/// let ack = await producer.send(batch, to: "copy")
/// try consumer.store(batch)
/// ```
public struct KafkaMessageBatch: Sendable, RandomAccessCollection {
    /// The owner of the messages, or `nil` for an empty batch.
    let storage: RDKafkaMessageBatch?

    init(storage: RDKafkaMessageBatch?) { self.storage = storage }

    /// The index of the first message (always 0).
    public var startIndex: Int { 0 }

    /// One past the index of the last message (the batch's size).
    public var endIndex: Int { storage?.count ?? 0 }

    /// The message at `position`.
    ///
    /// - Parameter position: an index in `0..<count`.
    public subscript(position: Int) -> KafkaMessageView {
        precondition(position >= 0 && position < endIndex, "KafkaMessageBatch index out of range")
        return KafkaMessageView(storage: storage.unsafelyUnwrapped, index: position)
    }

    /// Owning copies of every message (key, value and headers copied into Swift arrays), which outlive the batch.
    public func messages() -> [KafkaMessage] {
        storage?.copies() ?? []
    }
}

/// One message of a ``KafkaMessageBatch``, read in place from librdkafka's memory.
///
/// The view keeps its batch alive. The buffers returned by ``key`` and ``value`` point into the batch and are
/// valid only while the batch (or a view of it) is alive: keep the view or the batch around while using them
/// (`withExtendedLifetime(batch) { ... }`), and copy the bytes (``message``) to keep them longer.
public struct KafkaMessageView: Sendable {
    let storage: RDKafkaMessageBatch
    let index: Int

    /// The topic the message was read from (built from librdkafka's name on each call).
    public var topic: String { storage.topic(at: index) }

    /// The partition within ``topic``.
    public var partition: Int32 { storage.partition(at: index) }

    /// The message's offset within its partition.
    public var offset: Int64 { storage.offset(at: index) }

    /// The key bytes in place, or `nil` when the message has no key (valid while the batch is alive).
    public var key: UnsafeRawBufferPointer? { storage.key(at: index) }

    /// The value bytes in place, or `nil` for a tombstone (valid while the batch is alive).
    public var value: UnsafeRawBufferPointer? { storage.value(at: index) }

    /// Whether this message is a tombstone (it has no value).
    public var isTombstone: Bool { value == nil }

    /// The headers in the order they were written (empty when the consumer does not read headers).
    public var headers: [KafkaHeader] { storage.headers(at: index) }

    /// When the record was created or appended, if the broker reported it.
    public var timestamp: KafkaTimestamp? { storage.timestamp(at: index) }

    /// An owning copy of this message, which outlives the batch.
    public var message: KafkaMessage { storage.message(at: index, topic: topic) }
}
