import Descent
import Foundation

/// One `descent train`: start or resume, stream progress, print the result, save.
struct TrainSession {
  var model: MLP
  var training: Dataset
  var validation: Dataset?
  var options: TrainingOptions
  var seed: UInt64
  var format: TraceFormat
  var quiet: Bool
  var params: String?
  var resume: String?
  var saveParams: String?

  func execute(
    rule: any UpdateRule & Decodable, schedule: LearningRateSchedule?,
    clipping: GradientClipping?, groups: [ParameterGroup]?
  ) throws {
    try execute(opened: rule, schedule: schedule, clipping: clipping, groups: groups)
  }

  private func execute<Rule: UpdateRule & Decodable>(
    opened rule: Rule, schedule: LearningRateSchedule?, clipping: GradientClipping?,
    groups: [ParameterGroup]?
  ) throws {
    let trainer: Trainer<Rule>
    do {
      trainer = try Trainer(
        model: model, training: training, validation: validation, rule: rule,
        schedule: schedule, clipping: clipping, groups: groups, options: options)
    } catch let error as TrainingInputError {
      throw CommandFailure.badInput("\(error)")
    }
    let start = try startState(trainer)
    var initial: (value: Double, step: Int)?
    if start.step == 0 {
      initial = (try MLPObjective(model: model, data: training).value(at: start.parameters), 0)
    }
    let progress = TrainProgress(format: format, quiet: quiet, epochs: options.epochs)
    let result: TrainingResult<Rule.State>
    do {
      result = try trainer.train(from: start) { progress.show($0) }
    } catch let error as TrainingInputError {
      throw CommandFailure.badInput("--checkpoint: \(error)")
    }
    progress.finish()
    if let saveParams {
      try ParameterFile.write(result.parameters, to: saveParams, flag: "--save-params")
    }
    let output = TrainOutput(
      variables: model.parameterNames, method: Rule.name, hyperparameters: trainer.hyperparameters,
      result: result, initial: initial, batchSize: options.batchSize)
    switch format {
    case .json: print(try JSONOutput.encode(output))
    case .jsonl: FileHandle.standardOutput.write(Data(try JSONOutput.line(output).utf8 + [10]))
    case .csv: print(TrainReport.csv(result.state.history))
    case .text: print(TrainReport.text(output, model: model, data: training.name))
    }
    if result.stopReason == .nonFinite {
      throw CommandFailure(
        message:
          "nonFinite at step \(result.state.step + 1): the minibatch loss or gradient became NaN or "
          + "infinite; the parameters printed are the last finite ones. Try a smaller --lr or "
          + "--clip-norm.",
        status: 3)
    }
  }

  /// The state to start from: a checkpoint, given parameters, or the seeded initialisation.
  private func startState<Rule>(_ trainer: Trainer<Rule>) throws -> TrainingState<Rule.State> {
    if let resume {
      // The header first, so that a run of another optimizer is named as such.
      if let data = FileManager.default.contents(atPath: resume),
        let header = try? JSONDecoder().decode(TrainCheckpointHeader.self, from: data),
        header.optimizer != Rule.name
      {
        throw CommandFailure.badInput(
          "--resume: '\(resume)' is a run of \(header.optimizer), not \(Rule.name)")
      }
      let checkpoint: TrainingCheckpoint<Rule.State>
      do {
        checkpoint = try TrainingCheckpoint<Rule.State>.read(from: resume)
      } catch let error as TrainingInputError {
        throw CommandFailure.badInput("--resume: \(error)")
      }
      guard checkpoint.optimizer == Rule.name else {
        throw CommandFailure.badInput(
          "--resume: '\(resume)' is a run of \(checkpoint.optimizer), not \(Rule.name)")
      }
      guard checkpoint.model == model else {
        throw CommandFailure.badInput(
          "--resume: '\(resume)' is a \(checkpoint.model.widths) \(checkpoint.model.activation.rawValue) "
            + "network with \(checkpoint.model.loss.rawValue); give the same --layers, --activation, --loss"
        )
      }
      if let saved = checkpoint.hyperparameters, saved != trainer.hyperparameters {
        throw CommandFailure.badInput(
          "--resume: '\(resume)' was saved with other hyperparameters; give the same flags as the saved run"
        )
      }
      return checkpoint.state
    }
    var generator = SeededGenerator(seed: seed)
    let parameters =
      try params.map {
        try ParameterFile.read($0, flag: "--params", count: model.parameterCount)
      } ?? model.initialParameters(using: &generator)
    return trainer.initialState(parameters: parameters, seed: seed &+ 2)
  }
}

