import Foundation

/// Everything a minibatch run needs to continue bit for bit: the parameters, each group's
/// rule state, the schedule's state, the generator, and where in the epoch the run is.
/// A checkpoint is this value as one JSON document (see ``TrainingCheckpoint``).
public struct TrainingState<RuleState: UpdateRuleState>: Codable, Equatable, Sendable {
  /// The flat parameter vector.
  public var parameters: [Double]
  /// One rule state per parameter group, in the groups' order.
  public var ruleStates: [RuleState]
  /// Reduce-on-plateau's state, when that is the schedule.
  public var plateau: ReduceOnPlateau.State?
  /// The generator that draws each epoch's order.
  public var generator: SeededGenerator
  /// Epochs finished.
  public var epoch: Int
  /// Updates applied.
  public var step: Int
  /// The current epoch's order of rows (empty between epochs).
  public var order: [Int]
  /// Minibatches of the current epoch already applied.
  public var batch: Int
  /// ∑ batch loss × batch size over the current epoch so far.
  public var epochLossSum: Double
  /// The learning rate of the last update (the base rate before any).
  public var learningRate: Double
  /// The lowest validation loss so far and the epoch it was seen at (early stopping).
  public var bestValidationLoss: Double?
  /// The epoch (1-based) of ``bestValidationLoss``.
  public var bestEpoch: Int?
  /// Epochs since the validation loss last improved.
  public var epochsWithoutImprovement: Int
  /// The summaries of the finished epochs.
  public var history: [EpochSummary]
}

/// A training run saved to disk: the model it belongs to and its ``TrainingState``.
///
/// Written as JSON (sorted keys; doubles in shortest round-trip form, so they read back
/// to the same bits; ±∞ and NaN as strings) to `path + ".tmp"`, then renamed over `path`:
/// a run killed at any moment leaves either the previous checkpoint or the new one.
public struct TrainingCheckpoint<RuleState: UpdateRuleState>: Codable, Equatable, Sendable {
  /// `descent-training-checkpoint`, to recognise the file.
  public var format = "descent-training-checkpoint"
  /// The layout version of this document (1).
  public var version = 1
  /// The network whose parameters these are.
  public var model: MLP
  /// The optimizer's name (`adam`, …), checked on resume.
  public var optimizer: String
  /// The optimizer's hyperparameters (and schedule, clipping) as a result prints them,
  /// checked on resume; `nil` when not recorded.
  public var hyperparameters: JSONValue?
  /// The run's state.
  public var state: TrainingState<RuleState>

  /// A checkpoint of `state` for `model` trained by `optimizer`.
  public init(
    model: MLP, optimizer: String, hyperparameters: JSONValue? = nil,
    state: TrainingState<RuleState>
  ) {
    self.model = model
    self.optimizer = optimizer
    self.hyperparameters = hyperparameters
    self.state = state
  }

  /// Writes the checkpoint atomically (temporary file, then rename).
  public func write(to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    let data = try encoder.encode(self)
    let temporary = path + ".tmp"
    guard FileManager.default.createFile(atPath: temporary, contents: data) else {
      throw TrainingInputError(source: path, reason: "cannot write the checkpoint")
    }
    guard rename(temporary, path) == 0 else {
      throw TrainingInputError(
        source: path, reason: "cannot move the checkpoint into place (errno \(errno))")
    }
  }

  /// Reads a checkpoint written by ``write(to:)``.
  /// - Throws: ``TrainingInputError`` for a missing file, another format, or a rule state of
  ///   another optimizer.
  public static func read(from path: String) throws -> TrainingCheckpoint {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TrainingInputError(source: path, reason: "cannot read the checkpoint (does it exist?)")
    }
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    do {
      let checkpoint = try decoder.decode(TrainingCheckpoint.self, from: data)
      guard checkpoint.format == "descent-training-checkpoint", checkpoint.version == 1 else {
        throw TrainingInputError(
          source: path,
          reason: "not a version-1 descent training checkpoint (format \(checkpoint.format))")
      }
      return checkpoint
    } catch let error as TrainingInputError {
      throw error
    } catch {
      throw TrainingInputError(
        source: path,
        reason: "not a checkpoint of this optimizer and model (\(error))")
    }
  }
}
