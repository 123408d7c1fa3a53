/// The index of the largest vote as MOA's `Utils.maxIndex` picks it: the first element is taken as the starting
/// maximum whatever it holds (even `nan`), and a later element wins only when strictly larger; 0 when empty.
///
/// Learners that mirror MOA predict with this rather than ``argmax(_:)`` so that ties and degenerate votes fall
/// the way they fall in MOA.
func moaMaxIndex(_ votes: UnsafeMutableBufferPointer<Double>) -> Int {
    var best = 0
    var maximum = 0.0
    for i in 0..<votes.count where i == 0 || votes[i] > maximum {
        best = i
        maximum = votes[i]
    }
    return best
}

/// The index of the largest of the first `count` values as MOA's `DoubleVector.maxIndex` picks it: the first
/// strictly largest, and -1 when `count` is 0 (an empty vector).
func moaVectorMaxIndex(_ values: [Double], count: Int) -> Int {
    var best = -1
    for i in 0..<min(count, values.count) where best < 0 || values[i] > values[best] { best = i }
    return best
}
