#if canImport(Glibc)
import Glibc
#endif
import KafkaClient
import KafkaPipelineWorkload

// eddy-kafka-bench: the consume → produce loop through KafkaClient beside the same loop written against the
// C API, in one process on one embedded broker, alternating over several rounds; prints both rates and the
// ratio of their medians. Usage: eddy-kafka-bench [messages] [rounds] [raw-c|kafkaclient] [copying]
// (defaults: 1000000 3, both loops; `copying` makes the KafkaClient loop use the owning poll instead of pollBatch)

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let copying = CommandLine.arguments.dropFirst().contains("copying")
let only = CommandLine.arguments.dropFirst().first { Int($0) == nil && $0 != "copying" }  // "raw-c" or "kafkaclient": profile one loop
let messages = arguments.first ?? 1_000_000
let rounds = arguments.dropFirst().first ?? 3
let workload = PipelineWorkload(messageCount: messages)

func rate(_ value: Double) -> String { "\(Int(value.rounded()))" }
func micro(_ value: Double) -> String { String(Double(Int((value * 100).rounded())) / 100) }
func seconds(_ duration: Duration) -> String {
    let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    return String(Int((value * 1000).rounded())) + " ms"
}
/// CPU seconds (user + system) used by this whole process so far: the loop, its librdkafka threads and the broker.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

do {
    let broker = try EmbeddedBroker()
    print("Filling \(workload.inputTopic): \(messages) JSON messages of \(workload.valueSize) bytes over \(workload.partitions) partitions...")
    let fillStart = ContinuousClock.now
    try await workload.prepare(on: broker)
    print("Filled in \(seconds(ContinuousClock.now - fillStart)); every message retained.")
    try workload.createOutputTopic("output-kafkaclient", on: broker)
    try workload.createOutputTopic("output-raw-c", on: broker)

    var swiftRates: [Double] = []
    var rawRates: [Double] = []
    var swiftCPU: [Double] = []
    var rawCPU: [Double] = []
    for round in 1...max(rounds, 1) {
        // Alternate the order so neither loop always runs on a warmer (or more fragmented) broker.
        for loop in round % 2 == 1 ? ["raw-c", "kafkaclient"] : ["kafkaclient", "raw-c"] where only == nil || only == loop {
            let cpuBefore = processCPUSeconds()
            let outcome = loop == "raw-c"
                ? try await workload.runRawC(on: broker, output: "output-raw-c")
                : try await workload.runKafkaClient(on: broker, output: "output-kafkaclient", lending: !copying)
            let cpuMicroseconds = (processCPUSeconds() - cpuBefore) * 1e6 / Double(messages)
            try outcome.check(expected: messages)
            if loop == "raw-c" {
                rawRates.append(outcome.messagesPerSecond)
                rawCPU.append(cpuMicroseconds)
            } else {
                swiftRates.append(outcome.messagesPerSecond)
                swiftCPU.append(cpuMicroseconds)
            }
            print("round \(round) \(loop.padding(12)) \(rate(outcome.messagesPerSecond)) msg/s, \(micro(cpuMicroseconds)) µs CPU/msg  (\(outcome.consumed) consumed, \(outcome.delivered) delivered in \(seconds(outcome.elapsed)))")
        }
    }
    guard !swiftRates.isEmpty, !rawRates.isEmpty else { exit(0) }
    let swiftMedian = median(swiftRates)
    let rawMedian = median(rawRates)
    print("")
    print("KafkaClient_consumeProduce: \(rate(swiftMedian)) msg/s, \(micro(median(swiftCPU))) µs CPU/msg (medians of \(swiftRates.count))")
    print("RawC_consumeProduce:        \(rate(rawMedian)) msg/s, \(micro(median(rawCPU))) µs CPU/msg (medians of \(rawRates.count))")
    print("ratio KafkaClient / raw C:  \(Int((swiftMedian / rawMedian * 100).rounded())) % of the messages per second")
} catch {
    print("eddy-kafka-bench failed: \(error)")
    exit(1)
}

extension String {
    fileprivate func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(width - count, 0)) }
}
