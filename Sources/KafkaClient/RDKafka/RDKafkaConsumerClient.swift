import Crdkafka
import Logging
import Synchronization

/// The librdkafka calls of a consumer, synchronous and possibly blocking.
///
/// ``KafkaConsumer`` runs every blocking call here on its own serial Dispatch queue, never on Swift's
/// cooperative pool; the rebalance, commit and error callbacks fire inside those calls and only buffer events.
final class RDKafkaConsumerClient: Sendable {
    let handle: RDKafkaHandle
    /// Whether messages are built with their headers (see ``KafkaConsumer/Configuration/readsHeaders``).
    private let readsHeaders: Bool
    private let consumerQueue: SendablePointer

    /// Creates the consumer and routes group events to the consumer queue.
    ///
    /// - Throws: ``KafkaError`` when the configuration is rejected.
    init(properties: [String: String], readsHeaders: Bool = true, logger: Logger) throws {
        self.readsHeaders = readsHeaders
        handle = try RDKafkaHandle(kind: .consumer, properties: properties, logger: logger) { conf in
            rd_kafka_conf_set_rebalance_cb(conf, rdKafkaRebalance)
            rd_kafka_conf_set_offset_commit_cb(conf, rdKafkaOffsetCommit)
            rd_kafka_conf_set_error_cb(conf, rdKafkaConsumerError)
        }
        rd_kafka_poll_set_consumer(handle.pointer)
        guard let queue = rd_kafka_queue_get_consumer(handle.pointer) else {
            throw KafkaError(code: .configuration, message: "A consumer needs a group.id (it has no consumer queue).")
        }
        consumerQueue = SendablePointer(queue)
    }

    deinit {
        rd_kafka_queue_destroy(consumerQueue.raw)
    }

    private var rk: OpaquePointer { handle.pointer }

    // MARK: Subscription and assignment

    func subscribe(_ topics: [String]) throws {
        let list = RDKafkaTopicPartitionList(capacity: topics.count)
        for topic in topics { list.add(topic: topic, partition: RD_KAFKA_PARTITION_UA, offset: KafkaTopicPartitionOffset.invalid) }
        try check(rd_kafka_subscribe(rk, list.pointer), "subscribe", [KafkaMetadataKey.topics: topics.joined(separator: ",")])
    }

    func unsubscribe() throws {
        try check(rd_kafka_unsubscribe(rk), "unsubscribe")
    }

    func assign(_ partitions: [KafkaTopicPartitionOffset]) throws {
        let list = RDKafkaTopicPartitionList(partitions)
        try check(rd_kafka_assign(rk, list.pointer), "assign")
    }

    func assignment() throws -> [KafkaTopicPartition] {
        var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        try check(rd_kafka_assignment(rk, &list), "assignment")
        guard let list else { return [] }
        return RDKafkaTopicPartitionList(adopting: list).offsets.map(\.topicPartition)
    }

    // MARK: Polling

