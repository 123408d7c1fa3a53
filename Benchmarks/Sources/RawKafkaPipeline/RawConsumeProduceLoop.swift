import CrdkafkaRaw

/// The baseline of the KafkaPipeline benchmarks: consume → produce written directly against librdkafka's C API.
///
/// It is the loop a careful C programmer would write, so that KafkaClient's overhead can be read off against
/// it: one manually assigned consumer drains what is already fetched in batches (`rd_kafka_consume_batch_queue`
/// without waiting; it waits only, for one message, when nothing is buffered),
/// each message is produced with the classic `rd_kafka_produce` (`RD_KAFKA_MSG_F_COPY`, same key, partitioner's
/// choice of partition), delivery reports are counted by a `dr_msg_cb` served by `rd_kafka_poll` after every
/// batch, and the loop ends with `rd_kafka_flush`. No Swift object is created per message.
public enum RawConsumeProduceLoop {
    /// What one run did.
    public struct Outcome: Sendable {
        /// Messages consumed from the input topic.
        public var consumed: Int
        /// Delivery reports without error.
        public var delivered: Int
        /// Delivery reports with an error.
        public var failed: Int
        /// Time from the assignment to the last delivery report.
        public var elapsed: Duration
    }

    /// A failure of the C API, with librdkafka's text.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong.
        public var description: String
    }

    /// Consumes `count` messages from every partition of `input` and produces each to `output`.
    ///
    /// - Parameters:
    ///   - bootstrapServers: the brokers.
    ///   - input: the topic to read from the beginning (all `partitions` of it).
    ///   - partitions: how many partitions `input` has.
    ///   - output: the topic to write to.
    ///   - count: how many messages to consume before stopping.
    ///   - batchSize: the largest consume batch.
    ///   - consumerProperties: librdkafka consumer properties (beside `bootstrap.servers`).
    ///   - producerProperties: librdkafka producer properties (beside `bootstrap.servers`).
    ///   - stallTimeout: give up when nothing arrives for this long.
    /// - Throws: ``Failure`` when a client cannot be created, or the input stalls before `count` messages.
    public static func run(
        bootstrapServers: String, input: String, partitions: Int32, output: String, count: Int, batchSize: Int,
        consumerProperties: [String: String], producerProperties: [String: String],
        stallTimeout: Duration = .seconds(20)
    ) throws -> Outcome {
        let counters = DeliveryCounters()
        let counterPointer = Unmanaged.passUnretained(counters).toOpaque()
        let consumer = try makeClient(RD_KAFKA_CONSUMER, bootstrapServers, consumerProperties) { _ in }
        defer { rd_kafka_destroy(consumer) }
        let producer = try makeClient(RD_KAFKA_PRODUCER, bootstrapServers, producerProperties) { conf in
            rd_kafka_conf_set_opaque(conf, counterPointer)
            rd_kafka_conf_set_dr_msg_cb(conf) { _, message, opaque in
                guard let message, let opaque else { return }
                let counters = Unmanaged<DeliveryCounters>.fromOpaque(opaque).takeUnretainedValue()
                if message.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR { counters.delivered += 1 } else { counters.failed += 1 }
            }
        }
        defer { rd_kafka_destroy(producer) }
        guard let topic = rd_kafka_topic_new(producer, output, nil) else { throw Failure(description: "rd_kafka_topic_new failed") }
        defer { rd_kafka_topic_destroy(topic) }
        rd_kafka_poll_set_consumer(consumer)
        guard let queue = rd_kafka_queue_get_consumer(consumer) else { throw Failure(description: "no consumer queue") }
        defer { rd_kafka_queue_destroy(queue) }

        let clock = ContinuousClock()
        let start = clock.now
        let assignment = rd_kafka_topic_partition_list_new(partitions)
        for partition in 0..<partitions {
            rd_kafka_topic_partition_list_add(assignment, input, partition).pointee.offset = Int64(RD_KAFKA_OFFSET_BEGINNING)
        }
        let assigned = rd_kafka_assign(consumer, assignment)
        rd_kafka_topic_partition_list_destroy(assignment)
        guard assigned == RD_KAFKA_RESP_ERR_NO_ERROR else { throw Failure(description: "assign: \(errorText(assigned))") }

        let batch = UnsafeMutablePointer<UnsafeMutablePointer<rd_kafka_message_t>?>.allocate(capacity: batchSize)
        defer { batch.deallocate() }
        var consumed = 0
        var lastProgress = start
        while consumed < count {
            // Take what is already fetched without waiting; block (100 ms) only when nothing is there.
            var received = rd_kafka_consume_batch_queue(queue, 0, batch, batchSize)
            if received <= 0 { received = rd_kafka_consume_batch_queue(queue, 100, batch, 1) }
            if received <= 0 {
                rd_kafka_poll(producer, 0)
                if clock.now - lastProgress > stallTimeout {
                    throw Failure(description: "input stalled after \(consumed) of \(count) messages")
                }
                continue
            }
            lastProgress = clock.now
            for index in 0..<received {
                guard let message = batch[index] else { continue }
                defer { rd_kafka_message_destroy(message) }
                guard message.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR else { continue }
                consumed += 1
                while rd_kafka_produce(
                    topic, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY, message.pointee.payload, message.pointee.len,
                    message.pointee.key, message.pointee.key_len, nil) != 0
                {
                    let error = rd_kafka_last_error()
                    guard error == RD_KAFKA_RESP_ERR__QUEUE_FULL else {
                        counters.failed += 1
                        break
                    }
                    rd_kafka_poll(producer, 1)  // make room by serving delivery reports
                }
            }
            rd_kafka_poll(producer, 0)
        }
        let flushed = rd_kafka_flush(producer, 120_000)
        let elapsed = clock.now - start
        guard flushed == RD_KAFKA_RESP_ERR_NO_ERROR else { throw Failure(description: "flush: \(errorText(flushed))") }
        _ = rd_kafka_consumer_close(consumer)
        return Outcome(consumed: consumed, delivered: counters.delivered, failed: counters.failed, elapsed: elapsed)
    }

    private static func makeClient(
        _ kind: rd_kafka_type_t, _ bootstrapServers: String, _ properties: [String: String],
        configure: (OpaquePointer) -> Void
    ) throws -> OpaquePointer {
        let conf = rd_kafka_conf_new()!
        var reason = [CChar](repeating: 0, count: 512)
        var all = properties
        all["bootstrap.servers"] = bootstrapServers
        for (key, value) in all where rd_kafka_conf_set(conf, key, value, &reason, reason.count) != RD_KAFKA_CONF_OK {
            rd_kafka_conf_destroy(conf)
            throw Failure(description: "\(key)=\(value): \(text(reason))")
        }
        configure(conf)
        guard let client = rd_kafka_new(kind, conf, &reason, reason.count) else {
            rd_kafka_conf_destroy(conf)
            throw Failure(description: text(reason))
        }
        return client
    }

    private static func text(_ buffer: [CChar]) -> String { buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) } }

    private static func errorText(_ error: rd_kafka_resp_err_t) -> String { String(cString: rd_kafka_err2str(error)) }
}

/// Delivery-report tallies; written only by `dr_msg_cb`, which runs inside `rd_kafka_poll`/`rd_kafka_flush` on
/// the loop's own thread, so plain stored properties suffice.
private final class DeliveryCounters {
    var delivered = 0
    var failed = 0
}
