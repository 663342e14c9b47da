import Foundation
import Testing

@testable import Descent

/// The minibatch loop: resume bit for bit, early stopping, events, parameter groups,
/// non-finite stops, and that it learns.
@Suite struct TrainerTests {
  static func xorTrainer(
    maxSteps: Int?, checkpoint: String? = nil, every: Int? = nil
  ) throws -> Trainer<AdamW> {
    var g = SeededGenerator(seed: 11)
    let data = SyntheticData.xor(samples: 64, using: &g)
    let model = try MLP(widths: [2, 8, 2], activation: .tanh, loss: .crossEntropy)
    return try Trainer(
      model: model, training: data, rule: try AdamW(learningRate: 0.02),
      schedule: .stepwise(CosineAnnealing(learningRate: 0.02, halfPeriod: 2500)),
      clipping: .globalNorm(5), groups: model.weightAndBiasGroups(weightDecay: 0.01),
      options: TrainingOptions(
        epochs: 1000, batchSize: 10, maxSteps: maxSteps, checkpointEvery: every,
        checkpointPath: checkpoint))
  }

  static func start(_ trainer: Trainer<AdamW>) -> TrainingState<AdamW.State> {
    var g = SeededGenerator(seed: 12)
    return trainer.initialState(
      parameters: trainer.model.initialParameters(using: &g), seed: 13)
  }

  /// 2,000 updates straight equal 1,000, a checkpoint written to disk and read back, and
  /// 1,000 more — bit for bit (7 batches per epoch, so the break falls mid-epoch).
  @Test func resumeFromCheckpointIsBitForBit() throws {
    let straight = try Self.xorTrainer(maxSteps: 2000)
    let whole = try straight.train(from: Self.start(straight))
    #expect(whole.state.step == 2000)

    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-resume-\(getpid()).json"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let first = try Self.xorTrainer(maxSteps: 1000, checkpoint: path, every: 300)
    let half = try first.train(from: Self.start(first))
    #expect(half.state.step == 1000 && half.state.batch != 0)
    let saved = try TrainingCheckpoint<AdamW.State>.read(from: path)
    #expect(saved.state == half.state)
    let second = try Self.xorTrainer(maxSteps: 2000)
    let resumed = try second.train(from: saved.state)
    #expect(resumed.parameters.map(\.bitPattern) == whole.parameters.map(\.bitPattern))
    #expect(resumed.state == whole.state)
    // And the run learned XOR meanwhile.
    #expect((whole.accuracy ?? 0) > 0.95)
  }

  @Test func eventsCountStepsAndEpochs() throws {
    var g = SeededGenerator(seed: 2)
    let data = SyntheticData.blobs(classes: 3, dimension: 2, samples: 25, using: &g)
    let model = try MLP(widths: [2, 4, 3], activation: .relu, loss: .crossEntropy)
    let trainer = try Trainer(
      model: model, training: data, rule: try SGD(learningRate: 0.1),
      options: TrainingOptions(epochs: 3, batchSize: 10))
    var steps: [TrainingStepEvent] = []
    var epochs: [EpochSummary] = []
    let result = try trainer.train(
      from: trainer.initialState(parameters: model.initialParameters(using: &g), seed: 0)
    ) { event in
      switch event {
      case .step(let s): steps.append(s)
      case .epoch(let e): epochs.append(e)
      }
    }
    // ⌈25/10⌉ = 3 batches per epoch.
    #expect(steps.map(\.step) == Array(1...9))
    #expect(steps.map(\.batch) == [1, 2, 3, 1, 2, 3, 1, 2, 3])
    #expect(epochs.map(\.epoch) == [1, 2, 3] && epochs.map(\.step) == [3, 6, 9])
    #expect(result.stopReason == .maxIterations && result.state.history == epochs)
    // The epoch loss is the size-weighted mean of its batch losses (10, 10, 5 rows).
    let l = steps.prefix(3).map(\.loss)
    expectClose([epochs[0].trainingLoss], [(10 * l[0] + 10 * l[1] + 5 * l[2]) / 25], rtol: 1e-15)
  }

  /// With lr = 0 nothing moves, the validation loss never improves after epoch 1, so a
  /// patience of 2 stops after epoch 3.
  @Test func earlyStoppingAfterPatienceEpochs() throws {
    var g = SeededGenerator(seed: 4)
    let all = SyntheticData.xor(samples: 40, using: &g)
    let (training, validation) = all.split(validationFraction: 0.25, using: &g)
    let model = try MLP(widths: [2, 3, 2], activation: .tanh, loss: .crossEntropy)
    let trainer = try Trainer(
      model: model, training: training, validation: validation, rule: try SGD(learningRate: 0),
      options: TrainingOptions(epochs: 50, batchSize: 8, earlyStoppingPatience: 2))
    let result = try trainer.train(
      from: trainer.initialState(parameters: model.initialParameters(using: &g), seed: 1))
    #expect(result.stopReason == .earlyStopping)
    #expect(result.state.epoch == 3 && result.state.bestEpoch == 1)
    #expect(result.validationLoss == result.state.history[0].validationLoss)
  }

