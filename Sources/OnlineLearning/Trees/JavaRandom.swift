/// Java's `java.util.Random` (a 48-bit linear congruential generator) and MOA's `MiscUtils.poisson` on top of it.
///
/// MOA's Hoeffding adaptive tree gives every learning node its own `new Random(1)` and weights each instance a
/// leaf learns by a Poisson(1) draw from it (a draw of 0 leaves the weight unchanged). Reproducing the exact
/// draws keeps Eddy's tree on MOA's accuracy curve; the generator is not meant for anything else.
struct JavaRandom: Sendable, Hashable, BinaryCodable {
    private static let multiplier: UInt64 = 0x5_DEEC_E66D
    private static let mask: UInt64 = (1 << 48) - 1
    private var seed: UInt64

    /// Seeds the generator as `new java.util.Random(seed)` does.
    init(seed: Int64) {
        self.seed = (UInt64(bitPattern: seed) ^ Self.multiplier) & Self.mask
    }

    /// Java's `next(bits)`: the top `bits` bits of the advanced state, as a signed 32-bit value.
    private mutating func next(_ bits: Int) -> Int32 {
        seed = (seed &* Self.multiplier &+ 0xB) & Self.mask
        return Int32(truncatingIfNeeded: Int64(bitPattern: seed) >> (48 - bits))
    }

    /// Java's `nextDouble()`: 53 random bits scaled into [0, 1).
    mutating func nextDouble() -> Double {
        let high = Int64(next(26))
        let low = Int64(next(27))
        return Double((high << 27) + low) * 0x1.0p-53
    }

    /// MOA's `MiscUtils.poisson(lambda, random)` for `lambda < 100`: inversion by summing the probabilities.
    mutating func poisson(_ lambda: Double) -> Int {
        var product = 1.0
        var sum = 1.0
        let threshold = nextDouble() * lambda.exp
        var i = 1
        let limit = max(100, 10 * Int(lambda.rounded(.up)))
        while i < limit && sum <= threshold {
            product *= lambda / Double(i)
            sum += product
            i += 1
        }
        return i - 1
    }

    func encode(to writer: inout BinaryWriter) { writer.write(seed) }

    init(from reader: inout BinaryReader) throws {
        seed = try reader.read()
        guard seed <= Self.mask else { throw ModelFormatError("Java random state out of range", offset: reader.offset) }
    }
}
