import Foundation

/// Small-batch against large-batch training of one network, as data: per epoch the
/// training and validation loss, the time, and the gradient noise of the batch size.
///
/// Every batch size starts from the same parameters (seeded) and trains for the same number
/// of epochs with plain SGD at the same learning rate; epoch orders come from the same seed.
/// Per epoch, at the parameters θ reached at its end:
///
/// ```
/// trainingLoss   = L(θ) on the whole training set      (not the mean of minibatch losses)
/// validationLoss = L(θ) on the validation set
/// seconds        = wall time of the epoch (its updates and the validation loss)
/// gradientNoise  = (1/M) ∑ₘ ‖∇L_Bₘ(θ) − ∇L(θ)‖²       see gradientNoise(of:on:at:batchSize:…)
/// ```
///
/// Epoch 0 is the shared start, so its gradient noise compares the batch sizes at one fixed
/// point. For sampling without replacement the expectation is
/// E‖∇L_B − ∇L‖² = (n − B)/(B·(n − 1))·σ², σ² = (1/n)∑ᵢ‖∇ℓᵢ − ∇L‖² (the per-sample
/// variance): the noise falls like 1/B and vanishes at B = n.
///
/// ## References
///
/// N. S. Keskar et al., *On Large-Batch Training for Deep Learning: Generalization Gap and
/// Sharp Minima*, ICLR 2017. S. L. Smith and Q. V. Le, *A Bayesian Perspective on
/// Generalization and Stochastic Gradient Descent*, ICLR 2018, §4 (noise scale ∝ η·n/B).
public struct BatchSizeComparison: Sendable {
  /// The network.
  public var model: MLP
  /// The rows updates are computed on.
  public var training: Dataset
  /// The rows of the validation loss.
  public var validation: Dataset
  /// The batch sizes compared (e.g. [8, training.count]).
  public var batchSizes: [Int]
  /// Passes over the training set, the same for every batch size.
  public var epochs: Int
  /// SGD's learning rate, the same for every batch size.
  public var learningRate: Double
  /// Seeds the initial parameters, the epoch orders and the noise partitions.
  public var seed: UInt64
  /// Random partitions of the training set averaged in the gradient noise (default 4).
  public var noisePartitions: Int

  /// A comparison of `batchSizes`.
  /// - Throws: ``TrainingInputError`` when the data do not fit the network.
  /// - Precondition: batch sizes ≥ 1, `epochs` ≥ 0, `learningRate` finite and ≥ 0,
  ///   `noisePartitions` ≥ 1.
  public init(
    model: MLP, training: Dataset, validation: Dataset, batchSizes: [Int], epochs: Int,
    learningRate: Double, seed: UInt64 = 0, noisePartitions: Int = 4
  ) throws {
    precondition(
      batchSizes.allSatisfy { $0 >= 1 } && epochs >= 0 && learningRate >= 0
        && learningRate.isFinite && noisePartitions >= 1,
      "batch-size comparison: batch sizes \(batchSizes), epochs \(epochs), learning rate "
        + "\(learningRate), noise partitions \(noisePartitions)")
    try model.check(training)
    try model.check(validation)
    self.model = model
    self.training = training
    self.validation = validation
    self.batchSizes = batchSizes
    self.epochs = epochs
    self.learningRate = learningRate
    self.seed = seed
    self.noisePartitions = noisePartitions
  }

  /// One run per batch size, in the order given.
  /// - Throws: tape errors.
  public func run() throws -> [BatchSizeRun] {
    var generator = SeededGenerator(seed: seed)
    let start = model.initialParameters(using: &generator)
    return try batchSizes.map { try run(batchSize: $0, from: start) }
  }