    /// Returns up to `maxMessages` messages: waits up to `timeoutMilliseconds` for the first, then takes only
    /// what is already buffered, so a batch never waits to fill up.
    ///
    /// One `rd_kafka_consume_batch_queue` call drains the prefetched queue (one lock and one clock reading per
    /// batch rather than per message, as `rd_kafka_consumer_poll` costs). Rebalance callbacks still fire
    /// inside it; if partitions were revoked meanwhile, messages of partitions no longer assigned are dropped
    /// (librdkafka 2.0.2 may have batched them before the revoke; they are re-read by the new owner).
    /// Error messages are turned into events (or thrown when fatal) and destroyed here; the rest are lent
    /// out in the returned batch, which destroys them when released.
    /// - Returns: the batch, or `nil` when no message arrived.
    func pollBatch(maxMessages: Int, timeoutMilliseconds: Int32) throws -> RDKafkaMessageBatch? {
        let revocations = handle.context.revocations.load(ordering: .acquiring)
        let raw = UnsafeMutablePointer<UnsafeMutablePointer<rd_kafka_message_t>?>.allocate(capacity: maxMessages)
        var received = rd_kafka_consume_batch_queue(consumerQueue.raw, 0, raw, maxMessages)
        if received == 0 {
            received = rd_kafka_consume_batch_queue(consumerQueue.raw, timeoutMilliseconds, raw, 1)
            if received == 1 && maxMessages > 1 {
                let more = rd_kafka_consume_batch_queue(consumerQueue.raw, 0, raw + 1, maxMessages - 1)
                if more > 0 { received += more }
            }
        }
        guard received > 0 else {
            raw.deallocate()
            return nil
        }
        // Compact in place: keep valid messages at the front, destroy error messages now.
        var kept = 0
        var failure: Error?
        for index in 0..<received {
            guard let message = raw[index] else { continue }
            if failure == nil && message.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR {
                raw[kept] = message
                kept += 1
                continue
            }
            if failure == nil { do { try handleMessageError(message) } catch { failure = error } }
            rd_kafka_message_destroy(message)
        }
        if handle.context.revocations.load(ordering: .acquiring) != revocations, kept > 0 {
            let assigned: Set<KafkaTopicPartition>
            do { assigned = Set(try assignment()) } catch { assigned = []; failure = failure ?? error }
            var still = 0
            for index in 0..<kept {
                let message = raw[index]!
                let topic = String(cString: rd_kafka_topic_name(message.pointee.rkt))
                if assigned.contains(KafkaTopicPartition(topic: topic, partition: message.pointee.partition)) {
                    raw[still] = message
                    still += 1
                } else {
                    rd_kafka_message_destroy(message)
                }
            }
            kept = still
        }
        // The batch owns the (now non-nil) pointers; creating it before throwing destroys them on failure too.
        let batch = RDKafkaMessageBatch(
            adopting: UnsafeMutableRawPointer(raw).assumingMemoryBound(to: UnsafeMutablePointer<rd_kafka_message_t>.self),
            count: kept, consumer: self, readsHeaders: readsHeaders)
        if let failure { throw failure }
        return kept > 0 ? batch : nil
    }

    /// Messages lent out in batches and not yet destroyed (tests check that releasing a batch destroys them).
    let lentMessages = Atomic<Int>(0)

    /// Turns an error delivered in place of a message into an event, or throws it when it is fatal.
    private func handleMessageError(_ raw: UnsafeMutablePointer<rd_kafka_message_t>) throws {
        let message = raw.pointee
        if message.err == RD_KAFKA_RESP_ERR__PARTITION_EOF { return }
        var context: [String: String] = [KafkaMetadataKey.operation: "poll"]
        if let topic = message.rkt { context[KafkaMetadataKey.topic] = String(cString: rd_kafka_topic_name(topic)) }
        if message.partition >= 0 { context[KafkaMetadataKey.partition] = String(message.partition) }
        if message.err == RD_KAFKA_RESP_ERR__FATAL { throw KafkaError.fatal(of: rk, context: context) }
        let text = rd_kafka_message_errstr(raw).map { String(cString: $0) }
        let error = KafkaError(rdKafka: message.err, message: text, context: context)
        handle.context.logger.warning("Consumer reported an error.", metadata: [KafkaMetadataKey.error: "\(error)"])
        handle.context.buffer([.error(error)])
    }

    // MARK: Offsets

    func store(_ offsets: [KafkaTopicPartitionOffset]) throws {
        guard !offsets.isEmpty else { return }
        let list = RDKafkaTopicPartitionList(offsets)
        let result = rd_kafka_offsets_store(rk, list.pointer)
        if let error = list.firstError(context: [KafkaMetadataKey.operation: "store offsets"]) { throw error }
        try check(result, "store offsets")
    }

    /// Commits `offsets` (or all stored offsets when `nil`), synchronously or in the background.
    func commit(_ offsets: [KafkaTopicPartitionOffset]?, async: Bool) throws {
        let list = offsets.map { RDKafkaTopicPartitionList($0) }
        let result = rd_kafka_commit(rk, list?.pointer, async ? 1 : 0)
        if result == RD_KAFKA_RESP_ERR__NO_OFFSET { return }  // nothing new to commit
        try check(result, "commit")
        if !async, let error = list?.firstError(context: [KafkaMetadataKey.operation: "commit"]) { throw error }
    }

    func committed(_ partitions: [KafkaTopicPartition], timeoutMilliseconds: Int32) throws -> [KafkaTopicPartitionOffset] {
        let list = RDKafkaTopicPartitionList(partitions)
        try check(rd_kafka_committed(rk, list.pointer, timeoutMilliseconds), "committed")
        if let error = list.firstError(context: [KafkaMetadataKey.operation: "committed"]) { throw error }
        return list.offsets
    }

