import Foundation
import Testing

@testable import Descent

/// Small- against large-batch training: gradient noise in its two exact cases, and a short
/// comparison checked against a hand-made gradient-descent step.
@Suite("Batch size comparison")
struct BatchSizeComparisonTests {
  static func setup() throws -> (model: MLP, training: Dataset, validation: Dataset) {
    var generator = SeededGenerator(seed: 21)
    let data = try SyntheticData.teacher(
      widths: [3, 4, 1], activation: .tanh, samples: 40, noise: 0.1, using: &generator)
    let (training, validation) = data.split(validationFraction: 0.25, using: &generator)
    return (try MLP(widths: [3, 4, 1], activation: .tanh, loss: .mse), training, validation)
  }

  @Test("gradient noise: 0 at the full batch, the per-sample variance at batch size 1")
  func noiseExactCases() throws {
    let (model, training, _) = try Self.setup()
    var generator = SeededGenerator(seed: 2)
    let theta = model.initialParameters(using: &generator)
    let full = try BatchSizeComparison.gradientNoise(
      of: model, on: training, at: theta, batchSize: training.count)
    // The full batch in another row order: only the summation order differs, ε·|g|² ≈ 1e-17.
    #expect(full <= 1e-20)
    let g = try MLPObjective(model: model, data: training).valueAndGradient(at: theta).gradient
    var variance = 0.0
    for i in 0..<training.count {
      let gi = try MLPObjective(model: model, data: training.rows([i]))
        .valueAndGradient(at: theta).gradient
      variance += zip(gi, g).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    }
    variance /= Double(training.count)
    let single = try BatchSizeComparison.gradientNoise(
      of: model, on: training, at: theta, batchSize: 1, partitions: 2)
    // Same terms summed in another order (each partition visits every row once).
    expectClose([single], [variance], rtol: 1e-12)
    #expect(variance > 0)
  }

  @Test("two batch sizes: shared start, full batch = gradient descent, noise falls with B")
  func comparison() throws {
    let (model, training, validation) = try Self.setup()
    let n = training.count
    let comparison = try BatchSizeComparison(
      model: model, training: training, validation: validation, batchSizes: [4, n], epochs: 2,
      learningRate: 0.1, seed: 9)
    let runs = try comparison.run()
    #expect(runs.map(\.batchSize) == [4, n])
    var generator = SeededGenerator(seed: 9)
    let start = model.initialParameters(using: &generator)
    let objective = try MLPObjective(model: model, data: training)
    let held = try MLPObjective(model: model, data: validation)
    for run in runs {
      #expect(run.epochs.map(\.epoch) == [0, 1, 2])
      #expect(run.epochs[0].trainingLoss == (try objective.value(at: start)))
      #expect(run.epochs[0].validationLoss == (try held.value(at: start)))
      #expect(run.epochs.dropFirst().allSatisfy { $0.seconds > 0 })
      #expect(run.epochs[2].validationLoss == (try held.value(at: run.parameters)))
    }
    // Full batch: two steps θ ← θ − η∇L(θ) by hand; SGD applies the same update in the same
    // order, up to the row order of the minibatch sum (ε-level: 1e-13 on O(1) parameters).
    var theta = start
    for _ in 0..<2 {
      let g = try objective.valueAndGradient(at: theta).gradient
      theta = zip(theta, g).map { $0 - 0.1 * $1 }
    }
    expectClose(runs[1].parameters, theta, atol: 1e-13)
    // At the shared start the full batch has no noise and batch 4 has some.
    #expect(runs[1].epochs[0].gradientNoise <= 1e-20)
    #expect(runs[0].epochs[0].gradientNoise > 1e-6)
  }
}
