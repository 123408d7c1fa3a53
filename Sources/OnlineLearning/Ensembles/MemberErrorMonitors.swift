/// One change detector per ensemble member, fed the member's 0/1 error after it learns each instance.
///
/// ADWIN bagging and leveraging bagging share this bookkeeping (MOA's `ADError` array): a member's detector
/// signals a change only when it reports drift *and* its error estimate went up (a drop in error is good
/// news, not a reason to reset); then the member with the highest error estimate is the one replaced.
@usableFromInline
struct MemberErrorMonitors<Detector: DriftDetector>: Sendable {
    /// The untrained detector every monitor starts as.
    @usableFromInline let prototype: Detector
    /// One detector per member.
    @usableFromInline var detectors: [Detector]

    /// Creates `count` copies of `prototype`.
    @usableFromInline init(prototype: Detector, count: Int) {
        self.prototype = prototype
        detectors = Array(repeating: prototype, count: count)
    }

    /// Records whether member `member` classified its latest instance correctly.
    /// - Returns: true when the member's detector found its error rate increased.
    @inlinable @inline(__always)
    mutating func record(member: Int, correct: Bool) -> Bool {
        let before = detectors[member].estimation
        let state = detectors[member].update(correct ? 0 : 1)
        return state == .drift && detectors[member].estimation > before
    }

    /// The member's current error estimate.
    @inlinable func errorEstimate(_ member: Int) -> Double { detectors[member].estimation }

    /// The member with the highest positive error estimate (the lowest index among ties), if any.
    @inlinable func worstMember() -> Int? {
        var worst: Int?
        var highest = 0.0
        for m in detectors.indices where detectors[m].estimation > highest {
            highest = detectors[m].estimation
            worst = m
        }
        return worst
    }

    /// Gives member `member` a fresh detector.
    @inlinable mutating func reset(_ member: Int) { detectors[member] = prototype }

    @usableFromInline func encode(to writer: inout BinaryWriter) {
        writer.write(prototype)
        writer.write(detectors)
    }

    @usableFromInline init(from reader: inout BinaryReader, count: Int) throws {
        let start = reader.offset
        prototype = try reader.read()
        detectors = try reader.read()
        guard detectors.count == count else {
            throw ModelFormatError("expected \(count) member detectors, found \(detectors.count)", offset: start)
        }
    }
}
