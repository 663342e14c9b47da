import Benchmark
import Descent

/// The n-dimensional Rosenbrock function in tensor form (``TestFunctions/rosenbrock(_:)``),
/// n = 10⁶, at x = 1 + 0.5·N(0, 1) along a standard normal v — the point and direction of
/// `Scripts/references/bench_torch.py` in distribution (seeded, but not PyTorch's numbers).
///
/// Memory-bound: the value makes a handful of passes over 8 MB vectors, so these cases
/// measure how many passes (and temporaries) the gradient and the HVP add.
func registerRosenbrockBenchmarks() {
  let n = 1_000_000
  let size = "/\(n)"
  var generator = SeededGenerator(seed: 0)
  let x = Tensor.randomNormal([n], mean: 1, standardDeviation: 0.5, using: &generator)
  let v = Tensor.randomNormal([n], using: &generator)
  let f: DifferentiableFunction = TestFunctions.rosenbrock

  Benchmark("Rosenbrock.value" + size) { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try value(of: f, at: x))
    }
  }
  Benchmark("Rosenbrock.gradient" + size) { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try valueWithGradient(of: f, at: x))
    }
  }
  Benchmark("Rosenbrock.hessianVectorProduct" + size) { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try hessianVectorProduct(of: f, at: x, along: v))
    }
  }
}
