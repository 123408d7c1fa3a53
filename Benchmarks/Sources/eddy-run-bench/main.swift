#if canImport(Glibc)
import Glibc
#endif
import Foundation
import KafkaClient
import KafkaPipelineWorkload
import Metrics
import StreamProcessor

// eddy-run-bench: issue 4's acceptance figures for `eddy run`, in one process on one embedded broker.
//   (a) KafkaClient's consume → produce loop (kbench's workload) and (b) the runtime with naive Bayes over the
//   same pre-filled topic, alternating for several rounds; (c) abstaining leveraging bagging ×10 in the runtime
//   against the same model's JSON-lines replay of the same events; (d) the runtime's event-to-prediction
//   latency at half of (b)'s rate (or latency-rate=N events/s without running (a) and (b)), beside the
//   transport's own latency at that rate (a bare consumer); (e) RSS over a long run of the pipeline (no Kafka: the mock keeps ~5 MiB per
//   partition). Usage: eddy-run-bench [key=value ...]
//   events=500000 partitions=64 rounds=2 levbag-events=100000 latency-seconds=10 latency-linger=1 memory-events=10000000
//   only=a,b,c,d,e   and any EDDY_ variable (applied to every runtime, e.g. EDDY_BATCH_SIZE=1000).
//   beside=1 adds a bare consumer reading the latency phase's input while the runtime runs (a diagnostic:
//   how late records reach any consumer under the runtime's load; it is one more fetcher for the broker).
//   brokers=host:port runs the latency phase against a real Kafka instead (only=d latency-rate=N; topics are
//   created through the Admin API, named with the run's id).

let options: [String: String] = Dictionary(CommandLine.arguments.dropFirst().compactMap { argument in
    let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
    return parts.count == 2 ? (parts[0], parts[1]) : nil
}) { _, last in last }
func option(_ key: String, _ fallback: Int) -> Int { options[key].flatMap { Int($0) } ?? fallback }
let events = option("events", 500_000)
let partitions = option("partitions", 64)
let rounds = option("rounds", 2)
let levbagEvents = option("levbag-events", 100_000)
let latencySeconds = option("latency-seconds", 10)
let memoryEvents = option("memory-events", 10_000_000)
let latencyLinger = option("latency-linger", 1)
let besideConsumer = option("beside", 0) == 1
let phases = Set((options["only"] ?? "a,b,c,d,e").split(separator: ",").map(String.init))
let runtimeExtra = options.filter { $0.key.hasPrefix("EDDY_") }
let naiveBayes = runtimeExtra.merging(["EDDY_MODEL": "naive_bayes"]) { old, _ in old }
let levbag = runtimeExtra.merging(["EDDY_MODEL": "leveraging_bagging", "EDDY_ENSEMBLE_SIZE": "10", "EDDY_ABSTAIN": "true"]) { old, _ in old }

let capture = LatencyCapture()
MetricsSystem.bootstrap(capture)

func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s.isEmpty ? .nan : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
func fmt(_ value: Double, _ digits: Int = 0) -> String { String(format: "%.\(digits)f", value) }
func spread(_ values: [Double], _ digits: Int = 0) -> String { values.map { fmt($0, digits) }.joined(separator: ", ") }
var table: [(String, String, String)] = []

