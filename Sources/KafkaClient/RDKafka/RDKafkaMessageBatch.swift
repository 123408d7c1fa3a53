import Crdkafka
import Synchronization

/// Owns one polled batch of librdkafka messages (`rd_kafka_message_t`) and destroys each exactly once, in deinit.
///
/// ``KafkaMessageBatch`` and ``KafkaMessageView`` read keys, values and headers straight out of librdkafka's
/// buffers through this object instead of copying them, so a polled message costs no Swift allocation.
/// The batch keeps its consumer client (and so the `rd_kafka_t`) alive: librdkafka requires every message
/// to be destroyed before its client.
///
/// `@unchecked Sendable` is safe because the object is immutable after `init`: the pointer array is never
/// written again, a delivered `rd_kafka_message_t` is read-only to librdkafka, and the one lazily built part
/// (the parsed header list) is built here, in `init`, before the batch can be shared. Destruction happens
/// once, in `deinit`, when no reference (and hence no reader) is left.
final class RDKafkaMessageBatch: @unchecked Sendable {
    private let messages: UnsafeMutablePointer<UnsafeMutablePointer<rd_kafka_message_t>>
    /// How many messages the batch owns.
    let count: Int
    /// Whether headers were parsed (the consumer reads headers).
    let readsHeaders: Bool
    /// The consumer whose `rd_kafka_t` must outlive the messages; it counts the messages lent out.
    private let consumer: RDKafkaConsumerClient

    /// Takes over `count` valid messages (no error messages) in `messages`, which must come from `allocate`.
    init(
        adopting messages: UnsafeMutablePointer<UnsafeMutablePointer<rd_kafka_message_t>>, count: Int,
        consumer: RDKafkaConsumerClient, readsHeaders: Bool
    ) {
        self.messages = messages
        self.count = count
        self.consumer = consumer
        self.readsHeaders = readsHeaders
        if readsHeaders {
            // rd_kafka_message_headers parses on first call and caches: do it now, before any sharing.
            var headers: OpaquePointer?
            for index in 0..<count { _ = rd_kafka_message_headers(messages[index], &headers) }
        }
        consumer.lentMessages.add(count, ordering: .relaxed)
    }

    deinit {
        for index in 0..<count { rd_kafka_message_destroy(messages[index]) }
        messages.deallocate()
        consumer.lentMessages.subtract(count, ordering: .relaxed)
    }

    /// The raw message at `index` (for the producer's forwarding path).
    func raw(_ index: Int) -> UnsafeMutablePointer<rd_kafka_message_t> { messages[index] }

    func partition(at index: Int) -> Int32 { messages[index].pointee.partition }

    func offset(at index: Int) -> Int64 { messages[index].pointee.offset }

    func key(at index: Int) -> UnsafeRawBufferPointer? {
        let message = messages[index]
        return message.pointee.key.map { UnsafeRawBufferPointer(start: $0, count: message.pointee.key_len) }
    }

    func value(at index: Int) -> UnsafeRawBufferPointer? {
        let message = messages[index]
        return message.pointee.payload.map { UnsafeRawBufferPointer(start: $0, count: message.pointee.len) }
    }

    func topic(at index: Int) -> String { String(cString: rd_kafka_topic_name(messages[index].pointee.rkt)) }

    func timestamp(at index: Int) -> KafkaTimestamp? {
        var kind = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let milliseconds = rd_kafka_message_timestamp(messages[index], &kind)
        switch kind {
        case RD_KAFKA_TIMESTAMP_CREATE_TIME: return KafkaTimestamp(milliseconds: milliseconds, kind: .createTime)
        case RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME: return KafkaTimestamp(milliseconds: milliseconds, kind: .logAppendTime)
        default: return nil
        }
    }

    /// The parsed header list of message `index`, or `nil` (none, or headers not read).
    func rawHeaders(at index: Int) -> OpaquePointer? {
        guard readsHeaders else { return nil }
        var headers: OpaquePointer?
        guard rd_kafka_message_headers(messages[index], &headers) == RD_KAFKA_RESP_ERR_NO_ERROR else { return nil }
        return headers
    }

    func headers(at index: Int) -> [KafkaHeader] {
        guard let list = rawHeaders(at: index) else { return [] }
        let count = rd_kafka_header_cnt(list)
        var headers: [KafkaHeader] = []
        headers.reserveCapacity(count)
        for position in 0..<count {
            var name: UnsafePointer<CChar>?
            var bytes: UnsafeRawPointer?
            var size = 0
            guard rd_kafka_header_get_all(list, position, &name, &bytes, &size) == RD_KAFKA_RESP_ERR_NO_ERROR, let name
            else { continue }
            headers.append(KafkaHeader(name: String(cString: name), value: bytes.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: size)) }))
        }
        return headers
    }

    /// An owning copy of message `index`, with `topic` already known.
    func message(at index: Int, topic: String) -> KafkaMessage {
        KafkaMessage(
            topic: topic, partition: partition(at: index), offset: offset(at: index), key: key(at: index).map { [UInt8]($0) },
            value: value(at: index).map { [UInt8]($0) }, headers: headers(at: index), timestamp: timestamp(at: index))
    }

    /// Owning copies of every message (the topic name is built once per run of one topic).
    func copies() -> [KafkaMessage] {
        var lastTopicHandle: OpaquePointer?
        var lastTopic = ""
        return [KafkaMessage](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count {
                if messages[index].pointee.rkt != lastTopicHandle {
                    lastTopicHandle = messages[index].pointee.rkt
                    lastTopic = topic(at: index)
                }
                (buffer.baseAddress! + index).initialize(to: message(at: index, topic: lastTopic))
                initialized = index + 1
            }
        }
    }

    /// Per partition, the offset after the highest message of the batch (what `KafkaConsumer.store(_ batch:)` stores).
    func nextOffsets() -> [KafkaTopicPartitionOffset] {
        var next: [KafkaTopicPartitionOffset] = []
        for index in 0..<count {
            let message = messages[index].pointee
            if let last = next.indices.last, index > 0, messages[index - 1].pointee.rkt == message.rkt,
                next[last].partition == message.partition
            {
                next[last].offset = max(next[last].offset, message.offset + 1)
                continue
            }
            let name = topic(at: index)
            if let existing = next.firstIndex(where: { $0.partition == message.partition && $0.topic == name }) {
                next[existing].offset = max(next[existing].offset, message.offset + 1)
            } else {
                next.append(KafkaTopicPartitionOffset(topic: name, partition: message.partition, offset: message.offset + 1))
            }
        }
        return next
    }
}
