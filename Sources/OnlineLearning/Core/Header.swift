/// The kind of one input attribute.
public enum AttributeKind: Sendable, Hashable {
    /// A real value; missing values are `Double.nan`.
    case numeric
    /// One of a fixed list of values; an instance stores the value's index as a `Double`.
    case nominal(values: [String])
}

/// One input attribute (a feature) of a stream: a name and a kind.
public struct Attribute: Sendable, Hashable {
    /// The attribute's name as it appears in the source (CSV header, ARFF, data dictionary).
    public var name: String
    /// Whether the attribute is numeric or nominal.
    public var kind: AttributeKind

    /// Creates an attribute.
    public init(name: String, kind: AttributeKind) {
        self.name = name
        self.kind = kind
    }

    /// Creates a numeric attribute.
    public static func numeric(_ name: String) -> Attribute { Attribute(name: name, kind: .numeric) }

    /// Creates a nominal attribute with the given values, in index order.
    public static func nominal(_ name: String, values: [String]) -> Attribute {
        Attribute(name: name, kind: .nominal(values: values))
    }

    /// True for nominal attributes.
    public var isNominal: Bool {
        if case .nominal = kind { return true }
        return false
    }

    /// The number of values of a nominal attribute; 0 for numeric ones.
    public var valueCount: Int {
        if case .nominal(let values) = kind { return values.count }
        return 0
    }
}

/// The schema of a classification stream: its input attributes and its class labels (MOA's `InstancesHeader`).
///
/// Every learner is built for one header. Instances carry only attribute values, in header order; the class
/// is passed separately as an index into ``classes``.
public struct Header: Sendable, Hashable {
    /// The input attributes, in the order instances store their values.
    public var attributes: [Attribute]
    /// The class labels; a label is an index into this array.
    public var classes: [String]

    /// Creates a header.
    public init(attributes: [Attribute], classes: [String]) {
        self.attributes = attributes
        self.classes = classes
    }

    /// The number of input attributes.
    @inlinable public var attributeCount: Int { attributes.count }
    /// The number of classes.
    @inlinable public var classCount: Int { classes.count }
}
