import Crdkafka
import Logging
import Synchronization

/// The librdkafka calls of a producer: enqueueing, serving delivery-report events, flushing, transactions.
///
/// Delivery reports come as *events* (`RD_KAFKA_EVENT_DR`) on the main queue, served by ``serveEvents(timeoutMilliseconds:)``
/// on the producer's polling thread: one event carries many reports, each routed to its batch through the
/// message opaque (see ``KafkaDeliveryAcknowledgement``).
final class RDKafkaProducerClient: Sendable {
    let handle: RDKafkaHandle
    private let mainQueue: SendablePointer
    /// `rd_kafka_topic_t` handles by name, created on first use and destroyed with the client.
    private let topics = Mutex<[String: SendablePointer]>([:])
    /// The fatal error that made this producer unusable, once one happened.
    let fatalError = Mutex<KafkaError?>(nil)

    /// Creates the producer with delivery reports and errors routed to the main queue as events.
    ///
    /// - Throws: ``KafkaError`` when the configuration is rejected.
    init(properties: [String: String], logger: Logger) throws {
        handle = try RDKafkaHandle(kind: .producer, properties: properties, logger: logger) { conf in
            rd_kafka_conf_set_events(conf, Int32(RD_KAFKA_EVENT_DR | RD_KAFKA_EVENT_ERROR))
        }
        mainQueue = SendablePointer(rd_kafka_queue_get_main(handle.pointer))
    }

    deinit {
        // Queue and topic references must go before the client itself (RDKafkaHandle destroys it after us).
        rd_kafka_queue_destroy(mainQueue.raw)
        for topic in topics.withLock({ $0.values }) { rd_kafka_topic_destroy(topic.raw) }
    }

    private var rk: OpaquePointer { handle.pointer }

    // MARK: Producing

    /// Enqueues `messages[start...]` until done or librdkafka's queue is full.
    ///
    /// Messages librdkafka refuses for good (too large, unknown partition, fatal state) are reported failed in
    /// `acknowledgement` right away; they do not stop the batch.
    /// - Returns: the index of the first message not enqueued because the queue is full, or `messages.count`.
    func produce(
        _ messages: [KafkaProducerMessage], from start: Int, acknowledgement: KafkaDeliveryAcknowledgement
    ) -> Int {
        // Records are read in place (through the buffer) rather than copied out, saving their retains.
        messages.withUnsafeBufferPointer { buffer in
            var lastTopic: String?
            var topicHandle: OpaquePointer?
            var index = start
            while index < buffer.count {
                let message = buffer.baseAddress! + index
                if message.pointee.topic != lastTopic {
                    lastTopic = message.pointee.topic
                    topicHandle = self.topicHandle(message.pointee.topic)
                }
                let result: rd_kafka_resp_err_t
                if let topicHandle, message.pointee.headers.isEmpty, message.pointee.timestamp == nil {
                    result = enqueuePlain(
                        key: message.pointee.key, value: message.pointee.value,
                        partition: message.pointee.partition ?? RD_KAFKA_PARTITION_UA,
                        topic: topicHandle, opaque: acknowledgement.opaque(for: index))
                } else if let topicHandle {
                    result = enqueue(message.pointee, topic: topicHandle, opaque: acknowledgement.opaque(for: index))
                } else {
                    result = RD_KAFKA_RESP_ERR__INVALID_ARG
                }
                if result == RD_KAFKA_RESP_ERR__QUEUE_FULL { return index }
                if result != RD_KAFKA_RESP_ERR_NO_ERROR {
                    var context = [KafkaMetadataKey.operation: "produce", KafkaMetadataKey.topic: message.pointee.topic]
                    if let partition = message.pointee.partition { context[KafkaMetadataKey.partition] = String(partition) }
                    let error = result == RD_KAFKA_RESP_ERR__FATAL
                        ? KafkaError.fatal(of: rk, context: context) : KafkaError(rdKafka: result, context: context)
                    acknowledgement.fail(index: index, error: error)
                }
                index += 1
            }
            return index
        }
    }

