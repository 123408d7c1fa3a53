/// Parsing of event timestamps into seconds since the Unix epoch, and the calendar parts used as features.
///
/// Everything works on bytes and integers (Howard Hinnant's `days_from_civil`), with no `Foundation`
/// formatters on the per-event path.
enum Timestamp {
    /// Parses an RFC 3339 / ISO 8601 date-time: `YYYY-MM-DD[Tt ]HH:MM:SS[.fraction](Z|z|±HH:MM)`, or a
    /// date alone (`YYYY-MM-DD`, midnight UTC).
    /// - Returns: Seconds since 1970-01-01T00:00:00Z, or nil when the text has another shape or an
    ///   impossible field (month 13, February 30, hour 24).
    static func parseRFC3339(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = b.count
        guard n >= 10 else { return nil }
        func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= n else { return nil }
            var v = 0
            for k in at..<(at + count) {
                let d = Int(b[k]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard let year = digits(0, 4), b[4] == UInt8(ascii: "-"), let month = digits(5, 2), b[7] == UInt8(ascii: "-"),
              let day = digits(8, 2), (1...12).contains(month), day >= 1, day <= daysInMonth(year, month)
        else { return nil }
        let days = daysFromCivil(year, month, day)
        if n == 10 { return Double(days) * 86_400 }
        let sep = b[10]
        guard sep == UInt8(ascii: "T") || sep == UInt8(ascii: "t") || sep == UInt8(ascii: " "),
              let hour = digits(11, 2), n > 13, b[13] == UInt8(ascii: ":"), let minute = digits(14, 2),
              n > 16, b[16] == UInt8(ascii: ":"), let second = digits(17, 2),
              hour < 24, minute < 60, second <= 60
        else { return nil }
        var i = 19
        var fraction = 0.0
        if i < n, b[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            let start = i
            while i < n, b[i] >= 48, b[i] <= 57 {
                fraction += Double(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i < n else { return nil }
        var offset = 0
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard let oh = digits(i + 1, 2), i + 3 < n, b[i + 3] == UInt8(ascii: ":"), let om = digits(i + 4, 2),
                  oh < 24, om < 60 else { return nil }
            offset = (oh * 60 + om) * 60 * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        default:
            return nil
        }
        guard i == n else { return nil }
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Double(seconds) + fraction
    }

    /// Converts a JSON number in an epoch format to seconds, or nil when it is implausible for that format:
    /// seconds must lie in `[0, 1e11)` and milliseconds in `[1e11, 1e14)`, which tells the two apart for any
    /// date after 1973 and catches a producer that switched units.
    static func fromEpoch(_ value: Double, _ format: TimestampFormat) -> Double? {
        switch format {
        case .epochSeconds: value >= 0 && value < 1e11 ? value : nil
        case .epochMillis: value >= 1e11 && value < 1e14 ? value / 1000 : nil
        case .rfc3339: nil
        }
    }

    /// The hour of day `[0, 24)` in UTC, with fractions of an hour dropped.
    static func hourOfDay(_ seconds: Double) -> Double {
        let s = seconds - (seconds / 86_400).rounded(.down) * 86_400
        return (s / 3600).rounded(.down)
    }

    /// The weekday in UTC: 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    static func weekday(_ seconds: Double) -> Double {
        let days = (seconds / 86_400).rounded(.down)
        let w = (days + 3).truncatingRemainder(dividingBy: 7)
        return w < 0 ? w + 7 : w
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date.
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
