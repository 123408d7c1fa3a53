import FeatureExtraction
import Foundation
import OnlineLearning

/// How a replay reads its file and reports (the command-line options of `eddy replay`).
public struct ReplayOptions: Sendable {
    /// The labelled file to replay.
    public var path: String
    /// The file format; nil to take it from the extension.
    public var format: TabularFormat?
    /// The class column or attribute; nil for the last one.
    public var target: String?
    /// The class labels in index order (CSV only); nil to take the sorted distinct values of the class column.
    public var classes: [String]?
    /// Take a learning-curve snapshot every this many instances (≥ 1).
    public var sampleEvery = 10_000
    /// The sliding window of the windowed measures, if any (≥ 1).
    public var window: Int?
    /// When the run started (start-up and parsing count in the reported seconds).
    public var startedAt = ContinuousClock.now

    /// Creates options for `path` with the defaults above.
    public init(path: String) { self.path = path }
}

/// What a replay measured.
public struct ReplaySummary: Sendable {
    /// The file replayed.
    public var path: String
    /// The model's name, such as `naive_bayes`.
    public var model: String
    /// The model's specification.
    public var spec: ModelSpec
    /// The stream's header.
    public var header: Header
    /// The instances read (including any with a missing label, which are predicted but not scored).
    public var instancesRead: Int
    /// The learning curve, every ``ReplayOptions/sampleEvery`` instances and at the end.
    public var snapshots: [PrequentialSnapshot]
    /// The measures at the end of the stream.
    public var final: PrequentialSnapshot
    /// Seconds from ``ReplayOptions/startedAt`` to the end of the stream.
    public var seconds: Double
    /// Instances read per second, start-up and parsing included.
    public var instancesPerSecond: Double { seconds > 0 ? Double(instancesRead) / seconds : 0 }
    /// The CPU time of the whole process so far (start-up and parsing included); unlike ``seconds`` it does
    /// not grow when other processes compete for the cores, so it compares fairly with MOA's CPU-time speeds.
    public var cpuSeconds: Double
    /// Instances read per CPU second.
    public var instancesPerCPUSecond: Double { cpuSeconds > 0 ? Double(instancesRead) / cpuSeconds : 0 }
}

/// Prequential replay of a labelled file: every instance is predicted, scored, then learned.
///
/// This is `eddy replay`'s logic (the executable only parses arguments): it opens the file, builds the
/// model ``ModelSpec`` describes through ``ModelFactory`` (one switch, after which the loop is specialised
/// for the model's concrete type), and evaluates it with ``PrequentialEvaluator``, as MOA's
/// `EvaluatePrequential` does (Gama, Sebastião & Rodrigues 2013).
public enum Replay {
    /// Replays `options.path` with the model of `spec`.
    /// - Parameters:
    ///   - spec: the model to evaluate.
    ///   - options: the file and the evaluation settings.
    ///   - progress: called with each snapshot as it is taken.
    /// - Returns: the measures and timing.
    /// - Throws: ``FeatureExtractionError`` for an unreadable or malformed file; ``ConfigurationKeyError``
    ///   when the model cannot be built as specified.
    public static func run(
        spec: ModelSpec, options: ReplayOptions, progress: @escaping (PrequentialSnapshot) -> Void = { _ in }
    ) throws -> ReplaySummary {
        guard let format = options.format ?? TabularFormat(path: options.path) else {
            throw FeatureExtractionError(code: "file.unknown_format", message: "expected a .csv or .arff file, or a --format", location: options.path)
        }
        switch format {
        case .csv:
            let reader = try CSVReader(path: options.path, options: .init(target: options.target, classes: options.classes))
            return try run(spec: spec, options: options, source: reader, progress: progress)
        case .arff:
            return try run(spec: spec, options: options, source: ARFFReader(path: options.path, options: .init(target: options.target)), progress: progress)
        }
    }

    /// Reads every instance of a file without learning, to measure the reader's speed.
    /// - Parameters:
    ///   - path: the file.
    ///   - format: its format; nil to take it from the extension.
    ///   - target: the class column, if not the last.
    /// - Returns: the rows read and the seconds taken (type inference and header included).
    /// - Throws: ``FeatureExtractionError`` for an unreadable or malformed file.
    public static func parse(path: String, format: TabularFormat?, target: String?) throws -> (rows: Int, seconds: Double) {
        let start = ContinuousClock.now
        var rows = 0
        var checksum = 0.0
        let count: (Instance, Int) -> Void = { x, y in
            rows += 1
            checksum += x[0] + Double(y)
        }
        switch format ?? TabularFormat(path: path) {
        case .csv: try CSVReader(path: path, options: .init(target: target)).forEach(count)
        case .arff: try ARFFReader(path: path, options: .init(target: target)).forEach(count)
        case nil: throw FeatureExtractionError(code: "file.unknown_format", message: "expected a .csv or .arff file, or a --format", location: path)
        }
        let d = start.duration(to: .now)
        if checksum.isNaN { rows += 0 } // uses the values, so the conversion cannot be optimised away
        return (rows, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
    }

    /// Replays an already opened source.
    /// - Parameters:
    ///   - spec: the model to evaluate.
    ///   - options: the evaluation settings (``ReplayOptions/path`` is only reported).
    ///   - source: the labelled stream.
    ///   - progress: called with each snapshot as it is taken.
    /// - Returns: the measures and timing.
    /// - Throws: ``FeatureExtractionError`` for malformed data; ``ConfigurationKeyError`` when the model
    ///   cannot be built.
    public static func run<S: LabeledInstanceSource>(
        spec: ModelSpec, options: ReplayOptions, source: S, progress: @escaping (PrequentialSnapshot) -> Void = { _ in }
    ) throws -> ReplaySummary {
        try ModelFactory.build(spec, header: source.header, visitor: Loop(spec: spec, options: options, source: source, progress: progress))
    }

    /// The CPU time this process has used (user and system), in seconds.
    static func processCPUSeconds() -> Double {
        var t = timespec()
        guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t) == 0 else { return 0 }
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// The prequential loop, specialised per model type by ``ModelFactory``.
    struct Loop<S: LabeledInstanceSource>: ModelVisitor {
        let spec: ModelSpec
        let options: ReplayOptions
        let source: S
        let progress: (PrequentialSnapshot) -> Void

        func visit<C: ExplainingClassifier>(_ model: C, step: TestThenTrain<C>) throws -> ReplaySummary {
            var model = model
            var evaluator = try PrequentialEvaluator(classCount: source.header.classCount, windowSize: options.window)
            var sampler = try PrequentialSampler(every: options.sampleEvery)
            var read = 0
            let step = step.step
            try source.forEach { x, label in
                read += 1
                let (predicted, abstained) = step(&model, x, label)
                guard label >= 0 else { return }
                evaluator.add(truth: label, predicted: predicted, abstained: abstained)
                if let s = sampler.sample(evaluator) { progress(s) }
            }
            if let s = sampler.finish(evaluator) { progress(s) }
            let seconds = options.startedAt.duration(to: .now)
            let final = sampler.snapshots.last ?? PrequentialSnapshot(instances: 0, cumulative: evaluator.cumulative, window: evaluator.window)
            return ReplaySummary(
                path: options.path, model: spec.displayName, spec: spec, header: source.header, instancesRead: read,
                snapshots: sampler.snapshots, final: final,
                seconds: Double(seconds.components.seconds) + Double(seconds.components.attoseconds) * 1e-18,
                cpuSeconds: Replay.processCPUSeconds())
        }
    }
}
