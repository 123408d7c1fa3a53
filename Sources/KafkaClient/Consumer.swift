import Logging

/// A pull-based Kafka consumer: subscribe to topics (or assign partitions), poll batches, store and commit offsets.
///
/// Each ``poll(maxMessages:timeout:)`` is one hop to the consumer's own blocking thread, which drains up to
/// `maxMessages` from librdkafka's prefetched queue; there is no per-message suspension or lock. Rebalances
/// happen inside `poll`: the consumer applies them (eager, or incremental for `cooperative-sticky`) and
/// buffers a ``KafkaConsumerEvent``, which the caller drains with ``events()``.
///
/// ``pollBatch(maxMessages:timeout:)`` is the allocation-free variant: it lends librdkafka's messages in a
/// ``KafkaMessageBatch`` (read in place, forwarded with ``KafkaProducer/send(_:to:)``) instead of copying each
/// into a ``KafkaMessage``.
///
/// Offsets are at-least-once by design: after processing a batch (and after its outputs are acknowledged),
/// call ``store(_:)`` with the messages; stored offsets are committed by auto-commit, on revoke and on
/// ``close()``, or right away with ``commit()``.
///
/// ```swift
/// let consumer = try KafkaConsumer(configuration: .init(bootstrapServers: broker.bootstrapServers, groupID: "g"))
/// try consumer.subscribe(to: ["events"])
/// while running {
///     let batch = try await consumer.poll(maxMessages: 500, timeout: .milliseconds(100))
///     for event in consumer.events() { /* react to rebalances */ }
///     process(batch)
///     try consumer.store(batch)
/// }
/// try await consumer.close()
/// ```
public final class KafkaConsumer: Sendable {
    private let client: RDKafkaConsumerClient
    private let executor: BlockingExecutor
    private let logger: Logger

    /// Creates a consumer; it connects lazily, on the first poll.
    ///
    /// - Parameters:
    ///   - configuration: connection, group and librdkafka properties.
    ///   - logger: receives librdkafka's log lines and the consumer's own notices.
    /// - Throws: ``KafkaError`` (`.configuration`) when librdkafka rejects a property.
    public init(configuration: Configuration, logger: Logger = Logger(label: "eddy.kafka.consumer")) throws {
        client = try RDKafkaConsumerClient(
            properties: configuration.librdkafkaProperties, readsHeaders: configuration.readsHeaders, logger: logger)
        executor = BlockingExecutor(label: "eddy.kafka.consumer.\(client.handle.name)")
        self.logger = logger
    }

    /// Joins the group and subscribes to `topics`; partitions arrive through rebalances inside ``poll(maxMessages:timeout:)``.
    ///
    /// - Parameter topics: topic names (a name starting with `^` is a regular expression).
    /// - Throws: ``KafkaError`` if the subscription is rejected (e.g. no `group.id`).
    public func subscribe(to topics: [String]) throws {
        try client.subscribe(topics)
    }

    /// Leaves the subscription (revoking all partitions).
    ///
    /// - Throws: ``KafkaError`` if librdkafka refuses.
    public func unsubscribe() throws {
        try client.unsubscribe()
    }

    /// Reads exactly these partitions, without group rebalancing (manual assignment); replaces any previous one.
    ///
    /// - Parameter partitions: partitions with start offsets (absolute, or ``KafkaTopicPartitionOffset/beginning``,
    ///   ``KafkaTopicPartitionOffset/end``, ``KafkaTopicPartitionOffset/stored``).
    /// - Throws: ``KafkaError`` if the assignment is rejected.
    public func assign(_ partitions: [KafkaTopicPartitionOffset]) throws {
        try client.assign(partitions)
    }

    /// The partitions currently assigned to this consumer.
    ///
    /// - Throws: ``KafkaError`` if librdkafka cannot report it.
    public func assignment() throws -> [KafkaTopicPartition] {
        try client.assignment()
    }

