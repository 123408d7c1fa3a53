import Dispatch
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An asynchronous Kafka producer: enqueue batches, await their delivery, optionally inside transactions.
///
/// ``send(_:)`` hands a whole batch to librdkafka (which copies each payload once) and returns a
/// ``KafkaDeliveryAcknowledgement`` at once; awaiting it yields every message's partition and offset, or its
/// error. librdkafka batches on the wire (`linger.ms`, `batch.size`), retries transient failures and, with
/// idempotence (the default), never duplicates a retried message. A dedicated polling thread serves delivery
/// reports so no cooperative thread ever blocks.
///
/// ```swift
/// let producer = try KafkaProducer(configuration: .init(bootstrapServers: broker.bootstrapServers))
/// let ack = await producer.send([KafkaProducerMessage(topic: "out", key: "k", value: "v")])
/// try await ack.acknowledged()
/// await producer.close()
/// ```
///
/// Exactly-once: configure a `transactionalID`, call ``initTransactions(timeout:)`` once, then per batch
/// ``beginTransaction()``, ``send(_:)``, ``sendOffsetsToTransaction(_:groupMetadata:timeout:)`` and
/// ``commitTransaction(timeout:)`` (or ``abortTransaction(timeout:)`` when an error says
/// `.transactionAbortRequired`).
public final class KafkaProducer: Sendable {
    private let client: RDKafkaProducerClient
    private let executor: BlockingExecutor
    private let polling: PollingLoop
    private let logger: Logger

    /// Creates a producer and starts its delivery-report thread; it connects lazily.
    ///
    /// - Parameters:
    ///   - configuration: connection, idempotence, transactions and librdkafka properties.
    ///   - logger: receives librdkafka's log lines and the producer's own notices.
    /// - Throws: ``KafkaError`` (`.configuration`) when librdkafka rejects a property.
    public init(configuration: Configuration, logger: Logger = Logger(label: "eddy.kafka.producer")) throws {
        let client = try RDKafkaProducerClient(properties: configuration.librdkafkaProperties, logger: logger)
        self.client = client
        self.executor = BlockingExecutor(label: "eddy.kafka.producer.\(client.handle.name)")
        self.polling = PollingLoop(client: client)
        self.logger = logger
    }

    deinit {
        // Without close(): stop the polling thread; it purges what is left and releases the client.
        polling.stop()
    }

    /// Enqueues a batch and returns its acknowledgement without waiting for the brokers.
    ///
    /// When librdkafka's local queue is full the call waits (suspending, never blocking) for deliveries to make
    /// room. Messages refused for good (too large for `message.max.bytes`, unknown partition, producer closed
    /// or fenced) are reported failed in the acknowledgement; they never crash and never stop the batch.
    /// - Parameter messages: the records, produced in order (order is kept per partition).
    /// - Returns: the batch's acknowledgement; await ``KafkaDeliveryAcknowledgement/acknowledged()`` or
    ///   ``KafkaDeliveryAcknowledgement/reports()``.
    public func send(_ messages: [KafkaProducerMessage]) async -> KafkaDeliveryAcknowledgement {
        let acknowledgement = KafkaDeliveryAcknowledgement(count: messages.count)
        await enqueue(count: messages.count, acknowledgement) { client.produce(messages, from: $0, acknowledgement: acknowledgement) }
        return acknowledgement
    }

    /// Forwards a lent batch to `topic`: each message's key, value and headers (when the consumer read them)
    /// go straight from librdkafka's buffers into new records, the partitioner choosing the partition.
    ///
    /// librdkafka copies the bytes into each new record while enqueueing, so `batch` may be released as
    /// soon as this returns. Queue-full waits and refusals behave as in ``send(_:)``; timestamps are not
    /// forwarded (the new records get the current time).
    /// - Parameters:
    ///   - batch: a batch from ``KafkaConsumer/pollBatch(maxMessages:timeout:)``.
    ///   - topic: the destination topic.
    /// - Returns: the batch's acknowledgement, one report per message in batch order.
    public func send(_ batch: KafkaMessageBatch, to topic: String) async -> KafkaDeliveryAcknowledgement {
        let acknowledgement = KafkaDeliveryAcknowledgement(count: batch.count)
        guard let storage = batch.storage else { return acknowledgement }
        await enqueue(count: storage.count, acknowledgement) {
            client.produce(forwarding: storage, from: $0, to: topic, acknowledgement: acknowledgement)
        }
        return acknowledgement
    }

    /// Enqueues `count` records through `produce` (which enqueues from an index until the queue is full and
    /// returns the first index left), waiting for deliveries to make room between calls; what cannot be
    /// enqueued because the producer closed or the send was cancelled is failed in `acknowledgement`.
    private func enqueue(count: Int, _ acknowledgement: KafkaDeliveryAcknowledgement, produce: (Int) -> Int) async {
        var next = 0
        while next < count {
            if polling.isStopped {
                failRemaining(acknowledgement, from: next, KafkaError(code: .closed, message: "The producer is closed."))
                return
            }
            next = produce(next)
            guard next < count else { return }
            // Queue full: give the polling thread time to serve deliveries.
            do {
                try await Task.sleep(for: .milliseconds(1))
            } catch {
                failRemaining(acknowledgement, from: next, KafkaError(code: .purged, message: "The send was cancelled."))
                return
            }
        }
    }

    /// Enqueues one message; see ``send(_:)``.
    ///
    /// - Parameter message: the record.
    /// - Returns: its acknowledgement.
    public func send(_ message: KafkaProducerMessage) async -> KafkaDeliveryAcknowledgement {
        await send([message])
    }

