extension HoeffdingTree {
    /// The measured size of the tree in bytes: the node array and every array a node holds (Eddy's estimate of
    /// its heap use, the counterpart of MOA's `measureByteSize`).
    public var byteSize: Int {
        var size = MemoryLayout<HoeffdingTree>.size + arrayBytes(nodes.count, MemoryLayout<Node>.stride)
        for node in nodes { size += Self.heapBytes(of: node) }
        return size
    }

    /// The size the memory manager currently assumes: active and inactive leaves times their estimated sizes,
    /// scaled by the measured overhead of everything else (0 until the first estimate).
    public var estimatedByteSize: Double {
        (Double(activeLeafCount) * activeLeafByteSizeEstimate + Double(inactiveLeafCount) * inactiveLeafByteSizeEstimate)
            * byteSizeEstimateOverheadFraction
    }

    static func heapBytes(of node: Node) -> Int {
        node.stats.byteSize + (node.children.isEmpty ? 0 : arrayBytes(node.children.count, 8))
    }

    /// The full size of a leaf, node record included.
    static func leafBytes(of node: Node) -> Int { MemoryLayout<Node>.stride + heapBytes(of: node) }

    /// The leaves in MOA's order (depth first, children in branch order).
    func learningNodes() -> [Int] {
        guard root >= 0 else { return [] }
        var out: [Int] = []
        var stack = [root]
        while let n = stack.popLast() {
            if nodes[n].role == .split {
                for c in nodes[n].children.reversed() where c >= 0 { stack.append(c) }
            } else {
                out.append(n)
            }
        }
        return out
    }

    /// MOA's `enforceTrackerLimit`: when leaves are inactive or the estimate passes the bound, keep active only
    /// the most promising leaves that fit and deactivate (or reactivate) the others. With
    /// `stopMemoryManagement` the tree simply stops growing instead.
    mutating func enforceTrackerLimit() {
        let bound = Double(configuration.maxByteSize)
        guard inactiveLeafCount > 0 || estimatedByteSize > bound else { return }
        if configuration.stopMemoryManagement {
            growthAllowed = false
            return
        }
        let leaves = learningNodes()
        let promises = leaves.map { nodes[$0].stats.promise }
        let order = leaves.indices.sorted { promises[$0] < promises[$1] || (promises[$0] == promises[$1] && $0 < $1) }
        var maxActive = 0
        while maxActive < leaves.count {
            maxActive += 1
            let size = (Double(maxActive) * activeLeafByteSizeEstimate
                + Double(leaves.count - maxActive) * inactiveLeafByteSizeEstimate) * byteSizeEstimateOverheadFraction
            if size > bound {
                maxActive -= 1
                break
            }
        }
        let cutoff = leaves.count - maxActive
        for (rank, i) in order.enumerated() {
            let n = leaves[i]
            if rank < cutoff {
                if nodes[n].role == .activeLeaf { deactivate(n) }
            } else if nodes[n].role == .inactiveLeaf {
                activate(n)
            }
        }
    }

    /// MOA's `estimateModelByteSizes`: measures the average active and inactive leaf and the overhead of the
    /// rest, then enforces the bound if the measured size exceeds it.
    mutating func estimateModelByteSizes() {
        var active = 0
        var inactive = 0
        for n in learningNodes() {
            if nodes[n].role == .activeLeaf {
                active += Self.leafBytes(of: nodes[n])
            } else {
                inactive += Self.leafBytes(of: nodes[n])
            }
        }
        if active > 0 { activeLeafByteSizeEstimate = Double(active) / Double(activeLeafCount) }
        if inactive > 0 { inactiveLeafByteSizeEstimate = Double(inactive) / Double(inactiveLeafCount) }
        let actual = Double(byteSize)
        let estimated = Double(activeLeafCount) * activeLeafByteSizeEstimate
            + Double(inactiveLeafCount) * inactiveLeafByteSizeEstimate
        byteSizeEstimateOverheadFraction = actual / estimated
        if actual > Double(configuration.maxByteSize) { enforceTrackerLimit() }
    }
}
