/// A fixed, immutable set of byte strings with constant-time lookup by raw bytes: field names and category
/// values, found without building a `String` per event.
///
/// Open addressing over a power-of-two array at most half full, keyed by a stable FNV-1a hash. It is built
/// once from the dictionary and never grows, so its memory is bounded by the dictionary, not by the stream.
struct ByteStringTable: Sendable, Hashable {
    private var storage: [UInt8] = []
    private var starts: [Int] = [0]
    private var slots: [Int32]
    private let mask: Int

    /// The number of distinct strings.
    private(set) var count = 0

    /// Builds the table; a repeated string keeps its first index.
    init(_ strings: [String]) {
        var capacity = 8
        while capacity < strings.count * 2 { capacity <<= 1 }
        slots = Array(repeating: -1, count: capacity)
        mask = capacity - 1
        for s in strings {
            let bytes = Array(s.utf8)
            let found = bytes.withUnsafeBufferPointer { index(of: $0) }
            // Keep indices dense and aligned with `strings` even when a string repeats.
            storage.append(contentsOf: bytes)
            starts.append(storage.count)
            let i = count
            count += 1
            guard found == nil else { continue }
            var slot = Int(truncatingIfNeeded: bytes.withUnsafeBufferPointer { ByteStringTable.hash($0) }) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i)
        }
    }

    /// The index of `bytes` in the list the table was built from, or nil.
    @inline(__always) func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var slot = Int(truncatingIfNeeded: ByteStringTable.hash(bytes)) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { return nil }
            if equals(entry, bytes) { return entry }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always) private func equals(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let s = starts[entry]
        let n = starts[entry + 1] - s
        guard n == bytes.count else { return false }
        return storage.withUnsafeBufferPointer { st in
            for k in 0..<n where st[s + k] != bytes[k] { return false }
            return true
        }
    }

    /// The 64-bit FNV-1a hash of `bytes`: stable across processes and platforms (unlike `Hasher`, which is
    /// seeded per process), so hash buckets survive restarts and checkpoints.
    @inline(__always) static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    /// The number of bytes the table holds, for memory-bound checks.
    var byteCount: Int { storage.capacity + starts.capacity * 8 + slots.capacity * 4 }
}
