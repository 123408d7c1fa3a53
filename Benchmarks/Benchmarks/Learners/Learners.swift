import Benchmark
import OnlineLearning

let benchmarks: @Sendable () -> Void = {
    Benchmark("RandomSource_poisson_lambda6", configuration: .init(metrics: [.throughput, .mallocCountTotal])) { benchmark in
        var random = RandomSource(seed: 1)
        var sum = 0
        for _ in benchmark.scaledIterations { sum &+= random.poisson(6) }
        blackHole(sum)
    }
}