    /// Enqueues `batch[start...]` to `topic`, reading keys, values and headers in librdkafka's buffers
    /// (`RD_KAFKA_MSG_F_COPY`: the new records own copies); stops when the queue is full.
    ///
    /// - Returns: the index of the first message not enqueued because the queue is full, or `batch.count`.
    func produce(
        forwarding batch: RDKafkaMessageBatch, from start: Int, to topic: String,
        acknowledgement: KafkaDeliveryAcknowledgement
    ) -> Int {
        guard let topicHandle = topicHandle(topic) else {
            for index in start..<batch.count {
                acknowledgement.fail(index: index, error: KafkaError(rdKafka: RD_KAFKA_RESP_ERR__INVALID_ARG, context: [
                    KafkaMetadataKey.operation: "produce", KafkaMetadataKey.topic: topic]))
            }
            return batch.count
        }
        var index = start
        while index < batch.count {
            let message = batch.raw(index)
            let opaque = acknowledgement.opaque(for: index)
            let result: rd_kafka_resp_err_t
            if let headers = batch.rawHeaders(at: index) {
                result = enqueue(forwarding: message, headers: headers, topic: topicHandle, opaque: opaque)
            } else {
                let status = rd_kafka_produce(
                    topicHandle, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY, message.pointee.payload, message.pointee.len,
                    message.pointee.key, message.pointee.key_len, opaque)
                result = status == 0 ? RD_KAFKA_RESP_ERR_NO_ERROR : rd_kafka_last_error()
            }
            if result == RD_KAFKA_RESP_ERR__QUEUE_FULL { return index }
            if result != RD_KAFKA_RESP_ERR_NO_ERROR {
                let context = [KafkaMetadataKey.operation: "produce", KafkaMetadataKey.topic: topic]
                let error = result == RD_KAFKA_RESP_ERR__FATAL
                    ? KafkaError.fatal(of: rk, context: context) : KafkaError(rdKafka: result, context: context)
                acknowledgement.fail(index: index, error: error)
            }
            index += 1
        }
        return index
    }

    /// One `rd_kafka_produceva` call forwarding a consumed message with a copy of its headers.
    private func enqueue(
        forwarding message: UnsafeMutablePointer<rd_kafka_message_t>, headers: OpaquePointer, topic: OpaquePointer,
        opaque: UnsafeMutableRawPointer
    ) -> rd_kafka_resp_err_t {
        // The copy becomes librdkafka's when the message is accepted; the batch keeps its own list.
        produceva(topic: topic, partition: RD_KAFKA_PARTITION_UA, opaque: opaque,
                  value: message.pointee.payload.map { (UnsafeRawPointer($0), message.pointee.len) },
                  key: message.pointee.key.map { (UnsafeRawPointer($0), message.pointee.key_len) },
                  timestamp: nil, headers: rd_kafka_headers_copy(headers))
    }

    /// One classic `rd_kafka_produce` call for the common record without headers or timestamp (cheaper than
    /// building `rd_kafka_produceva`'s argument list); librdkafka copies key and value (`RD_KAFKA_MSG_F_COPY`).
    private func enqueuePlain(
        key: [UInt8]?, value: [UInt8]?, partition: Int32, topic: OpaquePointer, opaque: UnsafeMutableRawPointer
    ) -> rd_kafka_resp_err_t {
        let status = withBytes(key) { key in
            withBytes(value) { value in
                rd_kafka_produce(
                    topic, partition, RD_KAFKA_MSG_F_COPY,
                    value.map { UnsafeMutableRawPointer(mutating: $0.baseAddress ?? emptyBytes) }, value?.count ?? 0,
                    key.map { $0.baseAddress ?? emptyBytes }, key?.count ?? 0, opaque)
            }
        }
        return status == 0 ? RD_KAFKA_RESP_ERR_NO_ERROR : rd_kafka_last_error()
    }

    /// One `rd_kafka_produceva` call; librdkafka copies key, value and headers (`RD_KAFKA_MSG_F_COPY`).
    private func enqueue(
        _ message: KafkaProducerMessage, topic: OpaquePointer, opaque: UnsafeMutableRawPointer
    ) -> rd_kafka_resp_err_t {
        withBytes(message.key) { key in
            withBytes(message.value) { value in
                produceva(topic: topic, partition: message.partition ?? RD_KAFKA_PARTITION_UA, opaque: opaque,
                          value: value.map { (UnsafeRawPointer($0.baseAddress ?? emptyBytes), $0.count) },
                          key: key.map { (UnsafeRawPointer($0.baseAddress ?? emptyBytes), $0.count) },
                          timestamp: message.timestamp, headers: makeHeaders(message.headers))
            }
        }
    }