    /// Returns the next batch: waits up to `timeout` for the first message, then takes what is already fetched.
    ///
    /// First it takes what librdkafka has already fetched, without waiting, on the caller's thread: a
    /// zero-timeout drain never waits on the network, and skipping the thread hop keeps a busy consumer fast
    /// when cores are scarce (a rebalance callback inside it makes one short request to librdkafka's own
    /// thread). Only when nothing is buffered does it wait, on the consumer's blocking thread, never on the
    /// cooperative pool. Rebalance callbacks fire during this call; drain them with ``events()``. Non-fatal
    /// errors reported in place of messages become ``KafkaConsumerEvent/error(_:)`` events.
    /// - Parameters:
    ///   - maxMessages: the largest batch to return (≥ 1).
    ///   - timeout: how long to wait when nothing is buffered.
    /// - Returns: between 0 and `maxMessages` messages, in partition order per partition.
    /// - Throws: ``KafkaError`` when the consumer hit a fatal error.
    public func poll(maxMessages: Int, timeout: Duration) async throws -> [KafkaMessage] {
        try await pollBatch(maxMessages: maxMessages, timeout: timeout).messages()
    }

    /// Returns the next batch like ``poll(maxMessages:timeout:)``, but lends librdkafka's messages instead of
    /// copying them: no allocation per message.
    ///
    /// The batch owns the polled messages until the last copy of it is released; keys, values and headers
    /// are read in place through ``KafkaMessageView``. Forward it with ``KafkaProducer/send(_:to:)`` (librdkafka
    /// copies the bytes into the new records), store it with `store(_ batch:)`, or take owning
    /// copies with ``KafkaMessageBatch/messages()``. Hold batches briefly: a lent message may keep the whole fetch
    /// response it came from in memory until it is released.
    /// - Parameters:
    ///   - maxMessages: the largest batch to return (≥ 1).
    ///   - timeout: how long to wait when nothing is buffered.
    /// - Returns: between 0 and `maxMessages` messages, in partition order per partition.
    /// - Throws: ``KafkaError`` when the consumer hit a fatal error.
    public func pollBatch(maxMessages: Int, timeout: Duration) async throws -> KafkaMessageBatch {
        let client = self.client
        let limit = max(maxMessages, 1)
        let milliseconds = timeout.milliseconds
        // First what is already fetched, on the caller's thread (see poll(maxMessages:timeout:)).
        if let ready = try client.pollBatch(maxMessages: limit, timeoutMilliseconds: 0) {
            return KafkaMessageBatch(storage: ready)
        }
        if milliseconds == 0 { return KafkaMessageBatch(storage: nil) }
        return try await executor.run {
            KafkaMessageBatch(storage: try client.pollBatch(maxMessages: limit, timeoutMilliseconds: milliseconds))
        }
    }

    /// Marks a lent batch processed: stores, per partition, the offset after its highest message.
    ///
    /// - Parameter batch: a batch from ``pollBatch(maxMessages:timeout:)``.
    /// - Throws: ``KafkaError`` (`.invalidState`) if a partition is no longer assigned.
    public func store(_ batch: KafkaMessageBatch) throws {
        guard let storage = batch.storage else { return }
        try store(storage.nextOffsets())
    }

    /// Messages of lent batches not yet destroyed (a test hook: releasing every batch brings it to 0).
    var lentMessageCount: Int { client.lentMessages.load(ordering: .relaxed) }

    /// Takes the buffered notifications (rebalances, failed commits, errors), oldest first.
    public func events() -> [KafkaConsumerEvent] {
        client.handle.context.events.withLock { events in
            defer { events.removeAll(keepingCapacity: true) }
            return events
        }
    }

    /// Marks these messages processed: stores, per partition, the offset after the highest one.
    ///
    /// Non-blocking. Stored offsets are committed by auto-commit, on revoke, on ``close()`` or by ``commit()``.
    /// - Parameter messages: processed messages (any order, any partitions).
    /// - Throws: ``KafkaError`` (`.invalidState`) if a partition is no longer assigned.
    public func store(_ messages: [KafkaMessage]) throws {
        // Batches come in runs of one partition: track the run locally, touch the dictionary once per run.
        var next: [KafkaTopicPartition: Int64] = [:]
        var run: (topic: String, partition: Int32, offset: Int64)?
        for message in messages {
            if let current = run, current.partition == message.partition, current.topic == message.topic {
                run = (current.topic, current.partition, max(current.offset, message.offset + 1))
                continue
            }
            if let current = run { Self.merge(current, into: &next) }
            run = (message.topic, message.partition, message.offset + 1)
        }
        if let current = run { Self.merge(current, into: &next) }
        try store(next.map { KafkaTopicPartitionOffset(topic: $0.key.topic, partition: $0.key.partition, offset: $0.value) })
    }

