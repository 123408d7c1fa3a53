/// How many attributes each leaf of a random-subspace tree watches, as a rule over the attribute count M
/// (MOA's `AdaptiveRandomForest -o/-m`).
///
/// The rules and their rounding follow MOA: the result is clamped to `1...M`, and a negative count or
/// percentage means "all but" (M + m, or M · (100 + m) / 100).
public enum RandomSubspaceSize: Sendable, Hashable {
    /// Exactly `m` attributes (M + m when `m` is negative).
    case count(Int)
    /// round(√M) + 1 attributes.
    case squareRootPlusOne
    /// M − round(√M + 1) attributes.
    case allButSquareRootPlusOne
    /// round(M · m / 100) attributes (M · (100 + m) / 100 when `m` is negative); MOA's default is 60.
    case percentage(Int)

    /// The subspace size for `attributeCount` attributes, in `1...max(1, attributeCount)`.
    /// - Parameter attributeCount: M, the number of input attributes.
    public func size(attributeCount n: Int) -> Int {
        var k: Int
        switch self {
        case .count(let m):
            k = m
        case .squareRootPlusOne:
            k = javaRound(Double(n).squareRoot()) + 1
        case .allButSquareRootPlusOne:
            k = n - javaRound(Double(n).squareRoot() + 1)
        case .percentage(let m):
            let fraction = m < 0 ? Double(100 + m) / 100 : Double(m) / 100
            k = javaRound(Double(n) * fraction)
        }
        if k < 0 { k += n }
        if k <= 0 { k = 1 }
        return min(k, max(1, n))
    }

    /// Java's `Math.round`: the nearest integer, halves rounded up.
    private func javaRound(_ x: Double) -> Int { Int((x + 0.5).rounded(.down)) }
}
