import Dispatch
import KafkaClient
import RawKafkaPipeline

/// What one consume → produce run did, and how fast.
public struct PipelineOutcome: Sendable {
    /// Messages consumed from the input topic.
    public var consumed: Int
    /// Messages acknowledged by the broker.
    public var delivered: Int
    /// Messages whose delivery failed.
    public var failed: Int
    /// Time from the assignment to the last delivery report.
    public var elapsed: Duration

    /// Consumed messages per second of ``elapsed``.
    public var messagesPerSecond: Double {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return seconds > 0 ? Double(consumed) / seconds : 0
    }

    /// Throws unless every message was consumed and delivered.
    ///
    /// - Parameter expected: the workload's message count.
    /// - Throws: ``WorkloadError`` naming the shortfall.
    public func check(expected: Int) throws {
        guard consumed == expected, delivered == expected, failed == 0 else {
            throw WorkloadError(
                description: "expected \(expected) messages; consumed \(consumed), delivered \(delivered), failed \(failed)")
        }
    }
}

extension PipelineWorkload {
    /// The loop through ``KafkaConsumer`` and ``KafkaProducer``: poll a lent batch
    /// (``KafkaConsumer/pollBatch(maxMessages:timeout:)``), forward it as one batch (``KafkaProducer/send(_:to:)``),
    /// keep its acknowledgement, and at the end await every acknowledgement.
    ///
    /// - Parameters:
    ///   - broker: the embedded broker holding the prepared input topic.
    ///   - output: an existing output topic.
    ///   - readsHeaders: whether polled messages carry headers (the C loop does not read them).
    ///   - lending: forward lent batches (`pollBatch`, `send(_:to:)`); `false` polls owning ``KafkaMessage``s and
    ///     sends ``KafkaProducerMessage``s built from them, as a caller that keeps messages does.
    ///   - stallTimeout: give up when no message arrives for this long.
    /// - Returns: the counts and the elapsed time.
    /// - Throws: ``KafkaError`` or ``WorkloadError`` when the input stalls.
    public func runKafkaClient(
        on broker: EmbeddedBroker, output: String, readsHeaders: Bool = false, lending: Bool = true, stallTimeout: Duration = .seconds(20)
    ) async throws -> PipelineOutcome {
        let servers = broker.bootstrapServers
        var consumerConfiguration = KafkaConsumer.Configuration(
            bootstrapServers: servers, properties: consumerProperties(bootstrapServers: servers))
        consumerConfiguration.readsHeaders = readsHeaders  // the C loop never asks for headers either
        let consumer = try KafkaConsumer(configuration: consumerConfiguration)
        let producer = try KafkaProducer(configuration: .init(
            bootstrapServers: servers, properties: producerProperties(bootstrapServers: servers)))
        let clock = ContinuousClock()
        let start = clock.now
        try consumer.assign((0..<partitions).map {
            KafkaTopicPartitionOffset(topic: inputTopic, partition: Int32($0), offset: KafkaTopicPartitionOffset.beginning)
        })
        var acknowledgements: [KafkaDeliveryAcknowledgement] = []
        acknowledgements.reserveCapacity(messageCount / max(batchSize, 1) + 16)
        var outgoing: [KafkaProducerMessage] = []
        var consumed = 0
        var lastProgress = start
        while consumed < messageCount {
            let received: Int
            if lending {
                // The batch lends librdkafka's messages; send(_:to:) hands their bytes to rd_kafka_produce in place.
                let batch = try await consumer.pollBatch(maxMessages: batchSize, timeout: .milliseconds(100))
                if !batch.isEmpty { acknowledgements.append(await producer.send(batch, to: output)) }
                received = batch.count
            } else {
                let batch = try await consumer.poll(maxMessages: batchSize, timeout: .milliseconds(100))
                outgoing.removeAll(keepingCapacity: true)
                for message in batch { outgoing.append(KafkaProducerMessage(topic: output, key: message.key, value: message.value)) }
                if !batch.isEmpty { acknowledgements.append(await producer.send(outgoing)) }
                received = batch.count
            }
            if received == 0 {
                if clock.now - lastProgress > stallTimeout {
                    throw WorkloadError(description: "input stalled after \(consumed) of \(messageCount) messages")
                }
                continue
            }
            lastProgress = clock.now
            consumed += received
        }
        var delivered = 0
        var failed = 0
        for acknowledgement in acknowledgements {
            do {
                try await acknowledgement.acknowledged()
                delivered += acknowledgement.count
            } catch {
                failed += 1
            }
        }
        let elapsed = clock.now - start
        try await consumer.close()
        await producer.close()
        return PipelineOutcome(consumed: consumed, delivered: delivered, failed: failed, elapsed: elapsed)
    }

    /// The same loop written directly against librdkafka's C API (``RawConsumeProduceLoop``), on a
    /// blocking-friendly thread of its own.
    ///
    /// - Parameters:
    ///   - broker: the embedded broker holding the prepared input topic.
    ///   - output: an existing output topic.
    /// - Returns: the counts and the elapsed time.
    /// - Throws: ``RawConsumeProduceLoop/Failure`` when the C API fails or the input stalls.
    public func runRawC(on broker: EmbeddedBroker, output: String) async throws -> PipelineOutcome {
        let servers = broker.bootstrapServers
        let workload = self
        let outcome = try await runOnDedicatedThread {
            try RawConsumeProduceLoop.run(
                bootstrapServers: servers, input: workload.inputTopic, partitions: Int32(workload.partitions),
                output: output, count: workload.messageCount, batchSize: workload.batchSize,
                consumerProperties: workload.consumerProperties(bootstrapServers: servers),
                producerProperties: workload.producerProperties(bootstrapServers: servers))
        }
        return PipelineOutcome(
            consumed: outcome.consumed, delivered: outcome.delivered, failed: outcome.failed, elapsed: outcome.elapsed)
    }
}

/// Runs blocking work on a Dispatch thread, so the C loop never blocks Swift's cooperative pool.
private func runOnDedicatedThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue(label: "eddy.bench.raw-c").async { continuation.resume(with: Result { try body() }) }
    }
}
