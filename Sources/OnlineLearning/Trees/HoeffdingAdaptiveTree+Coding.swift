extension HoeffdingAdaptiveTree.Node: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(stats); writer.write(isSplit); writer.write(isFree); writer.write(test)
        writer.write(children); writer.write(alternate); writer.write(detector); writer.write(poisson)
    }

    init(from reader: inout BinaryReader) throws {
        stats = try reader.read(); isSplit = try reader.read(); isFree = try reader.read(); test = try reader.read()
        children = try reader.read(); alternate = try reader.read(); detector = try reader.read()
        poisson = try reader.read()
        guard isSplit == (test != nil) || isFree else {
            throw ModelFormatError("adaptive tree split node without a test (or a leaf with one)", offset: reader.offset)
        }
    }
}

extension HoeffdingAdaptiveTree {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(header); writer.write(configuration); writer.write(random)
        writer.write(nodes); writer.write(freeNodes); writer.write(root)
        writer.write(alternateTreeCount); writer.write(switchedAlternateTreeCount); writer.write(prunedAlternateTreeCount)
        writer.write(trainingWeight)
    }

    public init(from reader: inout BinaryReader) throws {
        header = try reader.read()
        configuration = try reader.read()
        schema = ObserverSchema(header)
        random = try reader.read()
        nodes = try reader.read()
        freeNodes = try reader.read()
        root = try reader.read()
        alternateTreeCount = try reader.read(); switchedAlternateTreeCount = try reader.read()
        prunedAlternateTreeCount = try reader.read()
        trainingWeight = try reader.read()
        let offset = reader.offset
        guard root >= -1, root < nodes.count, root >= 0 || nodes.isEmpty,
              freeNodes.allSatisfy({ $0 >= 0 && $0 < nodes.count && nodes[$0].isFree }) else {
            throw ModelFormatError("adaptive tree indices out of range", offset: offset)
        }
        var seen = [Bool](repeating: false, count: nodes.count)
        var stack = root >= 0 ? [root] : []
        while let n = stack.popLast() {
            guard !seen[n], !nodes[n].isFree else { throw ModelFormatError("adaptive tree node \(n) reached twice", offset: offset) }
            seen[n] = true
            try nodes[n].stats.validate(schema: schema, offset: offset)
            if let test = nodes[n].test, test.attribute >= schema.valueCounts.count {
                throw ModelFormatError("split on attribute \(test.attribute) outside the header", offset: offset)
            }
            for c in nodes[n].children + [nodes[n].alternate] where c != -1 {
                guard c >= 0, c < nodes.count else { throw ModelFormatError("adaptive tree child out of range", offset: offset) }
                stack.append(c)
            }
        }
    }
}
