extension HoeffdingTree.Node: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(role.rawValue)
        writer.write(stats)
        writer.write(test)
        writer.write(children)
    }

    init(from reader: inout BinaryReader) throws {
        guard let role = HoeffdingTree.Role(rawValue: try reader.read()) else {
            throw ModelFormatError("unknown tree node role", offset: reader.offset - 1)
        }
        self.role = role
        stats = try reader.read()
        test = try reader.read()
        children = try reader.read()
        guard (role == .split) == (test != nil) else {
            throw ModelFormatError("split node without a test (or a leaf with one)", offset: reader.offset)
        }
    }
}

extension HoeffdingTree {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(header)
        writer.write(configuration)
        writer.write(random)
        writer.write(nodes)
        writer.write(root)
        writer.write(decisionNodeCount); writer.write(activeLeafCount); writer.write(inactiveLeafCount)
        writer.write(activeLeafByteSizeEstimate); writer.write(inactiveLeafByteSizeEstimate)
        writer.write(byteSizeEstimateOverheadFraction)
        writer.write(growthAllowed)
        writer.write(trainingWeight)
    }

    public init(from reader: inout BinaryReader) throws {
        header = try reader.read()
        configuration = try reader.read()
        schema = ObserverSchema(header)
        random = try reader.read()
        nodes = try reader.read()
        root = try reader.read()
        decisionNodeCount = try reader.read(); activeLeafCount = try reader.read(); inactiveLeafCount = try reader.read()
        activeLeafByteSizeEstimate = try reader.read(); inactiveLeafByteSizeEstimate = try reader.read()
        byteSizeEstimateOverheadFraction = try reader.read()
        growthAllowed = try reader.read()
        trainingWeight = try reader.read()
        try Self.validate(nodes: nodes, root: root, schema: schema, offset: reader.offset)
    }

    /// Checks that decoded nodes form a tree over `schema`: indices in range, every node reached at most once.
    static func validate(nodes: [Node], root: Int, schema: ObserverSchema, offset: Int) throws {
        guard root >= -1, root < nodes.count, root >= 0 || nodes.isEmpty else {
            throw ModelFormatError("tree root out of range", offset: offset)
        }
        var seen = [Bool](repeating: false, count: nodes.count)
        var stack = root >= 0 ? [root] : []
        while let n = stack.popLast() {
            guard !seen[n] else { throw ModelFormatError("tree node \(n) is reached twice", offset: offset) }
            seen[n] = true
            try nodes[n].stats.validate(schema: schema, offset: offset)
            if let test = nodes[n].test, test.attribute >= schema.valueCounts.count {
                throw ModelFormatError("split on attribute \(test.attribute) outside the header", offset: offset)
            }
            for c in nodes[n].children where c != -1 {
                guard c >= 0, c < nodes.count else { throw ModelFormatError("tree child out of range", offset: offset) }
                stack.append(c)
            }
        }
    }
}
