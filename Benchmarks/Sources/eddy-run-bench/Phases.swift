import Foundation
import KafkaClient
import KafkaPipelineWorkload
import StreamProcessor

extension RuntimeHarness {
    /// Produces events at a fixed `rate` for `duration` into a fresh topic (``PacedLoad``) while the runtime
    /// runs, and returns the runtime's own event-to-prediction samples (record timestamp → prediction handed to
    /// the producer), after a one-second warm-up.
    ///
    /// With `beside` (a consumer's properties), a bare consumer reads the same input at the same time and its
    /// record timestamp → polled samples come back too: the transport under the load the runtime puts on the
    /// machine and the broker (it adds a second fetcher to the broker).
    func latency(workload: PipelineWorkload, rate: Double, duration: Duration, capture: LatencyCapture, lingerMilliseconds: Int,
                 extra: [String: String], tag: String, beside: [String: String]? = nil)
        async throws -> (samples: [Int64], produced: Int, achievedRate: Double, beside: [Int64]?) {
        let input = "latency-input-\(tag)"
        try await cluster.createTopic(input, partitions: partitions)
        let base = capture.outputs.load(ordering: .relaxed)
        let (task, runtime) = try await start(input: input, tag: tag, extra: extra)
        let clock = ContinuousClock()
        let joinDeadline = clock.now + .seconds(60)
        while runtime.status.assignedPartitions == 0 {
            try await Task.sleep(for: .milliseconds(50))
            if clock.now > joinDeadline { throw BenchError(description: "the latency runtime never joined") }
        }
        // The input producer lingers `lingerMilliseconds` (a latency-minded upstream); its wait counts in the figure.
        let producer = try KafkaProducer(configuration: .init(
            bootstrapServers: cluster.bootstrapServers, properties: ["linger.ms": String(lingerMilliseconds)]))
        let besideTask = try beside.map { properties in
            let consumer = try KafkaConsumer(configuration: .init(bootstrapServers: cluster.bootstrapServers, groupID: nil, properties: properties))
            try consumer.assign((0..<partitions).map { KafkaTopicPartitionOffset(topic: input, partition: Int32($0), offset: 0) })
            return Task { try await pollLatencies(consumer, for: duration) }
        }
        let load = PacedLoad(topic: input, partitions: partitions, rate: rate, workload: workload)
        let (sent, achieved, acknowledgements) = try await load.run(producer: producer, duration: duration) { capture.start() }
        for a in acknowledgements { try await a.acknowledged() }
        let besideSamples = try await besideTask?.value
        await producer.close()
        let drainDeadline = clock.now + .seconds(120)
        while capture.outputs.load(ordering: .relaxed) - base < sent, clock.now < drainDeadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        let samples = capture.stop()
        task.cancel()
        _ = try? await task.value
        return (samples, sent, achieved, besideSamples)
    }
}

/// The memory run: the partition pipeline (the same one `eddy run` and `eddy replay` drive) over `events`
/// generated events without Kafka, sampling the process's resident set every `every` events.
struct MemoryRun: PipelineVisitor {
    let workload: PipelineWorkload
    let events: Int
    let every: Int

    func visit<Model: ExplainingClassifier>(_ pipeline: PartitionPipeline<Model>) throws -> [(events: Int, rssMiB: Double)] {
        var pipeline = pipeline
        var outputs: [OutputRecord] = []
        outputs.reserveCapacity(1024)
        var samples: [(Int, Double)] = [(0, residentMiB())]
        // A pool of distinct payloads reused cyclically: generating 10M JSON strings would dominate the run.
        let pool = (0..<min(events, 100_000)).map { workload.value($0) }
        for i in 0..<events {
            pipeline.process(InputRecord(topic: "memory", offset: Int64(i), value: pool[i % pool.count]), into: &outputs)
            if outputs.count >= 1024 { outputs.removeAll(keepingCapacity: true) }
            if (i + 1) % every == 0 { samples.append((i + 1, residentMiB())) }
        }
        return samples
    }
}

/// The resident set size of this process, in MiB (from /proc/self/statm).
func residentMiB() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return .nan }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Double(fields[1]) else { return .nan }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}
