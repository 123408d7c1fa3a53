import OnlineLearning

/// A labelled synthetic event stream with known concept changes and a share of malformed records: what
/// `eddy demo` publishes, and the basis of a later `eddy generate`.
///
/// Every event is a JSON object with an id, an event time, three numeric features `x1`, `x2`, `x3` uniform
/// in [0, 10], a categorical `region` and the class `yes`/`no`. The class follows one of three concepts,
/// SEA-style threshold functions (Street & Kim 2001, as MOA's `SEAGenerator`):
///
/// | concept | `yes` when | from |
/// | --- | --- | --- |
/// | 0 | `x1 + x2 ≤ 8` | the start |
/// | 1 | `x1 + x2 ≤ 8`, flipped in the east and west | ``Configuration/abruptAt``: an abrupt change |
/// | 2 | `x2 + x3 ≤ 9` | around ``Configuration/gradualAt``: a gradual change |
///
/// The gradual change mixes concepts 1 and 2 like MOA's `ConceptDriftStream` (Bifet et al. 2009): an event
/// at index `t` follows the new concept with probability `1 / (1 + e^(-4 (t - p) / w))`, centre `p`, width
/// `w`. A fraction ``Configuration/noise`` of labels is flipped. A fraction ``Configuration/malformed`` of the
/// events is broken the way producers break them (see ``Defect``), and a fraction
/// ``Configuration/delayedLabels`` carries no class: its label comes later on the labels topic as
/// ``Event/labelRecord``. The same seed gives the same stream.
public struct DriftingStream: Sendable {
    /// The stream's parameters; every fraction is checked at construction.
    public struct Configuration: Sendable, Hashable {
        /// The planned length in events; the changes are placed relative to it (≥ 100).
        public var events: Int
        /// Where the abrupt change happens, as a fraction of ``events`` (0...1, default 1/3).
        public var abruptAt = 1.0 / 3
        /// The centre of the gradual change, as a fraction of ``events`` (0...1, default 2/3).
        public var gradualAt = 2.0 / 3
        /// The width of the gradual change, as a fraction of ``events`` (0...1, default 1/10).
        public var gradualWidth = 0.1
        /// The probability of flipping a label (0...0.5, default 0.05).
        public var noise = 0.05
        /// The probability that an event is malformed (0...1, default 0.015).
        public var malformed = 0.015
        /// The probability that a valid event's label comes later on the labels topic (0...1, default 0.1).
        public var delayedLabels = 0.1
        /// The random seed.
        public var seed: UInt64 = 1

        /// Creates a configuration with the defaults.
        /// - Parameter events: the planned length in events.
        public init(events: Int) { self.events = events }
    }

    /// How a malformed event is broken; the raw values are the reason codes Eddy's validation reports.
    public enum Defect: String, Sendable, Hashable, CaseIterable {
        /// The JSON is cut short.
        case invalidJSON = "invalid_json"
        /// `x1` arrives as a string.
        case wrongType = "wrong_type"
        /// `region` has a value the data dictionary does not list.
        case unseenCategory = "unseen_category"
        /// `x2` is absent.
        case missingFeature = "missing_feature"
        /// `x3` is far outside [0, 10].
        case outOfRange = "out_of_range"
    }

    /// One generated event.
    public struct Event: Sendable {
        /// The position in the stream, from 0.
        public var index: Int
        /// The event id, `e-<index>`.
        public var id: String
        /// The JSON bytes to publish.
        public var value: [UInt8]
        /// The true class index into ``DriftingStream/classes`` (after label noise).
        public var label: Int
        /// The concept that labelled it.
        public var concept: Int
        /// How the event is broken, or nil for a valid event.
        public var defect: Defect?
        /// For a valid event without a class: `{"id":…,"label":…}` to publish on the labels topic later.
        public var labelRecord: [UInt8]?
    }

    /// One known change of concept.
    public struct Change: Sendable, Hashable {
        /// `abrupt` or `gradual`.
        public var kind: String
        /// The first event of the new concept (abrupt) or the centre of the mixing window (gradual).
        public var index: Int
        /// The width of the mixing window (0 for an abrupt change).
        public var width: Int
        /// The concept before and after.
        public var from: Int, to: Int
    }

    /// The class names, in class-index order.
    public static let classes = ["no", "yes"]
    /// The values of `region`.
    public static let regions = ["north", "south", "east", "west"]

    /// The parameters.
    public let configuration: Configuration
    /// The next event's index.
    public private(set) var index = 0
    private var random: RandomSource

    /// Creates the stream.
    /// - Parameter configuration: the parameters.
    /// - Throws: ``ConfigurationError`` naming the first parameter outside its range.
    public init(configuration: Configuration) throws {
        let c = configuration
        guard c.events >= 100 else { throw ConfigurationError(parameter: "events", value: "\(c.events)", accepted: "at least 100") }
        for (name, value, range) in [("abruptAt", c.abruptAt, 0.0...1), ("gradualAt", c.gradualAt, 0...1),
                                     ("gradualWidth", c.gradualWidth, 0...1), ("noise", c.noise, 0...0.5),
                                     ("malformed", c.malformed, 0...1), ("delayedLabels", c.delayedLabels, 0...1)] {
            guard range.contains(value) else {
                throw ConfigurationError(parameter: name, value: "\(value)", accepted: "\(range.lowerBound)...\(range.upperBound)")
            }
        }
        self.configuration = c
        random = RandomSource(seed: c.seed)
    }