do {
    let broker = try EmbeddedBroker()
    let cluster = try options["brokers"].map { try BenchCluster(bootstrapServers: $0) } ?? BenchCluster(embedded: broker)
    if cluster.isExternal, phases != ["d"] || options["latency-rate"] == nil {
        throw BenchError(description: "brokers= runs only the latency phase: add only=d latency-rate=N")
    }
    let runID = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    let workload = PipelineWorkload(messageCount: events, partitions: partitions)
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-run-bench-\(getpid())").path
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: work) }

    // The data dictionary, inferred once from the workload's events and pinned (as `eddy schema infer` would).
    var inference = PipelineConfiguration()
    inference.idField = "id"; inference.labelField = "class"; inference.timeField = "ts"
    var bootstrap = try SchemaBootstrap(configuration: inference)
    for i in 0..<2_000 { _ = try bootstrap.offer(InputRecord(topic: "sample", offset: Int64(i), value: workload.value(i))) }
    let schemaPath = work + "/schema.json"
    try Data(try bootstrap.finish().jsonString().utf8).write(to: URL(fileURLWithPath: schemaPath))
    let harness = RuntimeHarness(cluster: cluster, partitions: partitions, schemaPath: schemaPath, stateDirectory: work + "/state", capture: capture)
    say("cluster \(cluster.isExternal ? cluster.bootstrapServers : "embedded") events=\(events) partitions=\(partitions) rounds=\(rounds) value=\(workload.valueSize) B; runtime settings: \(runtimeExtra.isEmpty ? "defaults" : "\(runtimeExtra)")")

    if phases.contains("p") {  // probe: produce 500, await the acknowledgement, repeat
        try broker.createTopic("probe", partitions: partitions)
        let props = Dictionary(uniqueKeysWithValues: runtimeExtra.filter { $0.key.hasPrefix("EDDY_KAFKA_") }.map {
            (String($0.key.dropFirst(11)).lowercased().replacingOccurrences(of: "_", with: "."), $0.value) })
        let producer = try KafkaProducer(configuration: .init(bootstrapServers: broker.bootstrapServers, idempotent: ProcessInfo.processInfo.environment["PROBE_IDEMPOTENT"] != "0", properties: props))
        for round in 0..<10 {
            let t0 = ContinuousClock.now
            let a = await producer.send((0..<500).map { KafkaProducerMessage(topic: "probe", key: workload.key($0), value: workload.value($0)) })
            let t1 = ContinuousClock.now
            try await a.acknowledged()
            say("probe \(round): send \(ContinuousClock.now - t0 - (ContinuousClock.now - t1)) ack \(ContinuousClock.now - t1)")
        }
        await producer.close()
    }
    var runtimeRates: [Double] = []
    if phases.contains("a") || phases.contains("b") || (phases.contains("d") && options["latency-rate"] == nil) {
        try await workload.prepare(on: broker)
        var loopRates: [Double] = []
        var ratios: [Double] = []
        for round in 1...max(rounds, 1) {
            var loopRate = Double.nan, runtimeRate = Double.nan
            for step in round % 2 == 1 ? ["a", "b"] : ["b", "a"] {
                if step == "a" {
                    try workload.createOutputTopic("loop-output-\(round)", on: broker)
                    let outcome = try await workload.runKafkaClient(on: broker, output: "loop-output-\(round)")
                    try outcome.check(expected: events)
                    loopRate = outcome.messagesPerSecond
                } else {
                    runtimeRate = try await harness.throughput(input: workload.inputTopic, expected: events, tag: "nb-\(round)", extra: naiveBayes).rate
                }
            }
            loopRates.append(loopRate); runtimeRates.append(runtimeRate); ratios.append(runtimeRate / loopRate)
            say("round \(round): KafkaClient loop \(fmt(loopRate)) msg/s, eddy run (naive Bayes) \(fmt(runtimeRate)) ev/s, ratio \(fmt(100 * runtimeRate / loopRate)) %")
        }
        table.append(("(a) KafkaClient consume→produce", "\(fmt(median(loopRates))) msg/s", "runs: \(spread(loopRates))"))
        table.append(("(b) eddy run, naive Bayes", "\(fmt(median(runtimeRates))) ev/s", "runs: \(spread(runtimeRates))"))
        table.append(("    (b)/(a), goal ≥ 60 %", "\(fmt(100 * median(ratios))) %", "runs: \(spread(ratios.map { $0 * 100 })) %"))
    }

    if phases.contains("c") {
        let lev = PipelineWorkload(messageCount: levbagEvents, partitions: partitions)
        var levWorkload = lev
        levWorkload.inputTopic = "levbag-input"
        try await levWorkload.prepare(on: broker)
        let jsonl = work + "/levbag.jsonl"
        var text = [UInt8]()
        for i in 0..<levbagEvents { text += levWorkload.value(i); text.append(UInt8(ascii: "\n")) }
        try Data(text).write(to: URL(fileURLWithPath: jsonl))
        let settings = try ProcessSettings(sources: SettingsSources(environment: harness.environment(input: "", tag: "replay", extra: levbag)))
        var replayRates: [Double] = [], runRates: [Double] = [], ratios: [Double] = []
        for round in 1...max(rounds, 1) {
            let replay = try JSONLinesReplay.run(spec: settings.model, configuration: settings.pipeline, options: JSONLinesReplayOptions(path: jsonl))
            // The runtime spreads the events over one model per partition; replay runs them through one.
            let run = try await harness.throughput(input: levWorkload.inputTopic, expected: levbagEvents, tag: "lev-\(round)", extra: levbag).rate
            replayRates.append(replay.eventsPerSecond); runRates.append(run); ratios.append(run / replay.eventsPerSecond)
            say("round \(round): LevBag×10 abstaining: replay \(fmt(replay.eventsPerSecond)) ev/s (pipeline loop), eddy run \(fmt(run)) ev/s, ratio \(fmt(100 * run / replay.eventsPerSecond)) %")
        }
        table.append(("(c) replay, abstaining LevBag×10", "\(fmt(median(replayRates))) ev/s", "runs: \(spread(replayRates))"))
        table.append(("    eddy run, same model", "\(fmt(median(runRates))) ev/s", "runs: \(spread(runRates))"))
        table.append(("    run/replay, goal ≥ 80 %", "\(fmt(100 * median(ratios))) %", "runs: \(spread(ratios.map { $0 * 100 })) %"))
    }

    if phases.contains("d") {
        let maximum = options["latency-rate"].flatMap(Double.init).map { $0 * 2 } ?? median(runtimeRates)
        let rate = maximum / 2
        // Eddy's consumer fetch wait, for the bare consumers that measure the transport.
        let fetchWait = runtimeExtra["EDDY_KAFKA_FETCH_WAIT_MAX_MS"].map { ["fetch.wait.max.ms": $0] } ?? [:]
        for round in 1...max(rounds, 1) {
            let r = try await harness.latency(workload: workload, rate: rate, duration: .seconds(latencySeconds), capture: capture, lingerMilliseconds: latencyLinger,
                                              extra: naiveBayes, tag: "lat-\(round)-\(runID)", beside: besideConsumer ? fetchWait : nil)
            let p50 = quantileMilliseconds(r.samples, 0.5), p99 = quantileMilliseconds(r.samples, 0.99)
            let worst = quantileMilliseconds(r.samples, 1)
            say("round \(round): latency at \(fmt(r.achievedRate)) ev/s (target \(fmt(rate))): p50 \(fmt(p50, 2)) ms, p99 \(fmt(p99, 2)) ms, max \(fmt(worst, 1)) ms over \(r.samples.count) events")
            for (label, values) in capture.stages.withLock({ $0 }).sorted(by: { $0.key < $1.key }) {
                say("  \(label): p50 \(fmt(quantileMilliseconds(values, 0.5), 2)) ms, p99 \(fmt(quantileMilliseconds(values, 0.99), 2)) ms")
            }
            if let beside = r.beside {
                say("  bare consumer beside the runtime (timestamp → polled): p50 \(fmt(quantileMilliseconds(beside, 0.5), 2)) ms, p99 \(fmt(quantileMilliseconds(beside, 0.99), 2)) ms")
            }
            // The floor: the same load through the broker to a bare consumer (with the load generator's linger).
            let floor = try await transportLatency(cluster: cluster, workload: workload, partitions: partitions, rate: rate, seconds: latencySeconds,
                                                   consumerProperties: fetchWait, producerProperties: ["linger.ms": String(latencyLinger)])
            let floor50 = quantileMilliseconds(floor, 0.5), floor99 = quantileMilliseconds(floor, 0.99)
            say("  transport alone (timestamp → polled by a bare consumer): p50 \(fmt(floor50, 2)) ms, p99 \(fmt(floor99, 2)) ms")
            let stages = capture.stages.withLock { $0 }
            let processing99 = stages["eddy_processing_seconds"].map { quantileMilliseconds($0, 0.99) } ?? .nan
            table.append(("(d) latency @ \(fmt(r.achievedRate)) ev/s", "p99 \(fmt(p99, 2)) ms", "p50 \(fmt(p50, 2)) ms, max \(fmt(worst, 1)) ms, n=\(r.samples.count); transport alone p99 \(fmt(floor99, 2)) ms; processing p99 \(fmt(processing99, 2)) ms"))
        }
    }

    if phases.contains("e") {
        let settings = try ProcessSettings(sources: SettingsSources(environment: harness.environment(input: "", tag: "memory", extra: naiveBayes)))
        var memoryBootstrap = try SchemaBootstrap(configuration: settings.pipeline)
        let dictionary = try memoryBootstrap.finish()
        let every = max(memoryEvents / 20, 1)
        let start = ContinuousClock.now
        let samples = try PipelineFactory.build(spec: settings.model, dictionary: dictionary, topic: "memory",
                                                configuration: settings.pipeline, visitor: MemoryRun(workload: workload, events: memoryEvents, every: every))
        let elapsed = seconds(ContinuousClock.now - start)
        say("RSS (MiB) every \(every) events: " + samples.map { fmt($0.rssMiB, 1) }.joined(separator: " "))
        let afterWarmUp = samples.count > 1 ? samples[1].rssMiB : samples[0].rssMiB
        let last = samples.last!.rssMiB, most = samples.map(\.rssMiB).max()!
        table.append(("(e) RSS, \(memoryEvents) events NB", "\(fmt(100 * (last - afterWarmUp) / afterWarmUp, 1)) % growth",
                      "at \(every): \(fmt(afterWarmUp, 1)) MiB, last \(fmt(last, 1)), max \(fmt(most, 1)); \(fmt(Double(memoryEvents) / elapsed)) ev/s"))
    }

    say("")
    say("| measure | value | detail |")
    say("| --- | --- | --- |")
    for row in table { say("| \(row.0) | \(row.1) | \(row.2) |") }
    exit(0)
} catch {
    say("eddy-run-bench failed: \(error)")
    exit(1)
}