    /// Builds `rd_kafka_produceva`'s argument list for one record (`RD_KAFKA_MSG_F_COPY`: librdkafka copies
    /// key and value) and makes the call. `headers` become librdkafka's when the record is accepted and are
    /// destroyed here when it is not.
    private func produceva(
        topic: OpaquePointer, partition: Int32, opaque: UnsafeMutableRawPointer, value: (UnsafeRawPointer, Int)?,
        key: (UnsafeRawPointer, Int)?, timestamp: Int64?, headers: OpaquePointer?
    ) -> rd_kafka_resp_err_t {
        withUnsafeTemporaryAllocation(of: rd_kafka_vu_t.self, capacity: 8) { arguments in
            var count = 0
            func append(_ type: rd_kafka_vtype_t, _ fill: (inout rd_kafka_vu_t) -> Void) {
                var argument = rd_kafka_vu_t()
                argument.vtype = type
                fill(&argument)
                arguments[count] = argument
                count += 1
            }
            append(RD_KAFKA_VTYPE_RKT) { $0.u.rkt = topic }
            append(RD_KAFKA_VTYPE_PARTITION) { $0.u.i32 = partition }
            append(RD_KAFKA_VTYPE_MSGFLAGS) { $0.u.i = RD_KAFKA_MSG_F_COPY }
            append(RD_KAFKA_VTYPE_OPAQUE) { $0.u.ptr = opaque }
            if let (bytes, size) = value {
                append(RD_KAFKA_VTYPE_VALUE) { $0.u.mem = .init(ptr: UnsafeMutableRawPointer(mutating: bytes), size: size) }
            }
            if let (bytes, size) = key {
                append(RD_KAFKA_VTYPE_KEY) { $0.u.mem = .init(ptr: UnsafeMutableRawPointer(mutating: bytes), size: size) }
            }
            if let timestamp { append(RD_KAFKA_VTYPE_TIMESTAMP) { $0.u.i64 = timestamp } }
            if let headers { append(RD_KAFKA_VTYPE_HEADERS) { $0.u.headers = headers } }
            guard let error = rd_kafka_produceva(rk, arguments.baseAddress, count) else { return RD_KAFKA_RESP_ERR_NO_ERROR }
            if let headers { rd_kafka_headers_destroy(headers) }
            let code = rd_kafka_error_code(error)
            rd_kafka_error_destroy(error)
            return code
        }
    }

    /// Builds an owned header list (librdkafka takes it over when the message is accepted).
    private func makeHeaders(_ headers: [KafkaHeader]) -> OpaquePointer? {
        guard !headers.isEmpty, let list = rd_kafka_headers_new(headers.count) else { return nil }
        for header in headers {
            withBytes(header.value) { bytes in
                _ = rd_kafka_header_add(list, header.name, -1, bytes.map { $0.baseAddress ?? emptyBytes }, bytes?.count ?? 0)
            }
        }
        return list
    }

    /// The cached topic handle for `name`, created on first use.
    private func topicHandle(_ name: String) -> OpaquePointer? {
        topics.withLock { topics in
            if let existing = topics[name] { return existing.raw }
            guard let created = rd_kafka_topic_new(rk, name, nil) else { return nil }
            topics[name] = SendablePointer(created)
            return created
        }
    }

    // MARK: Events

