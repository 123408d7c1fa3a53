/// Which changes of a stream's mean a detector reports.
///
/// Error streams usually only matter when they get worse, so detectors that watch a learner (MOA's
/// `ADWINChangeDetector`, River's Page-Hinkley in `up` mode, HDDM-A's one-sided test) report increases only;
/// monitors of raw feature values want both directions.
public enum DriftDirection: UInt8, Sendable, Hashable, CaseIterable {
    /// Report a change in either direction.
    case both = 0
    /// Report only a rise of the mean (for an error stream: the learner got worse).
    case increase = 1
    /// Report only a fall of the mean.
    case decrease = 2

    /// Whether a change of the mean by `difference` (new minus old) is reported.
    @inlinable func accepts(_ difference: Double) -> Bool {
        switch self {
        case .both: return true
        case .increase: return difference > 0
        case .decrease: return difference < 0
        }
    }
}

extension DriftDirection: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) { writer.write(rawValue) }

    public init(from reader: inout BinaryReader) throws {
        let raw = try reader.read(UInt8.self)
        guard let value = DriftDirection(rawValue: raw) else {
            throw ModelFormatError("unknown drift direction \(raw)", offset: reader.offset - 1)
        }
        self = value
    }
}