/// Progress on stderr: a bar redrawn in place on a terminal, one line per epoch otherwise;
/// with `--format jsonl` every event goes to stdout as a line instead.
final class TrainProgress {
  let format: TraceFormat
  let quiet: Bool
  let epochs: Int
  let terminal = isatty(STDERR_FILENO) != 0
  private var lastDraw = Date.distantPast

  init(format: TraceFormat, quiet: Bool, epochs: Int) {
    self.format = format
    self.quiet = quiet
    self.epochs = epochs
  }

  func show(_ event: TrainingEvent) {
    if format == .jsonl {
      let line: String?
      switch event {
      case .step(let s): line = try? JSONOutput.line(TrainEventLine(event: "step", step: s))
      case .epoch(let e): line = try? JSONOutput.line(TrainEventLine(event: "epoch", epoch: e))
      }
      FileHandle.standardOutput.write(Data((line ?? "{}").utf8 + [10]))
      return
    }
    guard !quiet else { return }
    switch event {
    case .step(let s) where terminal:
      let now = Date()
      guard now.timeIntervalSince(lastDraw) > 0.1 || s.batch == s.batchesPerEpoch else { return }
      lastDraw = now
      let width = 30
      let filled = width * s.batch / max(1, s.batchesPerEpoch)
      let bar =
        String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
      write(
        "\r\u{1B}[2Kepoch \(s.epoch)/\(epochs) \(bar) \(s.batch)/\(s.batchesPerEpoch)  loss "
          + NumberFormat.short(s.loss, digits: 4))
    case .step:
      break
    case .epoch(let e):
      var line =
        "epoch \(e.epoch)/\(epochs)  step \(e.step)  loss \(NumberFormat.short(e.trainingLoss))"
      if let v = e.validationLoss { line += "  val_loss \(NumberFormat.short(v))" }
      if let a = e.validationAccuracy { line += "  val_acc \(NumberFormat.short(a, digits: 4))" }
      write((terminal ? "\r\u{1B}[2K" : "") + line + "\n")
    }
  }

  func finish() {}

  private func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}

/// One streamed event of `--format jsonl`.
struct TrainEventLine: Encodable {
  var event: String
  var step: TrainingStepEvent?
  var epoch: EpochSummary?

  func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: TrainCodingKey.self)
    try c.encode(event, forKey: TrainCodingKey("event"))
    if let step {
      try c.encode(step.epoch, forKey: TrainCodingKey("epoch"))
      try c.encode(step.step, forKey: TrainCodingKey("step"))
      try c.encode(step.batch, forKey: TrainCodingKey("batch"))
      try c.encode(step.loss, forKey: TrainCodingKey("loss"))
      try c.encode(step.learningRate, forKey: TrainCodingKey("lr"))
    }
    if let epoch {
      try c.encode(epoch.epoch, forKey: TrainCodingKey("epoch"))
      try c.encode(epoch.step, forKey: TrainCodingKey("step"))
      try c.encode(epoch.trainingLoss, forKey: TrainCodingKey("value"))
      try c.encodeIfPresent(epoch.validationLoss, forKey: TrainCodingKey("validationLoss"))
      try c.encodeIfPresent(epoch.validationAccuracy, forKey: TrainCodingKey("validationAccuracy"))
      try c.encode(epoch.learningRate, forKey: TrainCodingKey("lr"))
    }
  }
}

/// A coding key made from any string.
struct TrainCodingKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(_ string: String) { stringValue = string }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

/// The optimizer of a saved training run, read before the whole file.
private struct TrainCheckpointHeader: Decodable {
  var optimizer: String
}
