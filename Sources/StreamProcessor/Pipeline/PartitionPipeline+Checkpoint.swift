import FeatureExtraction
import OnlineLearning

extension PartitionPipeline {
    /// The bytes that open every pipeline checkpoint, followed by the format version.
    static var checkpointMagic: [UInt8] { Array("EDDYPIPE".utf8) }

    /// The pipeline's learning state as bytes, for a checkpoint (design.md §7): the model version, the model,
    /// the backup models, the concept-drift monitor and the imputation statistics, in Eddy's binary format.
    ///
    /// Not included, by design: counters and prequential measures (they describe this process's run and
    /// restart at zero), and the label join store (events waiting for a label then wait in vain and their
    /// labels count as unmatched). The runtime stores these bytes with the offsets they cover and the schema
    /// and configuration fingerprints.
    public func checkpoint() -> [UInt8] {
        var w = BinaryWriter()
        for b in Self.checkpointMagic { w.write(b) }
        w.write(UInt16(1))
        w.write(modelVersion)
        w.write(model)
        w.write(majority)
        w.write(noChange)
        w.write(monitor)
        w.write(extractor.statistics)
        return w.bytes
    }

    /// Restores the learning state of ``checkpoint()`` into this pipeline (built for the same dictionary and
    /// model type), and bumps the model version past the checkpoint's so that records published after the
    /// restore are told apart from those of the instance that wrote it.
    /// - Parameter bytes: the checkpoint.
    /// - Throws: ``ModelFormatError`` for damaged bytes; ``PipelineError`` (`checkpoint_mismatch`) when the
    ///   checkpoint was written for another header or another drift detector.
    public mutating func restore(from bytes: [UInt8]) throws {
        var r = BinaryReader(bytes)
        for b in Self.checkpointMagic {
            guard try r.read(UInt8.self) == b else { throw ModelFormatError("not a pipeline checkpoint", offset: r.offset - 1) }
        }
        let format = try r.read(UInt16.self)
        guard format == 1 else { throw ModelFormatError("unknown pipeline checkpoint format \(format)", offset: r.offset - 2) }
        let version = try r.read(Int.self)
        let restored = try r.read(Model.self)
        let restoredMajority = try r.read(MajorityClass.self)
        let restoredNoChange = try r.read(NoChange.self)
        let restoredMonitor = try r.read(ConceptDriftMonitor.self)
        let statistics = try r.read(ImputationStatistics.self)
        guard restored.header == header else {
            throw PipelineError(code: "checkpoint_mismatch", message: "the checkpoint's model was built for \(restored.header.attributeCount) attributes and classes \(restored.header.classes), this pipeline's dictionary gives \(header.attributeCount) and \(header.classes)")
        }
        guard restoredMonitor.kind == monitor.kind else {
            throw PipelineError(code: "checkpoint_mismatch", message: "the checkpoint monitors with \(restoredMonitor.kind.rawValue), EDDY_DRIFT_DETECTOR is \(monitor.kind.rawValue)")
        }
        model = restored
        majority = restoredMajority
        noChange = restoredNoChange
        monitor = restoredMonitor
        extractor.statistics = statistics
        modelVersion = version + 1
        segment = nil
    }
}
