import OnlineLearning

/// The detectors the pipeline can run on its error stream (`EDDY_DRIFT_DETECTOR`).
public enum DriftDetectorKind: String, Sendable, Hashable, CaseIterable {
    /// ADWIN (Bifet & Gavaldà, SDM 2007): threshold δ, default 0.002.
    case adwin
    /// DDM (Gama et al., SBIA 2004): threshold = the drift level in standard deviations, default 3.
    case ddm
    /// EDDM (Baena-García et al. 2006): threshold β, default 0.9.
    case eddm
    /// HDDM-A (Frías-Blanco et al., TKDE 2015): threshold = the drift confidence, default 0.001.
    case hddmA = "hddm_a"
    /// Page-Hinkley (Page 1954): threshold λ, default 50.
    case pageHinkley = "page_hinkley"
    /// KSWIN (Raab et al., Neurocomputing 2020): threshold α, default 0.005.
    case kswin
    /// No concept-drift monitoring.
    case none
}

/// What the pipeline does when its concept-drift detector fires (`EDDY_DRIFT_ACTION`).
public enum DriftAction: String, Sendable, Hashable, CaseIterable {
    /// Replace the model by an untrained copy of its prototype and bump the model version; the backup
    /// answers until the new model has learned (as MOA's `DriftDetectionMethodClassifier` does).
    case resetModel = "reset_model"
    /// Report the drift only.
    case none
}

/// Watches a model's 0/1 error stream for concept drift (P(y|x) changed) with the configured detector.
///
/// Design.md §6 types drift by what moved; concept drift shows as a change in the error rate, so any
/// ``DriftDetector`` over the error stream finds it. The detector is chosen at run time, but held in one
/// optional field per kind rather than an existential, so each update is a switch and an inlined call.
public struct ConceptDriftMonitor: Sendable {
    /// The detector in use.
    public let kind: DriftDetectorKind
    /// The detector's decision threshold (see ``DriftDetectorKind`` for what it means per detector).
    public let threshold: Double
    private var adwin: ADWIN?
    private var ddm: DDM?
    private var eddm: EDDM?
    private var hddmA: HDDMA?
    private var pageHinkley: PageHinkley?
    private var kswin: KSWIN?

    /// Creates a monitor.
    /// - Parameters:
    ///   - kind: the detector.
    ///   - threshold: its threshold; nil for the detector's default (MOA's).
    /// - Throws: ``ConfigurationError`` naming the detector's parameter when the threshold is out of range.
    public init(kind: DriftDetectorKind, threshold: Double? = nil) throws {
        self.kind = kind
        let t = threshold ?? Self.defaultThreshold(kind)
        self.threshold = t
        switch kind {
        case .adwin: adwin = try ADWIN(.init(delta: t, direction: .increase)) // only a worse model is concept drift (MOA)
        case .ddm: ddm = try DDM(.init(driftThreshold: t))
        case .eddm: eddm = try EDDM(.init(beta: t))
        case .hddmA: hddmA = try HDDMA(.init(driftConfidence: t))
        case .pageHinkley: pageHinkley = try PageHinkley(.init(threshold: t, direction: .increase)) // a rising error only
        case .kswin: kswin = try KSWIN(.init(alpha: t))
        case .none: break
        }
    }

    /// The default threshold of `kind` (MOA's and River's defaults).
    /// - Parameter kind: the detector.
    public static func defaultThreshold(_ kind: DriftDetectorKind) -> Double {
        switch kind {
        case .adwin: 0.002
        case .ddm: 3
        case .eddm: 0.9
        case .hddmA: 0.001
        case .pageHinkley: 50
        case .kswin: 0.005
        case .none: 0
        }
    }

    /// Adds one error (1 = the prediction was wrong, 0 = right) and reports the detector's state.
    /// - Parameter error: the 0/1 loss of one labelled prediction.
    public mutating func update(error: Double) -> DriftState {
        switch kind {
        case .adwin: adwin!.update(error)
        case .ddm: ddm!.update(error)
        case .eddm: eddm!.update(error)
        case .hddmA: hddmA!.update(error)
        case .pageHinkley: pageHinkley!.update(error)
        case .kswin: kswin!.update(error)
        case .none: .stable
        }
    }

    /// The detector's current estimate of the error rate (0 when not monitoring).
    public var estimation: Double {
        switch kind {
        case .adwin: adwin!.estimation
        case .ddm: ddm!.estimation
        case .eddm: eddm!.estimation
        case .hddmA: hddmA!.estimation
        case .pageHinkley: pageHinkley!.estimation
        case .kswin: kswin!.estimation
        case .none: 0
        }
    }

    /// Forgets everything seen so far.
    public mutating func reset() {
        switch kind {
        case .adwin: adwin!.reset()
        case .ddm: ddm!.reset()
        case .eddm: eddm!.reset()
        case .hddmA: hddmA!.reset()
        case .pageHinkley: pageHinkley!.reset()
        case .kswin: kswin!.reset()
        case .none: break
        }
    }
}

extension ConceptDriftMonitor: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(kind.rawValue)
        writer.write(threshold)
        switch kind {
        case .adwin: writer.write(adwin!)
        case .ddm: writer.write(ddm!)
        case .eddm: writer.write(eddm!)
        case .hddmA: writer.write(hddmA!)
        case .pageHinkley: writer.write(pageHinkley!)
        case .kswin: writer.write(kswin!)
        case .none: break
        }
    }

    public init(from reader: inout BinaryReader) throws {
        let start = reader.offset
        guard let kind = DriftDetectorKind(rawValue: try reader.read(String.self)) else {
            throw ModelFormatError("unknown drift detector", offset: start)
        }
        self.kind = kind
        threshold = try reader.read(Double.self)
        switch kind {
        case .adwin: adwin = try reader.read(ADWIN.self)
        case .ddm: ddm = try reader.read(DDM.self)
        case .eddm: eddm = try reader.read(EDDM.self)
        case .hddmA: hddmA = try reader.read(HDDMA.self)
        case .pageHinkley: pageHinkley = try reader.read(PageHinkley.self)
        case .kswin: kswin = try reader.read(KSWIN.self)
        case .none: break
        }
    }
}
