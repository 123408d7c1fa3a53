import Benchmark
import KafkaClient
import KafkaPipelineWorkload

// Consume → produce through KafkaClient beside the same loop against the C API, on one embedded broker
// whose input topic (1,000,000 JSON messages of 200 bytes over 64 partitions) is filled once, before any
// measurement. One scaled iteration is one message, so the scaled wall clock reads as time per message.
// (package-benchmark derives `throughput` as whole iterations per second, which rounds to 0 for iterations of
// several seconds, so that row stays empty here; messages per second are 1e9 / the wall clock per message.)
// For both rates and their ratio from one run, use `swift run -c release eddy-kafka-bench`.

/// The broker and workload shared by both benchmarks, prepared once in the global setup.
final class PipelineFixture: @unchecked Sendable {
    // @unchecked: written once in Benchmark.setup, before any benchmark runs, then only read.
    static let shared = PipelineFixture()
    let workload = PipelineWorkload(messageCount: 1_000_000)
    var broker: EmbeddedBroker?

    func prepare() async throws {
        guard broker == nil else { return }
        let broker = try EmbeddedBroker()
        try await workload.prepare(on: broker)
        try workload.createOutputTopic("output-kafkaclient", on: broker)
        try workload.createOutputTopic("output-raw-c", on: broker)
        self.broker = broker
    }
}

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.throughput, .wallClock, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 0, scalingFactor: .mega, maxDuration: .seconds(120), maxIterations: 3,
        setup: { try await PipelineFixture.shared.prepare() })

    Benchmark("KafkaClient_consumeProduce_1M", configuration: configuration) { benchmark in
        let fixture = PipelineFixture.shared
        let outcome = try await fixture.workload.runKafkaClient(on: fixture.broker!, output: "output-kafkaclient")
        try outcome.check(expected: benchmark.scaledIterations.count)
    }

    Benchmark("RawC_consumeProduce_1M", configuration: configuration) { benchmark in
        let fixture = PipelineFixture.shared
        let outcome = try await fixture.workload.runRawC(on: fixture.broker!, output: "output-raw-c")
        try outcome.check(expected: benchmark.scaledIterations.count)
    }
}