  private func run(batchSize: Int, from start: [Double]) throws -> BatchSizeRun {
    let full = try MLPObjective(model: model, data: training)
    let held = try MLPObjective(model: model, data: validation)
    var trainer = try Trainer(
      model: model, training: training, rule: try SGD(learningRate: learningRate),
      options: TrainingOptions(epochs: 0, batchSize: batchSize))
    var state = trainer.initialState(parameters: start, seed: seed &+ 1)
    var records: [BatchSizeEpoch] = []
    func record(_ epoch: Int, seconds: Double) throws {
      let noise = try Self.gradientNoise(
        of: model, on: training, at: state.parameters, batchSize: batchSize,
        partitions: noisePartitions, seed: seed &+ 2 &+ UInt64(epoch))
      records.append(
        BatchSizeEpoch(
          epoch: epoch, trainingLoss: try full.value(at: state.parameters),
          validationLoss: try held.value(at: state.parameters), seconds: seconds,
          gradientNoise: noise))
    }
    try record(0, seconds: 0)
    for index in 0..<epochs {
      let epoch = index + 1
      trainer.options.epochs = epoch
      let began = Date()
      var ended = began
      let result = try trainer.train(from: state) { event in
        if case .epoch = event { ended = Date() }
      }
      state = result.state
      try record(epoch, seconds: ended.timeIntervalSince(began))
      if result.stopReason == .nonFinite { break }
    }
    return BatchSizeRun(batchSize: batchSize, epochs: records, parameters: state.parameters)
  }

  /// The gradient noise of batch size B at θ: the mean squared distance of minibatch
  /// gradients from the full gradient, over the minibatches of `partitions` seeded random
  /// partitions of the rows into batches of B (the last of each partition may be smaller):
  ///
  /// ```
  /// noise = (1/M) ∑ₘ ‖∇L_Bₘ(θ) − ∇L(θ)‖²      M = partitions·⌈n/B⌉
  /// ```
  ///
  /// 0 at B = n; at B = 1 exactly the per-sample variance (1/n)∑ᵢ‖∇ℓᵢ − ∇L‖².
  public static func gradientNoise(
    of model: MLP, on data: Dataset, at theta: [Double], batchSize: Int, partitions: Int = 4,
    seed: UInt64 = 0
  ) throws -> Double {
    precondition(batchSize >= 1 && partitions >= 1, "batch \(batchSize), partitions \(partitions)")
    let n = data.count
    guard n > 0 else { return 0 }
    let g = try MLPObjective(model: model, data: data).valueAndGradient(at: theta).gradient
    var generator = SeededGenerator(seed: seed)
    var sum = 0.0
    var count = 0
    for _ in 0..<partitions {
      let order = SeededShuffle.permutation(n, using: &generator)
      var lower = 0
      while lower < n {
        let rows = order[lower..<Swift.min(lower + batchSize, n)]
        let gb = try MLPObjective(model: model, data: data.rows(rows))
          .valueAndGradient(at: theta).gradient
        sum += zip(gb, g).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        count += 1
        lower += batchSize
      }
    }
    return sum / Double(count)
  }
}

/// One batch size of a ``BatchSizeComparison``: its epochs (0 = the shared start) and the
/// final parameters.
public struct BatchSizeRun: Codable, Equatable, Sendable {
  /// Rows per minibatch.
  public var batchSize: Int
  /// Epoch 0 (the start), 1, …, epochs.
  public var epochs: [BatchSizeEpoch]
  /// θ at the end.
  public var parameters: [Double]
}

/// The figures of one epoch of a ``BatchSizeRun``.
public struct BatchSizeEpoch: Codable, Equatable, Sendable {
  /// The epoch (0: before training).
  public var epoch: Int
  /// L(θ) on the whole training set at the end of the epoch.
  public var trainingLoss: Double
  /// L(θ) on the validation set at the end of the epoch.
  public var validationLoss: Double
  /// Wall time of the epoch in seconds (0 for epoch 0).
  public var seconds: Double
  /// (1/M)∑‖∇L_B − ∇L‖² at the end of the epoch (see
  /// ``BatchSizeComparison/gradientNoise(of:on:at:batchSize:partitions:seed:)``).
  public var gradientNoise: Double
}
