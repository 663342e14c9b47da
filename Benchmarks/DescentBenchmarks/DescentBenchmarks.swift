import Benchmark
import Descent

/// Every benchmark of the suite, registered by the plugin's generated `main`.
///
/// Each case is timed three ways on the same point: the value alone by the fastest path the
/// library offers (``value(of:at:)``, evaluating on constants, nothing recorded), the value
/// with its gradient, and the Hessian-vector product (forward, backward and the recorded
/// backward differentiated once more). Data, parameters and directions are made once, outside
/// the timed closures; each timed call starts from a fresh tape, as a training step would.
///
/// Threads: `Parallelism.threads = 2` (elementwise loops and OpenBLAS), matching the PyTorch
/// reference, which `Scripts/references/bench_torch.py --threads 2` runs with
/// `torch.set_num_threads(2)`; the project's machines have 2 cores. The optimizer-step and
/// bandwidth benchmarks set their own thread counts, 1 and 2 (see
/// ``registerOptimizerStepBenchmarks()``).
///
/// Metrics: wall clock (the reported figure; its median goes into `docs/benchmarks.md`),
/// throughput (calls per second, which the JMH export requires) and the malloc count (the
/// stable one: it does not move with the machine's load).
let benchmarks: @Sendable () -> Void = {
  Parallelism.threads = 2
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .mallocCountTotal],
    timeUnits: .microseconds,
    warmupIterations: 3,
    maxDuration: .seconds(5),
    maxIterations: 50
  )
  registerRosenbrockBenchmarks()
  registerMLPBenchmarks()
  registerBandwidthBenchmarks()
  registerOptimizerStepBenchmarks()
  registerTrainingBenchmarks()
}
