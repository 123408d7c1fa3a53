// Ensemble throughput and accuracy on a CSV stream (three numeric attributes, class groupA/groupB last): a
// plain prequential loop (predict, then learn), CPU time of the loop only, data preloaded.
//   ensemble-throughput STREAM.csv [NAME ...]   (NAME: OzaBag LevBag ADWINBag ARF AbsOzaBag AbsLevBag
//                                                AbsOzaBagVote AbsLevBagVote; default all)
import OnlineLearning
#if canImport(Glibc)
import Glibc
#endif

func load(_ path: String) -> [(x: Instance, label: Int)] {
    guard let file = fopen(path, "r") else { print("cannot open \(path)"); exit(1) }
    defer { fclose(file) }
    var out: [(x: Instance, label: Int)] = []
    var line: UnsafeMutablePointer<CChar>?
    var capacity = 0
    _ = getline(&line, &capacity, file)  // header
    while getline(&line, &capacity, file) > 0 {
        let cells = String(cString: line!).split(separator: ",")
        guard cells.count == 4, let a = Double(cells[0]), let b = Double(cells[1]), let c = Double(cells[2]) else { continue }
        out.append((Instance([a, b, c]), cells[3].hasPrefix("groupA") ? 0 : 1))
    }
    return out
}

func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

func row(_ name: String, correct: Int, count: Int, seconds: Double, note: String) {
    let accuracy = (10_000 * Double(correct) / Double(count)).rounded() / 100
    print("| \(name) | \(accuracy) | \(Int(Double(count) / seconds)) | \(note) |")
}

func prequential<C: Classifier>(_ name: String, _ model: C, note: (C) -> String = { _ in "" }) {
    var m = model
    var correct = 0
    let start = cpuSeconds()
    for e in stream {
        if m.predict(e.x) == e.label { correct += 1 }
        m.learn(e.x, label: e.label, weight: 1)
    }
    row(name, correct: correct, count: stream.count, seconds: cpuSeconds() - start, note: note(m))
}

/// The abstaining wrapper driven through its ``AbstainingEnsemble/vote(for:)``, reusing the vote to learn.
func voteThenLearn<E: Ensemble>(_ name: String, _ model: AbstainingEnsemble<E>) {
    var m = model
    var correct = 0
    let start = cpuSeconds()
    for e in stream {
        let vote = m.vote(for: e.x)
        if vote.predictedClass == e.label { correct += 1 }
        m.learn(e.x, label: e.label, weight: 1, after: vote)
    }
    row(name, correct: correct, count: stream.count, seconds: cpuSeconds() - start, note: abstention(m))
}

func abstention<E>(_ m: AbstainingEnsemble<E>) -> String {
    "abstention \((m.abstentionRate * 10_000).rounded() / 100) %, all abstained \((m.allAbstainedRate * 10_000).rounded() / 100) %, θ \(m.threshold)"
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else { print("usage: ensemble-throughput STREAM.csv [NAME ...]"); exit(2) }
let stream = load(arguments[1])
let names = Set(arguments.dropFirst(2))
func wanted(_ name: String) -> Bool { names.isEmpty || names.contains(name) }
let header = Header(attributes: [.numeric("attrib1"), .numeric("attrib2"), .numeric("attrib3")], classes: ["groupA", "groupB"])
let tree = try HoeffdingTree(header: header)

print("| learner (×10 Hoeffding trees) | accuracy % | instances / CPU-second | notes |")
print("| --- | ---: | ---: | --- |")
if wanted("OzaBag") { prequential("OnlineBagging", try OnlineBagging(prototype: tree)) }
if wanted("LevBag") { prequential("LeveragingBagging", try LeveragingBagging(prototype: tree)) { "\($0.changesDetected) resets" } }
if wanted("ADWINBag") { prequential("ADWINBagging", try ADWINBagging(prototype: tree)) { "\($0.changesDetected) resets" } }
if wanted("ARF") {
    prequential("AdaptiveRandomForest", try AdaptiveRandomForest(header: header)) {
        "\($0.members.map(\.warnings).reduce(0, +)) warnings, \($0.members.map(\.drifts).reduce(0, +)) drifts"
    }
}
if wanted("AbsOzaBag") { prequential("Abstaining OnlineBagging", try AbstainingEnsemble(ensemble: OnlineBagging(prototype: tree)), note: abstention) }
if wanted("AbsLevBag") { prequential("Abstaining LeveragingBagging", try AbstainingEnsemble(ensemble: LeveragingBagging(prototype: tree)), note: abstention) }
if wanted("AbsOzaBagVote") { voteThenLearn("Abstaining OnlineBagging (vote reused)", try AbstainingEnsemble(ensemble: OnlineBagging(prototype: tree))) }
if wanted("AbsLevBagVote") { voteThenLearn("Abstaining LeveragingBagging (vote reused)", try AbstainingEnsemble(ensemble: LeveragingBagging(prototype: tree))) }