    func position(_ partitions: [KafkaTopicPartition]) throws -> [KafkaTopicPartitionOffset] {
        let list = RDKafkaTopicPartitionList(partitions)
        try check(rd_kafka_position(rk, list.pointer), "position")
        return list.offsets
    }

    func seek(_ offsets: [KafkaTopicPartitionOffset], timeoutMilliseconds: Int32) throws {
        let list = RDKafkaTopicPartitionList(offsets)
        if let error = rd_kafka_seek_partitions(rk, list.pointer, timeoutMilliseconds) {
            throw KafkaError(consuming: error, context: [KafkaMetadataKey.operation: "seek"])
        }
        if let error = list.firstError(context: [KafkaMetadataKey.operation: "seek"]) { throw error }
    }

    func pause(_ partitions: [KafkaTopicPartition], resume: Bool) throws {
        let list = RDKafkaTopicPartitionList(partitions)
        let operation = resume ? "resume" : "pause"
        try check(resume ? rd_kafka_resume_partitions(rk, list.pointer) : rd_kafka_pause_partitions(rk, list.pointer), operation)
        if let error = list.firstError(context: [KafkaMetadataKey.operation: operation]) { throw error }
    }

    func offsetsForTimes(_ query: [KafkaTopicPartitionOffset], timeoutMilliseconds: Int32) throws -> [KafkaTopicPartitionOffset] {
        let list = RDKafkaTopicPartitionList(query)
        try check(rd_kafka_offsets_for_times(rk, list.pointer, timeoutMilliseconds), "offsets for times")
        if let error = list.firstError(context: [KafkaMetadataKey.operation: "offsets for times"]) { throw error }
        return list.offsets
    }

    func watermarks(topic: String, partition: Int32, timeoutMilliseconds: Int32) throws -> (low: Int64, high: Int64) {
        var low: Int64 = -1
        var high: Int64 = -1
        try check(
            rd_kafka_query_watermark_offsets(rk, topic, partition, &low, &high, timeoutMilliseconds), "watermarks",
            [KafkaMetadataKey.topic: topic, KafkaMetadataKey.partition: String(partition)])
        return (low, high)
    }

    /// The partition ids of `topic`, from a metadata request to the cluster.
    func partitions(of topic: String, timeoutMilliseconds: Int32) throws -> [Int32] {
        let context = [KafkaMetadataKey.topic: topic]
        guard let handle = rd_kafka_topic_new(rk, topic, nil) else {
            throw KafkaError(rdKafka: rd_kafka_last_error(), context: context.merging([KafkaMetadataKey.operation: "metadata"]) { a, _ in a })
        }
        defer { rd_kafka_topic_destroy(handle) }
        var metadata: UnsafePointer<rd_kafka_metadata>?
        try check(rd_kafka_metadata(rk, 0, handle, &metadata, timeoutMilliseconds), "metadata", context)
        defer { if let metadata { rd_kafka_metadata_destroy(metadata) } }
        guard let metadata, metadata.pointee.topic_cnt > 0 else { return [] }
        let described = metadata.pointee.topics[0]
        try check(described.err, "metadata", context)
        return (0..<Int(described.partition_cnt)).map { described.partitions[$0].id }.sorted()
    }

    /// The watermarks librdkafka last saw in fetch responses (no request; -1 when not yet known).
    func cachedWatermarks(topic: String, partition: Int32) -> (low: Int64, high: Int64) {
        var low: Int64 = -1
        var high: Int64 = -1
        _ = rd_kafka_get_watermark_offsets(rk, topic, partition, &low, &high)
        return (low, high)
    }

    // MARK: Group

    func groupMetadata() throws -> RDKafkaGroupMetadata {
        guard let pointer = rd_kafka_consumer_group_metadata(rk) else {
            throw KafkaError(code: .invalidState, message: "The consumer has no group metadata (is group.id set?).")
        }
        return RDKafkaGroupMetadata(pointer)
    }

    func close() throws {
        try check(rd_kafka_consumer_close(rk), "close")
    }

    private func check(_ result: rd_kafka_resp_err_t, _ operation: String, _ context: [String: String] = [:]) throws {
        guard result != RD_KAFKA_RESP_ERR_NO_ERROR else { return }
        var context = context
        context[KafkaMetadataKey.operation] = operation
        if result == RD_KAFKA_RESP_ERR__FATAL { throw KafkaError.fatal(of: rk, context: context) }
        throw KafkaError(rdKafka: result, context: context)
    }
}