    private func failRemaining(_ acknowledgement: KafkaDeliveryAcknowledgement, from start: Int, _ error: KafkaError) {
        for index in start..<acknowledgement.count { acknowledgement.fail(index: index, error: error) }
    }

    /// Waits until every message sent so far is acknowledged (runs `rd_kafka_flush` off the cooperative pool).
    ///
    /// - Parameter timeout: the longest wait.
    /// - Throws: ``KafkaError`` (`.timedOut`) if messages are still outstanding after `timeout`.
    public func flush(timeout: Duration = .seconds(30)) async throws {
        let client = self.client
        let milliseconds = timeout.milliseconds
        try await executor.run { try client.flush(timeoutMilliseconds: milliseconds) }
    }

    /// Registers the `transactionalID` with the cluster and fences older producers using it. Call once.
    ///
    /// - Parameter timeout: the longest wait for the transaction coordinator.
    /// - Throws: ``KafkaError`` (e.g. `.timedOut`, retriable; `.fenced`, fatal).
    public func initTransactions(timeout: Duration = .seconds(30)) async throws {
        let client = self.client
        let milliseconds = timeout.milliseconds
        try await executor.run { try client.initTransactions(timeoutMilliseconds: milliseconds) }
    }

    /// Starts a transaction: messages sent from now on commit or abort together.
    ///
    /// - Throws: ``KafkaError`` (`.invalidState` when transactions are not initialised or one is open).
    public func beginTransaction() throws {
        try client.beginTransaction()
    }

    /// Adds the consumer's offsets to the current transaction, so they commit atomically with its messages.
    ///
    /// - Parameters:
    ///   - offsets: per partition, the offset of the next message to consume (last processed + 1).
    ///   - groupMetadata: the consumer's ``KafkaConsumer/groupMetadata()``.
    ///   - timeout: the longest wait.
    /// - Throws: ``KafkaError``; `.transactionAbortRequired` means call ``abortTransaction(timeout:)``.
    public func sendOffsetsToTransaction(
        _ offsets: [KafkaTopicPartitionOffset], groupMetadata: KafkaConsumerGroupMetadata,
        timeout: Duration = .seconds(30)
    ) async throws {
        let client = self.client
        let milliseconds = timeout.milliseconds
        try await executor.run {
            try client.sendOffsetsToTransaction(offsets, groupMetadata: groupMetadata.handle, timeoutMilliseconds: milliseconds)
        }
    }

    /// Flushes and commits the current transaction.
    ///
    /// - Parameter timeout: the longest wait.
    /// - Throws: ``KafkaError``; if `isRetriable`, call again; `.transactionAbortRequired`, abort; `isFatal`,
    ///   recreate the producer.
    public func commitTransaction(timeout: Duration = .seconds(30)) async throws {
        let client = self.client
        let milliseconds = timeout.milliseconds
        try await executor.run { try client.commitTransaction(timeoutMilliseconds: milliseconds) }
    }

    /// Aborts the current transaction: its messages are discarded for `read_committed` consumers.
    ///
    /// - Parameter timeout: the longest wait.
    /// - Throws: ``KafkaError`` if the abort fails (fatal errors need a new producer).
    public func abortTransaction(timeout: Duration = .seconds(30)) async throws {
        let client = self.client
        let milliseconds = timeout.milliseconds
        try await executor.run { try client.abortTransaction(timeoutMilliseconds: milliseconds) }
    }

    /// The fatal error this producer hit, if any (it must then be closed and recreated).
    public var fatalError: KafkaError? { client.fatalError.withLock { $0 } }

    /// Flushes outstanding messages for up to `timeout`, purges what is left (reported `.purged`) and stops
    /// the polling thread. Every acknowledgement is complete when this returns.
    ///
    /// - Parameter timeout: how long to wait for outstanding deliveries.
    public func close(timeout: Duration = .seconds(10)) async {
        do {
            try await flush(timeout: timeout)
        } catch {
            logger.warning("Producer closed with undelivered messages.", metadata: [KafkaMetadataKey.error: "\(error)"])
        }
        polling.stop()
        let polling = self.polling
        _ = try? await executor.run { polling.waitUntilFinished() }
    }
}

/// The producer's delivery-report thread: serves librdkafka's main queue until stopped.
final class PollingLoop: Sendable {
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts serving `client`'s events on a dedicated Dispatch queue.
    init(client: RDKafkaProducerClient) {
        let queue = DispatchQueue(label: "eddy.kafka.producer.poll.\(client.handle.name)")
        queue.async { [self] in
            while !stopped.load(ordering: .acquiring) {
                guard client.serveEvents(timeoutMilliseconds: 100) else { continue }
                // A broker answers for many partitions at once and each partition's reports are a separate
                // event, each waking this thread: serve what is ready, then let the rest of the burst gather
                // for a moment (a wake-up per burst, not per event; acknowledgements wait at most ~0.5 ms more).
                while client.serveEvents(timeoutMilliseconds: 0) {}
                usleep(500)
            }
            // Report what is left (as purged) so no acknowledgement waits forever.
            client.purgeAll()
            var idle = 0
            while client.outstanding > 0 && idle < 50 {
                idle = client.serveEvents(timeoutMilliseconds: 100) ? 0 : idle + 1
            }
            finished.signal()
        }
    }

    /// Whether ``stop()`` was called.
    var isStopped: Bool { stopped.load(ordering: .acquiring) }

    /// Asks the loop to finish (idempotent).
    func stop() { stopped.store(true, ordering: .releasing) }

    /// Blocks until the loop has finished (call off the cooperative pool, after ``stop()``).
    func waitUntilFinished() {
        finished.wait()
        finished.signal()  // let later callers through too
    }
}