    /// Serves at most one event from the main queue: delivery reports or an error.
    ///
    /// - Returns: whether an event was served.
    @discardableResult
    func serveEvents(timeoutMilliseconds: Int32) -> Bool {
        guard let event = rd_kafka_queue_poll(mainQueue.raw, timeoutMilliseconds) else { return false }
        defer { rd_kafka_event_destroy(event) }
        switch rd_kafka_event_type(event) {
        case RD_KAFKA_EVENT_DR:
            // Consecutive reports mostly belong to one batch: count them and settle the batch's atomic once
            // per run rather than once per message (the counter shares a cache line with the sender's side).
            var run = KafkaDeliveryAcknowledgement.DeliveryRun()
            while let report = rd_kafka_event_message_next(event) {
                guard let opaque = report.pointee._private else { continue }
                if report.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR {
                    run.delivered(opaque: opaque, partition: report.pointee.partition, offset: report.pointee.offset)
                } else {
                    KafkaDeliveryAcknowledgement.failed(
                        opaque: opaque, partition: report.pointee.partition, error: deliveryError(report))
                }
            }
            run.settle()
        case RD_KAFKA_EVENT_ERROR:
            var error = KafkaError(
                rdKafka: rd_kafka_event_error(event),
                message: rd_kafka_event_error_string(event).map { String(cString: $0) })
            if rd_kafka_event_error_is_fatal(event) != 0 {
                error = KafkaError.fatal(of: rk)
                fatalError.withLock { $0 = error }
                handle.context.logger.error("Producer hit a fatal error.", metadata: [KafkaMetadataKey.error: "\(error)"])
            } else {
                handle.context.logger.warning("Producer client error.", metadata: [KafkaMetadataKey.error: "\(error)"])
            }
        default:
            break
        }
        return true
    }

    private func deliveryError(_ report: UnsafePointer<rd_kafka_message_t>) -> KafkaError {
        var context = [KafkaMetadataKey.operation: "deliver"]
        if let topic = report.pointee.rkt { context[KafkaMetadataKey.topic] = String(cString: rd_kafka_topic_name(topic)) }
        if report.pointee.partition >= 0 { context[KafkaMetadataKey.partition] = String(report.pointee.partition) }
        if report.pointee.err == RD_KAFKA_RESP_ERR__FATAL { return KafkaError.fatal(of: rk, context: context) }
        return KafkaError(rdKafka: report.pointee.err, message: rd_kafka_message_errstr(report).map { String(cString: $0) }, context: context)
    }

    /// Messages and requests not yet acknowledged, plus delivery reports not yet served.
    var outstanding: Int { Int(rd_kafka_outq_len(rk)) }

    /// Waits (blocking) until every enqueued message is acknowledged or `timeoutMilliseconds` pass.
    func flush(timeoutMilliseconds: Int32) throws {
        let result = rd_kafka_flush(rk, timeoutMilliseconds)
        guard result == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError(rdKafka: result, context: [KafkaMetadataKey.operation: "flush", KafkaMetadataKey.outstanding: String(outstanding)])
        }
    }

    /// Drops every queued and in-flight message; each gets a `.purged` delivery report.
    func purgeAll() {
        _ = rd_kafka_purge(rk, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
    }

    // MARK: Transactions

    func initTransactions(timeoutMilliseconds: Int32) throws {
        try transactional("init transactions") { rd_kafka_init_transactions(rk, timeoutMilliseconds) }
    }

    func beginTransaction() throws {
        try transactional("begin transaction") { rd_kafka_begin_transaction(rk) }
    }

    func sendOffsetsToTransaction(
        _ offsets: [KafkaTopicPartitionOffset], groupMetadata: RDKafkaGroupMetadata, timeoutMilliseconds: Int32
    ) throws {
        let list = RDKafkaTopicPartitionList(offsets)
        try transactional("send offsets to transaction") {
            rd_kafka_send_offsets_to_transaction(rk, list.pointer, groupMetadata.pointer, timeoutMilliseconds)
        }
    }

    func commitTransaction(timeoutMilliseconds: Int32) throws {
        try transactional("commit transaction") { rd_kafka_commit_transaction(rk, timeoutMilliseconds) }
    }

    func abortTransaction(timeoutMilliseconds: Int32) throws {
        try transactional("abort transaction") { rd_kafka_abort_transaction(rk, timeoutMilliseconds) }
    }

    private func transactional(_ operation: String, _ call: () -> OpaquePointer?) throws {
        if let error = call() { throw KafkaError(consuming: error, context: [KafkaMetadataKey.operation: operation]) }
    }
}

/// A valid address for empty (non-nil) keys and values: librdkafka treats a NULL pointer as "no value".
nonisolated(unsafe) private let emptyBytes = UnsafeRawPointer(UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1))

/// Calls `body` with the bytes of `array`, or with `nil` when there is no array.
private func withBytes<R>(_ array: [UInt8]?, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
    guard let array else { return body(nil) }
    return array.withUnsafeBytes { body($0) }
}
