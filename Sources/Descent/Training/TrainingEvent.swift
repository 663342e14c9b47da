/// What a training run reports to its observer: one event per update and one per epoch.
/// The library never draws: the CLI turns these into a progress bar or plain lines.
public enum TrainingEvent: Sendable {
  /// After each update.
  case step(TrainingStepEvent)
  /// After each epoch, once validation and early stopping have been evaluated.
  case epoch(EpochSummary)
}

/// One update of a minibatch run.
public struct TrainingStepEvent: Codable, Equatable, Sendable {
  /// The epoch the update belongs to (1-based).
  public var epoch: Int
  /// Updates applied so far, this one included.
  public var step: Int
  /// The minibatch index within the epoch (1-based) and the number of minibatches.
  public var batch: Int
  /// Minibatches per epoch.
  public var batchesPerEpoch: Int
  /// The minibatch loss at the parameters before the update.
  public var loss: Double
  /// The learning rate used for the update (before any group's factor).
  public var learningRate: Double
}

/// The figures of one finished epoch.
public struct EpochSummary: Codable, Equatable, Sendable {
  /// The epoch (1-based).
  public var epoch: Int
  /// Updates applied so far.
  public var step: Int
  /// The mean of the epoch's minibatch losses, weighted by batch size (each taken before
  /// its update, as PyTorch training loops usually report it).
  public var trainingLoss: Double
  /// The loss on the validation set at the end of the epoch, when there is one.
  public var validationLoss: Double?
  /// The validation accuracy at the end of the epoch (classification with a validation set).
  public var validationAccuracy: Double?
  /// The learning rate of the epoch's last update.
  public var learningRate: Double
}

/// Why a training run ended.
public enum TrainingStopReason: String, Codable, Sendable {
  /// All epochs done, or the step limit reached (`maxIterations` of the result object).
  case maxIterations
  /// The validation loss did not improve for `patience` epochs.
  case earlyStopping
  /// A minibatch loss or gradient was NaN or infinite; the parameters are the last finite.
  case nonFinite
}