    private static func merge(
        _ run: (topic: String, partition: Int32, offset: Int64), into next: inout [KafkaTopicPartition: Int64]
    ) {
        let key = KafkaTopicPartition(topic: run.topic, partition: run.partition)
        next[key] = max(next[key] ?? Int64.min, run.offset)
    }

    /// Stores explicit offsets (each the offset of the *next* message to read) for a later commit.
    ///
    /// - Parameter offsets: the offsets to store.
    /// - Throws: ``KafkaError`` (`.invalidState`) if a partition is not assigned.
    public func store(_ offsets: [KafkaTopicPartitionOffset]) throws {
        try client.store(offsets)
    }

    /// Commits the stored offsets now and waits for the broker's answer (on the blocking thread).
    ///
    /// - Throws: ``KafkaError`` if the commit fails (nothing stored is not an error).
    public func commit() async throws {
        let client = self.client
        try await executor.run { try client.commit(nil, async: false) }
    }

    /// Commits these offsets now and waits for the broker's answer.
    ///
    /// - Parameter offsets: offsets of the next messages to read.
    /// - Throws: ``KafkaError`` if the commit or one partition's commit fails.
    public func commit(_ offsets: [KafkaTopicPartitionOffset]) async throws {
        let client = self.client
        try await executor.run { try client.commit(offsets, async: false) }
    }

    /// Starts a commit of `offsets` (or of the stored offsets when `nil`) and returns at once.
    ///
    /// A failure arrives later as ``KafkaConsumerEvent/commitFailed(_:)`` from ``events()``.
    /// - Parameter offsets: explicit offsets, or `nil` for the stored ones.
    /// - Throws: ``KafkaError`` if the request cannot be queued.
    public func commitAsync(_ offsets: [KafkaTopicPartitionOffset]? = nil) throws {
        try client.commit(offsets, async: true)
    }

    /// The group's committed offsets for `partitions` (``KafkaTopicPartitionOffset/invalid`` when none).
    ///
    /// - Parameters:
    ///   - partitions: the partitions to ask about.
    ///   - timeout: how long to wait for the group coordinator.
    /// - Throws: ``KafkaError`` on timeout or a broker error.
    public func committed(
        _ partitions: [KafkaTopicPartition], timeout: Duration = .seconds(10)
    ) async throws -> [KafkaTopicPartitionOffset] {
        let client = self.client
        let milliseconds = timeout.milliseconds
        return try await executor.run { try client.committed(partitions, timeoutMilliseconds: milliseconds) }
    }

    /// This consumer's position (the offset of the next message ``poll(maxMessages:timeout:)`` returns).
    ///
    /// - Parameter partitions: assigned partitions.
    /// - Throws: ``KafkaError`` if librdkafka cannot report it.
    public func position(_ partitions: [KafkaTopicPartition]) throws -> [KafkaTopicPartitionOffset] {
        try client.position(partitions)
    }

    /// Moves the read position of assigned partitions; the next poll returns messages from there.
    ///
    /// - Parameters:
    ///   - offsets: target offsets (absolute or logical).
    ///   - timeout: how long to wait for the fetcher to move.
    /// - Throws: ``KafkaError`` if a partition is not assigned or the seek fails.
    public func seek(_ offsets: [KafkaTopicPartitionOffset], timeout: Duration = .seconds(5)) async throws {
        let client = self.client
        let milliseconds = timeout.milliseconds
        try await executor.run { try client.seek(offsets, timeoutMilliseconds: milliseconds) }
    }

    /// Stops fetching these partitions (they stay assigned) until ``resume(_:)``: backpressure per partition.
    ///
    /// - Parameter partitions: assigned partitions.
    /// - Throws: ``KafkaError`` if a partition cannot be paused.
    public func pause(_ partitions: [KafkaTopicPartition]) throws {
        try client.pause(partitions, resume: false)
    }