    /// The known changes, in stream order.
    public var changes: [Change] {
        let n = Double(configuration.events)
        return [
            Change(kind: "abrupt", index: Int(configuration.abruptAt * n), width: 0, from: 0, to: 1),
            Change(kind: "gradual", index: Int(configuration.gradualAt * n), width: Int(configuration.gradualWidth * n), from: 1, to: 2),
        ]
    }

    /// The data dictionary (`EDDY_SCHEMA`) the stream's valid events satisfy and its malformed ones break.
    public static let dataDictionary = """
        {"version": 1, "idField": "id", "timeField": "ts", "timeFormat": "rfc3339",
         "label": {"field": "class", "classes": ["no", "yes"]},
         "features": [{"name": "x1", "type": "numeric", "min": 0, "max": 10},
                      {"name": "x2", "type": "numeric", "min": 0, "max": 10},
                      {"name": "x3", "type": "numeric", "min": 0, "max": 10},
                      {"name": "region", "type": "categorical", "values": ["north", "south", "east", "west"]}],
         "policies": {"unseen_category": "reject"}}
        """

    /// The concept event `index` follows (drawing the mixing coin inside the gradual window).
    private mutating func concept(at index: Int) -> Int {
        let c = configuration, n = Double(c.events)
        guard Double(index) >= c.abruptAt * n else { return 0 }
        let width = max(c.gradualWidth * n, 1)
        let p = 1 / (1 + (-4 * (Double(index) - c.gradualAt * n) / width).exp)
        return random.nextDouble() < p ? 2 : 1
    }

    /// The class of a point under a concept (before noise).
    static func label(concept: Int, x1: Double, x2: Double, x3: Double, region: Int) -> Int {
        switch concept {
        case 0: return x1 + x2 <= 8 ? 1 : 0
        case 1:
            let yes = x1 + x2 <= 8
            return (region >= 2 ? !yes : yes) ? 1 : 0
        default: return x2 + x3 <= 9 ? 1 : 0
        }
    }

    /// Draws the next event.
    /// - Parameter time: its event time, in seconds since the epoch (written as `ts`, RFC 3339, milliseconds).
    /// - Returns: the event, its truth and, for a delayed label, the label record.
    public mutating func next(time: Double) -> Event {
        let i = index
        index += 1
        let x1 = random.nextDouble() * 10, x2 = random.nextDouble() * 10, x3 = random.nextDouble() * 10
        let region = random.nextInt(below: Self.regions.count)
        let concept = concept(at: i)
        var label = Self.label(concept: concept, x1: x1, x2: x2, x3: x3, region: region)
        if random.nextDouble() < configuration.noise { label = 1 - label }
        var defect: Defect?
        if random.nextDouble() < configuration.malformed {
            defect = Defect.allCases[random.nextInt(below: Defect.allCases.count)]
        }
        let delayed = defect == nil && random.nextDouble() < configuration.delayedLabels
        let id = "e-\(i)"
        var json = "{\"id\":\"\(id)\",\"ts\":\"\(Self.rfc3339(time))\","
        json += defect == .wrongType ? "\"x1\":\"\(Self.decimal(x1))\"," : "\"x1\":\(Self.decimal(x1)),"
        if defect != .missingFeature { json += "\"x2\":\(Self.decimal(x2)),"}
        json += defect == .outOfRange ? "\"x3\":\(Self.decimal(x3 + 40))," : "\"x3\":\(Self.decimal(x3)),"
        json += "\"region\":\"\(defect == .unseenCategory ? "atlantis" : Self.regions[region])\""
        if !delayed { json += ",\"class\":\"\(Self.classes[label])\"" }
        json += "}"
        var value = Array(json.utf8)
        if defect == .invalidJSON { value.removeLast(value.count / 2) }
        let labelRecord = delayed ? Array("{\"id\":\"\(id)\",\"label\":\"\(Self.classes[label])\"}".utf8) : nil
        return Event(index: i, id: id, value: value, label: label, concept: concept, defect: defect, labelRecord: labelRecord)
    }

    /// `value` (non-negative) with exactly three decimals.
    static func decimal(_ value: Double) -> String {
        let scaled = Int((value * 1000).rounded())
        return "\(scaled / 1000).\(pad(scaled % 1000, 3))"
    }

    /// An RFC 3339 UTC time with milliseconds: `2026-11-29T10:00:00.123Z`.
    /// - Parameter time: seconds since 1970-01-01T00:00:00Z (not negative).
    static func rfc3339(_ time: Double) -> String {
        let ms = Int((time * 1000).rounded())
        let days = ms / 86_400_000, inDay = ms % 86_400_000
        // Civil date from days since the epoch (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = z / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let (h, m, s, f) = (inDay / 3_600_000, inDay / 60_000 % 60, inDay / 1000 % 60, inDay % 1000)
        return "\(year)-\(pad(month, 2))-\(pad(day, 2))T\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2)).\(pad(f, 3))Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(width - digits.count, 0)) + digits
    }
}
