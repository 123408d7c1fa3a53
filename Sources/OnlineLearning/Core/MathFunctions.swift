#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Elementary functions as properties, so that numeric code reads left to right and the C library stays
// confined to this file. (`OnlineLearning` imports nothing but the standard library and the platform libc.)
extension Double {
    /// e raised to this value.
    @inlinable public var exp: Double { Glibc.exp(self) }
    /// The natural logarithm.
    @inlinable public var log: Double { Glibc.log(self) }
    /// The base-2 logarithm.
    @inlinable public var log2: Double { Glibc.log2(self) }
    /// The cosine.
    @inlinable public var cos: Double { Glibc.cos(self) }
    /// The error function.
    @inlinable public var erf: Double { Glibc.erf(self) }
    /// This value raised to `power`.
    @inlinable public func pow(_ power: Double) -> Double { Glibc.pow(self, power) }
}
