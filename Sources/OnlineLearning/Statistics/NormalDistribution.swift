/// The standard normal cumulative distribution as MOA evaluates it (`moa.core.Statistics.normalProbability`).
///
/// MOA computes Φ with the rational approximations of Moshier's Cephes library (erf for |x| < 1, erfc beyond).
/// The platform's `erf` is just as accurate but rounds differently in the last bits, and a Hoeffding tree's split
/// decisions are sensitive enough to those bits (a leaf's weight seen is a sum of estimated fractions) that
/// matching MOA's curves instance for instance needs the same evaluation. Coefficients: Cephes `ndtr.c`.
enum NormalDistribution {
    /// Φ(a), the probability that a standard normal variable is at most `a`.
    static func cumulativeProbability(_ a: Double) -> Double {
        let sqrtHalf = 7.07106781186547524401E-1
        let x = a * sqrtHalf
        let z = abs(x)
        if z < sqrtHalf { return 0.5 + 0.5 * erf(x) }
        var y = 0.5 * erfc(z)
        if x > 0 { y = 1 - y }
        return y
    }

    /// Evaluates Σ coefficients[i]·x^(n−i) by Horner's rule, leading coefficient first.
    private static func polynomial(_ x: Double, _ coefficients: [Double]) -> Double {
        var result = coefficients[0]
        for c in coefficients.dropFirst() { result = result * x + c }
        return result
    }

    /// Like ``polynomial(_:_:)`` with an implicit leading coefficient 1.
    private static func monicPolynomial(_ x: Double, _ coefficients: [Double]) -> Double {
        var result = x + coefficients[0]
        for c in coefficients.dropFirst() { result = result * x + c }
        return result
    }

    private static let erfNumerator = [
        9.60497373987051638749E0, 9.00260197203842689217E1, 2.23200534594684319226E3,
        7.00332514112805075473E3, 5.55923013010394962768E4,
    ]
    private static let erfDenominator = [
        3.35617141647503099647E1, 5.21357949780152679795E2, 4.59432382970980127987E3,
        2.26290000613890934246E4, 4.92673942608635921086E4,
    ]
    private static let erfcNumeratorNear = [
        2.46196981473530512524E-10, 5.64189564831068821977E-1, 7.46321056442269912687E0,
        4.86371970985681366614E1, 1.96520832956077098242E2, 5.26445194995477358631E2,
        9.34528527171957607540E2, 1.02755188689515710272E3, 5.57535335369399327526E2,
    ]
    private static let erfcDenominatorNear = [
        1.32281951154744992508E1, 8.67072140885989742329E1, 3.54937778887819891062E2,
        9.75708501743205489753E2, 1.82390916687909736289E3, 2.24633760818710981792E3,
        1.65666309194161350182E3, 5.57535340817727675546E2,
    ]
    private static let erfcNumeratorFar = [
        5.64189583547755073984E-1, 1.27536670759978104416E0, 5.01905042251180477414E0,
        6.16021097993053585195E0, 7.40974269950448939160E0, 2.97886665372100240670E0,
    ]
    private static let erfcDenominatorFar = [
        2.26052863220117276590E0, 9.39603524938001434673E0, 1.20489539808096656605E1,
        1.70814450747565897222E1, 9.60896809063285878198E0, 3.36907645100081516050E0,
    ]
    private static let maxLog = 7.09782712893383996732E2

    /// The error function.
    static func erf(_ x: Double) -> Double {
        if abs(x) > 1 { return 1 - erfc(x) }
        let z = x * x
        return x * polynomial(z, erfNumerator) / monicPolynomial(z, erfDenominator)
    }

    /// The complementary error function 1 − erf(a).
    static func erfc(_ a: Double) -> Double {
        let x = abs(a)
        if x < 1 { return 1 - erf(a) }
        let z = -a * a
        if z < -maxLog { return a < 0 ? 2 : 0 }
        let e = z.exp
        let p: Double, q: Double
        if x < 8 {
            p = polynomial(x, erfcNumeratorNear)
            q = monicPolynomial(x, erfcDenominatorNear)
        } else {
            p = polynomial(x, erfcNumeratorFar)
            q = monicPolynomial(x, erfcDenominatorFar)
        }
        var y = (e * p) / q
        if a < 0 { y = 2 - y }
        if y == 0 { return a < 0 ? 2 : 0 }
        return y
    }
}