/// Owns a consumer's group metadata (`rd_kafka_consumer_group_metadata_t`) for transactional offset commits.
final class RDKafkaGroupMetadata: @unchecked Sendable {
    // @unchecked: immutable pointer to a read-only librdkafka object, freed only in deinit.
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { rd_kafka_consumer_group_metadata_destroy(pointer) }
}

// MARK: - C callbacks (they run inside rd_kafka_consumer_poll / close, on the consumer's blocking queue)

/// Applies the new assignment (eager or incremental, as the group protocol requires) and buffers the event.
private func rdKafkaRebalance(
    _ rk: OpaquePointer?, _ error: rd_kafka_resp_err_t,
    _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, _ opaque: UnsafeMutableRawPointer?
) {
    guard let rk else { return }
    let cooperative = rd_kafka_rebalance_protocol(rk).map { String(cString: $0) == "COOPERATIVE" } ?? false
    let changed = partitions.map { RDKafkaTopicPartitionList.offsets(in: $0).map(\.topicPartition) } ?? []
    var events: [KafkaConsumerEvent] = []
    func record(_ failure: OpaquePointer?) {
        if let failure { events.append(.error(KafkaError(consuming: failure, context: [KafkaMetadataKey.operation: "rebalance"]))) }
    }
    func record(_ result: rd_kafka_resp_err_t) {
        if result != RD_KAFKA_RESP_ERR_NO_ERROR {
            events.append(.error(KafkaError(rdKafka: result, context: [KafkaMetadataKey.operation: "rebalance"])))
        }
    }
    switch error {
    case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
        if cooperative { record(rd_kafka_incremental_assign(rk, partitions)) } else { record(rd_kafka_assign(rk, partitions)) }
        events.insert(.partitionsAssigned(changed), at: 0)
    case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
        let lost = rd_kafka_assignment_lost(rk) != 0
        if cooperative { record(rd_kafka_incremental_unassign(rk, partitions)) } else { record(rd_kafka_assign(rk, nil)) }
        events.insert(lost ? .partitionsLost(changed) : .partitionsRevoked(changed), at: 0)
    default:
        record(rd_kafka_assign(rk, nil))
        events.insert(.error(KafkaError(rdKafka: error, context: [KafkaMetadataKey.operation: "rebalance"])), at: 0)
    }
    guard let context = RDKafkaContext.from(opaque) else { return }
    if error != RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS { context.revocations.add(1, ordering: .releasing) }
    context.logger.info(
        "Consumer group rebalanced.",
        metadata: [KafkaMetadataKey.rebalance: "\(events[0])", KafkaMetadataKey.cooperative: "\(cooperative)"])
    context.buffer(events)
}

/// Buffers failed offset commits (automatic or asynchronous).
private func rdKafkaOffsetCommit(
    _ rk: OpaquePointer?, _ error: rd_kafka_resp_err_t,
    _ offsets: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, _ opaque: UnsafeMutableRawPointer?
) {
    guard let context = RDKafkaContext.from(opaque) else { return }
    let where_ = [KafkaMetadataKey.operation: "commit"]
    var failure: KafkaError?
    if error != RD_KAFKA_RESP_ERR_NO_ERROR && error != RD_KAFKA_RESP_ERR__NO_OFFSET {
        failure = KafkaError(rdKafka: error, context: where_)
    } else if let offsets {
        failure = RDKafkaTopicPartitionList.firstError(in: offsets, context: where_)
    }
    guard let failure else { return }
    context.logger.warning("Offset commit failed.", metadata: [KafkaMetadataKey.error: "\(failure)"])
    context.buffer([.commitFailed(failure)])
}

/// Buffers client-level errors (most are transient: librdkafka keeps retrying).
private func rdKafkaConsumerError(
    _ rk: OpaquePointer?, _ error: Int32, _ reason: UnsafePointer<CChar>?, _ opaque: UnsafeMutableRawPointer?
) {
    guard let context = RDKafkaContext.from(opaque) else { return }
    let code = rd_kafka_resp_err_t(rawValue: error)
    var failure = KafkaError(rdKafka: code, message: reason.map { String(cString: $0) })
    if code == RD_KAFKA_RESP_ERR__FATAL, let rk { failure = KafkaError.fatal(of: rk) }
    context.logger.warning("Consumer client error.", metadata: [KafkaMetadataKey.error: "\(failure)"])
    context.buffer([.error(failure)])
}
