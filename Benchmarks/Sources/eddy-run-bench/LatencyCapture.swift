import CoreMetrics
import Synchronization

/// A swift-metrics backend that keeps the runtime's own `eddy_event_to_prediction_seconds` samples (record
/// timestamp → prediction handed to the producer, as `StreamRuntime` measures it), its other latency timers
/// (``stages``) and the running total of acknowledged
/// predictions and dead letters (`eddy_records_out_total`), and discards every other metric.
///
/// Capturing is off until ``start()``, so warm-up and throughput phases do not pollute the latency phase.
final class LatencyCapture: MetricsFactory, Sendable {
    /// The timer whose samples are kept.
    static let label = "eddy_event_to_prediction_seconds"
    let samples = Mutex<(on: Bool, values: [Int64])>((false, []))
    /// Samples of the runtime's other latency timers (processing, acknowledgement), by label.
    let stages = Mutex<[String: [Int64]]>([:])
    /// The timer handler that keeps a stage's samples while capturing.
    final class StageSink: TimerHandler {
        let capture: LatencyCapture; let label: String
        init(capture: LatencyCapture, label: String) { self.capture = capture; self.label = label }
        func recordNanoseconds(_ duration: Int64) {
            guard capture.samples.withLock({ $0.on }) else { return }
            capture.stages.withLock { $0[label, default: []].append(duration) }
        }
    }
    /// Predictions and dead letters acknowledged so far, over every runtime of the process.
    let outputs = Atomic<Int>(0)

    /// Starts keeping samples, dropping earlier ones.
    /// Capacity kept ready, so that growing the arrays never holds the lock for milliseconds mid-run.
    func start() {
        var values: [Int64] = []
        values.reserveCapacity(4_000_000)
        samples.withLock { $0 = (true, values) }
        stages.withLock { $0 = [:] }
    }

    /// Stops keeping samples and returns them (nanoseconds).
    func stop() -> [Int64] { samples.withLock { $0.on = false; return $0.values } }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        guard label == "eddy_records_out_total", !dimensions.contains(where: { $0 == ("destination", "drift") }) else {
            return NOOPMetricsHandler.instance
        }
        return OutputCounter(capture: self)
    }
    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        NOOPMetricsHandler.instance
    }
    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        NOOPMetricsHandler.instance
    }
    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        label == Self.label ? Sink(capture: self) : label.hasPrefix("eddy_") ? StageSink(capture: self, label: label) as any TimerHandler : NOOPMetricsHandler.instance
    }
    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}

    /// The timer handler that appends to the capture.
    final class Sink: TimerHandler {
        let capture: LatencyCapture
        init(capture: LatencyCapture) { self.capture = capture }
        func recordNanoseconds(_ duration: Int64) {
            capture.samples.withLock { if $0.on { $0.values.append(duration) } }
        }
    }
}

/// The counter handler that adds to ``LatencyCapture/outputs``.
final class OutputCounter: CounterHandler {
    let capture: LatencyCapture
    init(capture: LatencyCapture) { self.capture = capture }
    func increment(by amount: Int64) { capture.outputs.add(Int(amount), ordering: .relaxed) }
    func reset() {}
}

/// The value at quantile `q` (0...1) of `values`, in milliseconds.
func quantileMilliseconds(_ values: [Int64], _ q: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    let index = min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))
    return Double(sorted[index]) / 1e6
}
