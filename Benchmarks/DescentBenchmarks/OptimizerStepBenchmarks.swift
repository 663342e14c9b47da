import Benchmark
import Descent

/// One optimizer step on 10⁷ parameters, as `Scripts/references/bench_torch_optimizers.py`
/// times `opt.step()` on one float64 tensor of 10⁷ elements.
///
/// Each timed call is one `update` of a rule with its defaults (momentum 0.9 for
/// `SGDMomentum`), on a parameter vector, a fixed gradient (standard normal, seeded) and a
/// state that the setup has already carried through a few updates, so that every state
/// buffer is allocated and touched before timing starts. Everything is made in the setup
/// hook and freed in the teardown, so only one rule's buffers (up to four vectors of 80 MB)
/// are alive at a time.
///
/// Each rule runs with `Parallelism.threads` = 1 and 2 (names end in `/1thread`,
/// `/2threads`): at 10⁷ elements the rules' loops split over two threads, being beyond
/// ``Parallelism/arithmeticMinimumElementsPerThread`` per thread. The steps are bound by
/// memory bandwidth: `docs/benchmarks.md` sets each one next to the bytes it must move
/// divided by the triad bandwidth of ``registerBandwidthBenchmarks()``, measured in the
/// same run.
func registerOptimizerStepBenchmarks() {
  // Defaults of torch.optim, as in the PyTorch script; no rule here can throw for them.
  let rules: [(String, any UpdateRule)] = [
    ("SGD", try! SGD(learningRate: 1e-3)),
    ("SGDMomentum", try! SGD(learningRate: 1e-3, momentum: 0.9)),
    ("Adam", try! Adam()),
    ("AdaGrad", try! AdaGrad()),
    ("RMSProp", try! RMSProp()),
  ]
  for (type, rule) in rules {
    for threads in OptimizerStep.threadCounts {
      registerStep(type, rule, threads: threads)
    }
  }
}

/// Sizes and settings shared by the optimizer-step and bandwidth benchmarks.
enum OptimizerStep {
  /// Parameters per step.
  static let parameterCount = 10_000_000
  /// Thread counts each step is measured with.
  static let threadCounts = [1, 2]
  /// Updates applied in the setup, untimed, before the benchmark's own warm-up calls.
  static let warmupSteps = 3

  /// The name suffix for `threads` threads: `/1thread`, `/2threads`.
  static func threadSuffix(_ threads: Int) -> String {
    threads == 1 ? "/1thread" : "/\(threads)threads"
  }

  /// Each call moves hundreds of megabytes: a few warm-up calls, then up to 40 calls or 5 s.
  static var configuration: Benchmark.Configuration {
    .init(
      metrics: [.wallClock, .throughput, .mallocCountTotal],
      timeUnits: .microseconds,
      warmupIterations: 3,
      maxDuration: .seconds(5),
      maxIterations: 40
    )
  }

  /// `count` standard normal numbers from `seed`.
  static func normals(_ count: Int, seed: UInt64) -> [Double] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in generator.nextNormal() }
  }
}

/// What one optimizer-step benchmark works on, made by its setup and dropped by its
/// teardown.
private final class StepFixture<Rule: UpdateRule> {
  let rule: Rule
  let gradient: [Double]
  var parameters: [Double]
  var state: Rule.State
  let context: UpdateContext

  init(rule: Rule, count: Int) {
    self.rule = rule
    gradient = OptimizerStep.normals(count, seed: 0)
    parameters = OptimizerStep.normals(count, seed: 1)
    state = rule.initialState(parameterCount: count)
    context = UpdateContext(loss: 0, learningRate: rule.learningRate)
    for _ in 0..<OptimizerStep.warmupSteps { step() }
  }

  /// One update, in place.
  func step() {
    rule.update(&parameters, gradient: gradient, state: &state, context: context)
  }
}

/// Registers `Type.step/10000000/Nthread(s)` for `rule` on `threads` threads.
private func registerStep<Rule: UpdateRule>(_ type: String, _ rule: Rule, threads: Int) {
  let n = OptimizerStep.parameterCount
  nonisolated(unsafe) var fixture: StepFixture<Rule>?
  nonisolated(unsafe) var suiteThreads = Parallelism.threads
  Benchmark(
    "\(type).step/\(n)" + OptimizerStep.threadSuffix(threads),
    configuration: OptimizerStep.configuration,
    closure: { benchmark in
      guard let fixture else { return benchmark.error("no fixture: the setup did not run") }
      for _ in benchmark.scaledIterations {
        fixture.step()
      }
      blackHole(fixture.parameters[n / 2])
    },
    setup: {
      suiteThreads = Parallelism.threads  // the other benchmarks' count, back in the teardown
      Parallelism.threads = threads
      fixture = StepFixture(rule: rule, count: n)
    },
    teardown: {
      fixture = nil
      Parallelism.threads = suiteThreads
    })
}