  /// One full-batch SGD update with weight decay on weights only and a learning-rate
  /// factor on biases equals the update written out from the full-batch gradient.
  @Test func parameterGroupsApplyTheirOwnDecayAndRate() throws {
    var g = SeededGenerator(seed: 6)
    let data = try SyntheticData.teacher(
      widths: [3, 4, 1], activation: .sigmoid, samples: 12, noise: 0.1, using: &g)
    let model = try MLP(widths: [3, 4, 1], activation: .sigmoid, loss: .mse)
    var groups = model.weightAndBiasGroups(weightDecay: 0.5)
    groups[1].learningRateScale = 0.25
    let lr = 0.3
    let trainer = try Trainer(
      model: model, training: data, rule: try SGD(learningRate: lr), groups: groups,
      options: TrainingOptions(epochs: 1, batchSize: 12))
    let theta = model.initialParameters(using: &g)
    let after = try trainer.train(from: trainer.initialState(parameters: theta, seed: 0))
    let gradient = try MLPObjective(model: model, data: data).valueAndGradient(at: theta).gradient
    var expected = theta
    for layer in model.layers {
      for i in layer.weightRange { expected[i] -= lr * (gradient[i] + 0.5 * theta[i]) }
      for i in layer.biasRange { expected[i] -= 0.25 * lr * gradient[i] }
    }
    // The minibatch is the whole set in shuffled order: the mean differs from the unshuffled
    // one by summation order only, a few ulps of O(1) numbers.
    expectClose(after.parameters, expected, rtol: 1e-13, atol: 1e-15)
  }

  /// Reduce-on-plateau observes the validation loss once per epoch (PyTorch's
  /// `scheduler.step(val_loss)` after each epoch): the rate of each epoch is what a fresh
  /// schedule gives after the losses of the epochs before it.
  @Test func plateauScheduleStepsOncePerEpochOnValidationLoss() throws {
    var g = SeededGenerator(seed: 9)
    let (training, validation) = SyntheticData.spirals(samples: 60, using: &g)
      .split(validationFraction: 0.3, using: &g)
    let model = try MLP(widths: [2, 6, 2], activation: .tanh, loss: .crossEntropy)
    let plateau = ReduceOnPlateau(learningRate: 0.5, factor: 0.5, patience: 0, threshold: 0.05)
    let trainer = try Trainer(
      model: model, training: training, validation: validation, rule: try SGD(learningRate: 0.5),
      schedule: .plateau(plateau), options: TrainingOptions(epochs: 8, batchSize: 7))
    let result = try trainer.train(
      from: trainer.initialState(parameters: model.initialParameters(using: &g), seed: 2))
    var state = plateau.initialState()
    var expected: [Double] = []
    for epoch in result.state.history {
      expected.append(plateau.learningRate(state: state))
      plateau.observe(epoch.validationLoss!, state: &state)
    }
    #expect(result.state.history.map(\.learningRate) == expected)
    #expect(Set(expected).count > 1, "the rate never dropped: the test would prove nothing")
  }

  @Test func nonFiniteLossStopsAtTheLastFinitePoint() throws {
    var g = SeededGenerator(seed: 8)
    let data = try SyntheticData.teacher(
      widths: [2, 3, 1], activation: .linear, samples: 16, using: &g)
    let model = try MLP(widths: [2, 3, 1], activation: .linear, loss: .mse)
    let trainer = try Trainer(
      model: model, training: data, rule: try SGD(learningRate: 1e150),
      options: TrainingOptions(epochs: 20, batchSize: 4))
    let result = try trainer.train(
      from: trainer.initialState(parameters: model.initialParameters(using: &g), seed: 0))
    #expect(result.stopReason == .nonFinite)
    #expect(result.parameters.allSatisfy { $0.isFinite })
    #expect(result.state.step < 80)
  }

  /// A 64-32-10 ReLU network reaches over 90% validation accuracy on the digits in 10
  /// epochs of Adam (scikit-learn's MLPClassifier reaches about 97% on this set).
  @Test func learnsTheDigits() throws {
    var g = SeededGenerator(seed: 0)
    let (training, validation) = try Dataset.digits().split(validationFraction: 0.2, using: &g)
    let model = try MLP(widths: [64, 32, 10], activation: .relu, loss: .crossEntropy)
    let trainer = try Trainer(
      model: model, training: training, validation: validation,
      rule: try Adam(learningRate: 0.01), options: TrainingOptions(epochs: 10, batchSize: 32))
    let result = try trainer.train(
      from: trainer.initialState(parameters: model.initialParameters(using: &g), seed: 1))
    #expect((result.validationAccuracy ?? 0) > 0.9)
    #expect(result.value < result.state.history[0].trainingLoss)
  }
}