    /// Resumes fetching partitions paused with ``pause(_:)``.
    ///
    /// - Parameter partitions: paused partitions.
    /// - Throws: ``KafkaError`` if a partition cannot be resumed.
    public func resume(_ partitions: [KafkaTopicPartition]) throws {
        try client.pause(partitions, resume: true)
    }

    /// For each partition, the earliest offset whose timestamp is at or after the given time.
    ///
    /// - Parameters:
    ///   - query: partitions with a timestamp in milliseconds in place of the offset.
    ///   - timeout: how long to wait for the brokers.
    /// - Returns: the offsets (-1 when no such message; always -1 on the embedded broker).
    /// - Throws: ``KafkaError`` on timeout or a broker error.
    public func offsets(
        forTimes query: [KafkaTopicPartitionOffset], timeout: Duration = .seconds(10)
    ) async throws -> [KafkaTopicPartitionOffset] {
        let client = self.client
        let milliseconds = timeout.milliseconds
        return try await executor.run { try client.offsetsForTimes(query, timeoutMilliseconds: milliseconds) }
    }

    /// The low (earliest retained) and high (next to be written) offsets of a partition, asked of its leader.
    ///
    /// - Parameters:
    ///   - topic: the topic.
    ///   - partition: the partition.
    ///   - timeout: how long to wait for the leader.
    /// - Throws: ``KafkaError`` on timeout or an unknown partition.
    public func watermarks(
        topic: String, partition: Int32, timeout: Duration = .seconds(10)
    ) async throws -> (low: Int64, high: Int64) {
        let client = self.client
        let milliseconds = timeout.milliseconds
        let result = try await executor.run {
            let marks = try client.watermarks(topic: topic, partition: partition, timeoutMilliseconds: milliseconds)
            return [marks.low, marks.high]
        }
        return (result[0], result[1])
    }

    /// The partition ids of a topic, asked of the cluster (a metadata request; creates nothing).
    ///
    /// - Parameters:
    ///   - topic: the topic.
    ///   - timeout: how long to wait for the cluster.
    /// - Throws: ``KafkaError`` (`.unknownTopicOrPartition` when the cluster does not know the topic, `.timedOut`).
    ///   The embedded broker creates any topic it is asked about, empty.
    public func partitions(of topic: String, timeout: Duration = .seconds(10)) async throws -> [Int32] {
        let client = self.client
        let milliseconds = timeout.milliseconds
        return try await executor.run { try client.partitions(of: topic, timeoutMilliseconds: milliseconds) }
    }

    /// The low and high watermarks of an assigned partition as last reported by its fetch responses,
    /// without asking the broker (nil until a fetch has reported them).
    ///
    /// Non-blocking, so a hot loop can read consumer lag every batch; ``watermarks(topic:partition:timeout:)``
    /// asks the leader and waits for a round trip on the consumer's executor, delaying the next poll.
    /// - Parameters:
    ///   - topic: the topic.
    ///   - partition: the partition.
    public func cachedWatermarks(topic: String, partition: Int32) -> (low: Int64, high: Int64)? {
        let marks = client.cachedWatermarks(topic: topic, partition: partition)
        return marks.high < 0 ? nil : marks
    }

    /// The consumer's current group metadata, for ``KafkaProducer/sendOffsetsToTransaction(_:groupMetadata:timeout:)``.
    ///
    /// - Throws: ``KafkaError`` (`.invalidState`) when the consumer has no group.
    public func groupMetadata() throws -> KafkaConsumerGroupMetadata {
        KafkaConsumerGroupMetadata(handle: try client.groupMetadata())
    }

    /// Leaves the group gracefully: revokes the assignment (committing stored offsets when auto-commit is on)
    /// and stops fetching. Call it before dropping the consumer; polling afterwards returns nothing.
    ///
    /// - Throws: ``KafkaError`` if the final commit or leave fails.
    public func close() async throws {
        let client = self.client
        try await executor.run { try client.close() }
        logger.debug("Consumer closed.", metadata: [KafkaMetadataKey.client: "\(client.handle.name)"])
    }
}
