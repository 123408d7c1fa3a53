/// Why a payload failed the JSON scan: the reason code, the byte offset and a fixed explanation.
///
/// The explanation is a `StaticString` so that failing — which a hostile stream makes common — allocates
/// nothing until someone renders the message for a dead letter.
public struct JSONScanError: Error, Sendable, Hashable {
    /// `invalid_json`, `invalid_utf8`, `payload_too_large` or `too_deep`.
    public var reason: ReasonCode
    /// The byte offset where scanning stopped.
    public var offset: Int
    /// What was expected there.
    public var detail: StaticString

    /// Creates a scan error.
    public init(_ reason: ReasonCode, at offset: Int, _ detail: StaticString) {
        self.reason = reason
        self.offset = offset
        self.detail = detail
    }

    /// A sentence for people: the explanation and the byte offset.
    public var message: String { "\(detail) at byte \(offset)" }

    /// Two errors are equal when reason, offset and explanation agree.
    public static func == (a: JSONScanError, b: JSONScanError) -> Bool {
        a.reason == b.reason && a.offset == b.offset && a.detail.description == b.detail.description
    }

    /// Hashes the reason and the offset.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(reason)
        hasher.combine(offset)
    }
}
