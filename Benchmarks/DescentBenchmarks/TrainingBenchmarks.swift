import Benchmark
import Descent

/// The training-throughput and network-Hessian benchmarks of issue 5, the same workloads as
/// `Scripts/references/bench_torch_training.py`.
///
/// `Training.epoch/784-256-256-10x128/Nthread(s)`: one epoch of a 784-256-256-10 ReLU
/// ``MLP`` with cross-entropy, trained by ``Trainer`` with ``Adam`` (lr 1e-3) on 12,800
/// standard normal inputs with uniform labels in 0..<10, batch 128: 100 updates, each the
/// batch gather, forward, backward and Adam update, after one seeded shuffle. The run is the
/// one a user writes — `trainer.train(from: trainer.initialState(parameters:seed:))` — and
/// the timed span ends at the trainer's epoch event, so it leaves out the full-batch loss,
/// gradient and accuracy that `train` computes for its result after the last epoch (PyTorch's
/// timed epoch has no such evaluation). Samples per second = 12,800 / the epoch's time.
/// Caveat: the JMH export needs the throughput metric, which ordo-one/benchmark counts in
/// whole calls per second; when every epoch takes over a second (a heavily loaded machine)
/// it is absent and the export skips that benchmark with "Throughput metric must be present".
///
/// `Hessian.full/8-32-20-4x64` and `Hessian.eigenvalues/8-32-20-4x64`: a tanh network
/// 8-32-20-4 (1,032 parameters) with MSE on 64 standard normal rows and targets; the full
/// Hessian of the loss in the flat parameters (``MLPObjective/valueGradientAndHessian(at:)``),
/// then its eigenvalues alone (``SymmetricEigendecomposition``, dsyevd), timed separately on
/// 2 threads, as the PyTorch script times `torch.autograd.functional.hessian` and
/// `torch.linalg.eigvalsh`. `Hessian.full/8-32-20-4x64/1thread` is the full Hessian with
/// `Parallelism.threads = 1` (the backward passes run one after the other in either case).
func registerTrainingBenchmarks() {
  for threads in OptimizerStep.threadCounts {
    registerEpoch(threads: threads)
  }
  registerNetworkHessian()
}

/// Sizes of the training workload, as in the PyTorch script.
enum TrainingWorkload {
  /// Widths of the trained network.
  static let widths = [784, 256, 256, 10]
  /// Rows per minibatch.
  static let batch = 128
  /// Training rows: 100 minibatches.
  static let samples = 12_800
  /// Widths of the network whose Hessian is taken.
  static let hessianWidths = [8, 32, 20, 4]
  /// Rows of the Hessian's loss.
  static let hessianRows = 64

  /// `/784-256-256-10x128`.
  static var label: String {
    "/" + widths.map(String.init).joined(separator: "-") + "x\(batch)"
  }

  /// `/8-32-20-4x64`.
  static var hessianLabel: String {
    "/" + hessianWidths.map(String.init).joined(separator: "-") + "x\(hessianRows)"
  }

  /// An epoch takes a fraction of a second: one warm-up epoch, then up to 10 or 10 s.
  static var configuration: Benchmark.Configuration {
    .init(
      metrics: [.wallClock, .throughput, .mallocCountTotal],
      timeUnits: .microseconds,
      warmupIterations: 1,
      maxDuration: .seconds(10),
      maxIterations: 10
    )
  }
}

/// What one epoch benchmark trains, made by its setup and dropped by its teardown.
private final class EpochFixture {
  let trainer: Trainer<Adam>
  let parameters: [Double]

