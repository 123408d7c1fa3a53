/// Draws Poisson-distributed instance weights by inverting the cumulative distribution with one uniform draw.
///
/// Online bagging draws one weight per member per instance, so this sits on the hot path: `exp(-λ)` is
/// computed once, and each draw costs one random number and about λ multiplications (the method of MOA's
/// `MiscUtils.poisson`; above λ = 100 a rounded-down normal approximation, as there).
@usableFromInline
struct PoissonSampler: Sendable, Hashable {
    /// The mean λ.
    @usableFromInline let lambda: Double
    @usableFromInline let expMinusLambda: Double
    @usableFromInline let maxCount: Int

    /// Creates a sampler with mean `lambda` (positive and finite; checked by the owning configuration).
    @usableFromInline init(lambda: Double) {
        self.lambda = lambda
        expMinusLambda = (-lambda).exp
        maxCount = max(100, 10 * Int(lambda.rounded(.up)))
    }

    /// One draw.
    @inlinable @inline(__always)
    func draw(using random: inout RandomSource) -> Int {
        if lambda >= 100 {
            let x = lambda + lambda.squareRoot() * random.nextGaussian()
            return x < 0 ? 0 : Int(x)
        }
        let u = random.nextDouble()
        var term = expMinusLambda
        var cumulative = term
        var k = 0
        while u > cumulative && k < maxCount {
            k += 1
            term *= lambda / Double(k)
            cumulative += term
        }
        return k
    }
}
