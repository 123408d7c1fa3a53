/// A seeded, copyable pseudo-random generator (xoshiro256**, seeded through SplitMix64).
///
/// Learners hold one by value, so copying a learner copies its random state and a run can be repeated bit
/// for bit from its seed. The state is part of every learner's saved form.
public struct RandomSource: RandomNumberGenerator, Sendable, Hashable, BinaryCodable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Creates a generator from a seed; equal seeds give equal sequences.
    public init(seed: UInt64) {
        var x = seed
        func splitMix(_ x: inout UInt64) -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(&x)
        s1 = splitMix(&x)
        s2 = splitMix(&x)
        s3 = splitMix(&x)
    }

    /// The next 64 random bits.
    @inlinable public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniform double in [0, 1).
    @inlinable public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound`; `bound` must be positive.
    @inlinable public mutating func nextInt(below bound: Int) -> Int {
        Int(next(upperBound: UInt64(bound)))
    }

    /// A Poisson-distributed count with mean `lambda` (Knuth's product method for small means, a normal
    /// approximation above 100), as online bagging draws instance weights (Oza & Russell 2001).
    public mutating func poisson(_ lambda: Double) -> Int {
        if lambda > 100 {
            let draw = lambda + lambda.squareRoot() * nextGaussian()
            return max(0, Int(draw.rounded()))
        }
        let limit = (-lambda).exp
        var product = nextDouble()
        var count = 0
        while product >= limit {
            product *= nextDouble()
            count += 1
        }
        return count
    }

    /// A standard normal draw (Box-Muller).
    public mutating func nextGaussian() -> Double {
        var u = nextDouble()
        while u <= .leastNormalMagnitude { u = nextDouble() }
        let v = nextDouble()
        return (-2 * u.log).squareRoot() * (2 * Double.pi * v).cos
    }

    public func encode(to writer: inout BinaryWriter) {
        writer.write(s0); writer.write(s1); writer.write(s2); writer.write(s3)
    }

    public init(from reader: inout BinaryReader) throws {
        s0 = try reader.read(); s1 = try reader.read(); s2 = try reader.read(); s3 = try reader.read()
    }
}
