import Foundation
import KafkaClient
import KafkaPipelineWorkload

/// The latency phase's load generator: `rate` events per second, round-robin over the partitions, sent in
/// one burst at the start of every wall-clock millisecond.
///
/// Kafka timestamps are whole milliseconds and latency is measured from them. A record sent at a random
/// point of its millisecond would look up to 1 ms older than it is (0.5 ms on average); sent at the start
/// of the millisecond, its timestamp is its send time to within the wake-up and the burst (~0.1 ms), and
/// what remains errs high. Payloads are generated up front and reused cyclically, so building JSON does not
/// compete with the runtime for the cores.
struct PacedLoad {
    let topic: String
    let partitions: Int
    let rate: Double
    let pool: [(key: [UInt8], value: [UInt8])]

    init(topic: String, partitions: Int, rate: Double, workload: PipelineWorkload) {
        self.topic = topic
        self.partitions = partitions
        self.rate = rate
        pool = (0..<50_000).map { (key: workload.key($0), value: workload.value($0)) }
    }

    /// Sends for `duration` through `producer`, calling `warmedUp` once after the first second.
    /// - Returns: the messages sent, the rate achieved and their acknowledgements.
    func run(producer: KafkaProducer, duration: Duration, warmedUp: () -> Void) async throws
        -> (sent: Int, rate: Double, acknowledgements: [KafkaDeliveryAcknowledgement]) {
        let clock = ContinuousClock()
        let start = clock.now
        var sent = 0
        var acknowledgements: [KafkaDeliveryAcknowledgement] = []
        var warm = false
        while clock.now - start < duration {
            let microsecond = Int64(Date().timeIntervalSince1970 * 1_000_000)
            try await Task.sleep(for: .microseconds(1000 - microsecond % 1000), tolerance: .zero)
            let elapsed = seconds(clock.now - start)
            if !warm, elapsed >= 1 { warmedUp(); warm = true }
            let due = Int(elapsed * rate) - sent
            guard due > 0 else { continue }
            let messages = (sent..<sent + due).map { i in
                KafkaProducerMessage(topic: topic, partition: Int32(i % partitions), key: pool[i % pool.count].key, value: pool[i % pool.count].value)
            }
            acknowledgements.append(await producer.send(messages))
            sent += due
        }
        return (sent, Double(sent) / seconds(clock.now - start), acknowledgements)
    }
}
