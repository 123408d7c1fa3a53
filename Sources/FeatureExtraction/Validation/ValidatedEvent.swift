/// The outcome of validating one decoded event, before encoding: per feature a value or "missing", and the
/// id, label and time. Reused across events by ``EventValidator``.
struct ValidatedEvent: Sendable {
    /// Per feature: the number, category index, hash bucket, boolean 0/1 or epoch seconds; `nan` when the
    /// value is missing or was repaired by imputation.
    var values: [Double]
    /// Per feature: whether the value was missing or repaired (drives imputation and missing indicators).
    var missing: [Bool]
    /// Per feature: whether the value was observed as sent (feeds the mean and mode statistics).
    var observed: [Bool]
    var id: String?
    var label: Int?
    var eventTime: Double?

    init(featureCount: Int) {
        values = Array(repeating: .nan, count: featureCount)
        missing = Array(repeating: false, count: featureCount)
        observed = missing
    }
}
