import Foundation
import KafkaClient
import KafkaPipelineWorkload

/// The transport's share of the latency phase: the same producer at `rate` into a fresh topic and a bare
/// KafkaClient consumer polling it, with no processing; returns record timestamp → polled, in nanoseconds,
/// after a one-second warm-up, from the record's timestamp as the runtime measures (``PacedLoad`` sends at the
/// start of each millisecond, so the timestamp is the send time). Eddy's event-to-prediction latency cannot be lower.
func transportLatency(cluster: BenchCluster, workload: PipelineWorkload, partitions: Int, rate: Double, seconds duration: Int,
                      consumerProperties: [String: String], producerProperties: [String: String]) async throws -> [Int64] {
    let topic = "transport-\(Int.random(in: 0..<1_000_000))"
    try await cluster.createTopic(topic, partitions: partitions)
    let consumer = try KafkaConsumer(configuration: .init(bootstrapServers: cluster.bootstrapServers, groupID: nil,
                                                          properties: consumerProperties))
    try consumer.assign((0..<partitions).map { KafkaTopicPartitionOffset(topic: topic, partition: Int32($0), offset: 0) })
    let producer = try KafkaProducer(configuration: .init(bootstrapServers: cluster.bootstrapServers, properties: producerProperties))
    let consumerTask = Task { try await pollLatencies(consumer, for: .seconds(duration + 1)) }
    _ = try await PacedLoad(topic: topic, partitions: partitions, rate: rate, workload: workload)
        .run(producer: producer, duration: .seconds(duration)) {}
    let samples = try await consumerTask.value
    await producer.close()
    return samples
}

/// Polls `consumer` for `duration` and returns, for every record polled after the first second, its record
/// timestamp → polled, in nanoseconds (``PacedLoad`` sends at the start of each millisecond, so the timestamp
/// is the send time).
func pollLatencies(_ consumer: KafkaConsumer, for duration: Duration) async throws -> [Int64] {
    let clock = ContinuousClock()
    let start = clock.now
    var samples: [Int64] = []
    while clock.now - start < duration {
        let batch = try await consumer.poll(maxMessages: 5000, timeout: .milliseconds(100))
        let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
        if clock.now - start > .seconds(1) { for m in batch { if let t = m.timestamp?.milliseconds { samples.append(max(0, now - t * 1000) * 1000) } } }
    }
    return samples
}