  init() throws {
    var generator = SeededGenerator(seed: 0)
    let widths = TrainingWorkload.widths
    let model = try MLP(widths: widths, activation: .relu, loss: .crossEntropy)
    parameters = model.initialParameters(using: &generator)
    let inputs = Tensor.randomNormal(
      [TrainingWorkload.samples, widths[0]], using: &generator)
    let labels = (0..<TrainingWorkload.samples).map { _ in
      Int.random(in: 0..<widths.last!, using: &generator)
    }
    let data = Dataset(
      name: "random", inputs: inputs, targets: .labels(labels, classes: widths.last!))
    trainer = try Trainer(
      model: model, training: data, rule: try Adam(learningRate: 1e-3),
      options: TrainingOptions(epochs: 1, batchSize: TrainingWorkload.batch))
  }
}

/// Registers `Training.epoch/784-256-256-10x128/Nthread(s)` on `threads` threads.
private func registerEpoch(threads: Int) {
  nonisolated(unsafe) var fixture: EpochFixture?
  nonisolated(unsafe) var suiteThreads = Parallelism.threads
  Benchmark(
    "Training.epoch" + TrainingWorkload.label + OptimizerStep.threadSuffix(threads),
    configuration: TrainingWorkload.configuration,
    closure: { benchmark in
      guard let fixture else { return benchmark.error("no fixture: the setup did not run") }
      for _ in benchmark.scaledIterations {
        let start = fixture.trainer.initialState(parameters: fixture.parameters, seed: 1)
        benchmark.startMeasurement()
        let result = try fixture.trainer.train(from: start) { event in
          if case .epoch = event { benchmark.stopMeasurement() }
        }
        blackHole(result.state.parameters[0])
      }
    },
    setup: {
      suiteThreads = Parallelism.threads  // the other benchmarks' count, back in the teardown
      Parallelism.threads = threads
      fixture = try EpochFixture()
    },
    teardown: {
      fixture = nil
      Parallelism.threads = suiteThreads
    })
}

/// Registers `Hessian.full/8-32-20-4x64` and `Hessian.eigenvalues/8-32-20-4x64` (2 threads,
/// the suite's default).
private func registerNetworkHessian() {
  var generator = SeededGenerator(seed: 0)
  let widths = TrainingWorkload.hessianWidths
  let rows = TrainingWorkload.hessianRows
  // Fixed widths and matching data: neither the network nor the objective can throw here.
  let model = try! MLP(widths: widths, activation: .tanh, loss: .mse)
  let theta = model.initialParameters(using: &generator)
  let data = Dataset(
    name: "random", inputs: Tensor.randomNormal([rows, widths[0]], using: &generator),
    targets: .values(Tensor.randomNormal([rows, widths.last!], using: &generator)))
  let objective = try! MLPObjective(model: model, data: data)
  nonisolated(unsafe) var hessian: Tensor?

  Benchmark("Hessian.full" + TrainingWorkload.hessianLabel) { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try objective.valueGradientAndHessian(at: theta).hessian)
    }
  }
  // The same with one thread for BLAS and the elementwise loops.
  nonisolated(unsafe) var suiteThreads = Parallelism.threads
  Benchmark(
    "Hessian.full" + TrainingWorkload.hessianLabel + OptimizerStep.threadSuffix(1),
    configuration: Benchmark.defaultConfiguration,
    closure: { benchmark in
      for _ in benchmark.scaledIterations {
        blackHole(try objective.valueGradientAndHessian(at: theta).hessian)
      }
    },
    setup: {
      suiteThreads = Parallelism.threads
      Parallelism.threads = 1
    },
    teardown: { Parallelism.threads = suiteThreads })
  Benchmark(
    "Hessian.eigenvalues" + TrainingWorkload.hessianLabel,
    configuration: Benchmark.defaultConfiguration,
    closure: { benchmark in
      guard let hessian else { return benchmark.error("no Hessian: the setup did not run") }
      for _ in benchmark.scaledIterations {
        blackHole(try SymmetricEigendecomposition(hessian, computeEigenvectors: false))
      }
    },
    setup: { hessian = try objective.valueGradientAndHessian(at: theta).hessian },
    teardown: { hessian = nil })
}
