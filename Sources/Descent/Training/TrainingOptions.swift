/// The settings of a minibatch run that are not the optimizer.
public struct TrainingOptions: Codable, Equatable, Sendable {
  /// Passes over the training set (default 10).
  public var epochs: Int
  /// Rows per minibatch; the last minibatch of an epoch may be smaller (default 32,
  /// PyTorch's `DataLoader` default is 1 but 32 is the usual choice).
  public var batchSize: Int
  /// Stop after this many updates in all, even mid-epoch (`nil`: no limit).
  public var maxSteps: Int?
  /// Stop when the validation loss has not improved by more than `earlyStoppingMinDelta`
  /// for this many epochs (`nil`: never; needs a validation set).
  public var earlyStoppingPatience: Int?
  /// The improvement that counts for early stopping (default 0, Keras's `min_delta`).
  public var earlyStoppingMinDelta: Double
  /// Write a checkpoint every this many updates, and at the end (`nil`: never).
  public var checkpointEvery: Int?
  /// Where checkpoints are written.
  public var checkpointPath: String?

  /// Options with the given values.
  /// - Precondition: `epochs` ≥ 0, `batchSize` ≥ 1, `maxSteps` ≥ 0, `patience` ≥ 1,
  ///   `checkpointEvery` ≥ 1.
  public init(
    epochs: Int = 10, batchSize: Int = 32, maxSteps: Int? = nil,
    earlyStoppingPatience: Int? = nil, earlyStoppingMinDelta: Double = 0,
    checkpointEvery: Int? = nil, checkpointPath: String? = nil
  ) {
    precondition(epochs >= 0, "epochs \(epochs) < 0")
    precondition(batchSize >= 1, "batch size \(batchSize) < 1")
    precondition((maxSteps ?? 0) >= 0, "max steps \(maxSteps!) < 0")
    precondition((earlyStoppingPatience ?? 1) >= 1, "patience \(earlyStoppingPatience!) < 1")
    precondition((checkpointEvery ?? 1) >= 1, "checkpoint every \(checkpointEvery!) < 1")
    self.epochs = epochs
    self.batchSize = batchSize
    self.maxSteps = maxSteps
    self.earlyStoppingPatience = earlyStoppingPatience
    self.earlyStoppingMinDelta = earlyStoppingMinDelta
    self.checkpointEvery = checkpointEvery
    self.checkpointPath = checkpointPath
  }
}

/// The end of a minibatch run.
public struct TrainingResult<RuleState: UpdateRuleState>: Sendable {
  /// Why the run ended.
  public var stopReason: TrainingStopReason
  /// The final state (parameters, optimizer state, …): save it to continue.
  public var state: TrainingState<RuleState>
  /// The full-batch training loss at the final parameters.
  public var value: Double
  /// The full-batch gradient at the final parameters.
  public var gradient: [Double]
  /// The loss on the validation set at the final parameters, when there is one.
  public var validationLoss: Double?
  /// Training-set accuracy at the final parameters (classification).
  public var accuracy: Double?
  /// Validation accuracy at the final parameters (classification with a validation set).
  public var validationAccuracy: Double?
  /// Minibatch gradients evaluated, plus the final full-batch one.
  public var evaluations: EvaluationCounts

  /// The final parameters.
  public var parameters: [Double] { state.parameters }
  /// ‖∇f‖₂ of the full-batch gradient.
  public var gradNorm: Double { Tensor(gradient).norm }
}
