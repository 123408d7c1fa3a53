import Testing
import OnlineLearning

/// The ensembles on the full 200k reference stream, opt-in (`EDDY_FULL_REFERENCE=1`; best in a release
/// build): Eddy's final accuracy next to MOA's (shared/reference/README.md), checked within one point, and
/// the abstaining wrappers against the plain ensembles, with their abstention rates printed.
@Suite(.enabled(if: FullReferenceStream.isEnabled), .serialized)
struct FullStreamEnsembleReport {
    static let stream = Result { try FullReferenceStream.load() }
    static let header = ReferenceStream.header

    static func report<C: Classifier>(_ name: String, _ model: inout C, moa: Double?) throws -> Double {
        let (accuracy, speed) = FullReferenceStream.measure(&model, on: try Self.stream.get())
        print("\(name): accuracy \(accuracy)% (MOA \(moa.map { "\($0)%" } ?? "—")), \(Int(speed)) instances/s")
        if let moa { #expect(abs(accuracy - moa) <= 1, "\(name): Eddy \(accuracy), MOA \(moa)") }
        return accuracy
    }

    @Test func onlineBaggingAndItsAbstainingWrapper() throws {
        let tree = try HoeffdingTree(header: Self.header)
        var plain = try OnlineBagging(prototype: tree)
        var abstaining = try AbstainingEnsemble(ensemble: OnlineBagging(prototype: tree))
        let a = try Self.report("OzaBag10", &plain, moa: 84.87)
        let b = try Self.report("Abstaining OzaBag10", &abstaining, moa: nil)
        print("  abstention rate \(abstaining.abstentionRate), all abstained \(abstaining.allAbstainedRate), θ \(abstaining.threshold)")
        #expect(b >= a)
    }

    @Test func leveragingBaggingAndItsAbstainingWrapper() throws {
        let tree = try HoeffdingTree(header: Self.header)
        var plain = try LeveragingBagging(prototype: tree)
        var abstaining = try AbstainingEnsemble(ensemble: LeveragingBagging(prototype: tree))
        let a = try Self.report("LevBag10", &plain, moa: 88.15)
        let b = try Self.report("Abstaining LevBag10", &abstaining, moa: nil)
        print("  abstention rate \(abstaining.abstentionRate), all abstained \(abstaining.allAbstainedRate), θ \(abstaining.threshold)")
        #expect(b >= a)
    }

    @Test func adwinBaggingAndAdaptiveRandomForest() throws {
        var adwin = try ADWINBagging(prototype: HoeffdingTree(header: Self.header))
        _ = try Self.report("ADWINBag10", &adwin, moa: nil)
        var forest = try AdaptiveRandomForest(header: Self.header)
        _ = try Self.report("ARF10", &forest, moa: 89.01)
    }
}
