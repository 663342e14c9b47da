import ArgumentParser
import Descent
import Foundation

/// `descent train`: minibatch training of an MLP, printing the result object of CLI.md.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a small network (MLP) by minibatch with any optimizer and schedule.",
    discussion: """
      The parameters are one flat vector in PyTorch's nn.Sequential(Linear, act, …) \
      .parameters() order, initialised as nn.Linear's default (seeded). One --seed draws the \
      initial parameters, the validation split, each epoch's order and synthetic data. With \
      --checkpoint FILE --save-every K a checkpoint is written every K updates (and at the \
      end); --resume FILE continues it bit for bit when given the same flags. Progress goes \
      to stderr: a bar on a terminal, one line per epoch otherwise (--quiet: none).
      """
  )

  @OptionGroup var network: TrainNetworkOptions

  @Option(help: "The update rule (sgd, adam, adamw, rmsprop, …).") var optimizer = "adam"
  @OptionGroup var hyperparameters: HyperparameterOptions
  @Option(help: "Schedule of the learning rate over updates (cosine, step, …).")
  var schedule: String?
  @Option(
    name: .customLong("schedule-arg"),
    help: ArgumentHelp("A schedule parameter, NAME=VALUE (repeatable).", valueName: "name=value"))
  var scheduleArguments: [String] = []
  @Option(name: .customLong("clip-norm"), parsing: .unconditional, help: "Clip ‖g‖₂ to this.")
  var clipNorm: Double?
  @Option(name: .customLong("clip-value"), parsing: .unconditional, help: "Clip each |gᵢ|.")
  var clipValue: Double?
  @Option(
    name: .customLong("bias-weight-decay"), parsing: .unconditional,
    help: "Weight decay on biases (a parameter group; --weight-decay then applies to weights).")
  var biasWeightDecay: Double?

  @Option(help: "Passes over the training set.") var epochs = 10
  @Option(name: .customLong("batch-size"), help: "Rows per minibatch.") var batchSize = 32
  @Option(name: .customLong("max-steps"), help: "Stop after this many updates in all.")
  var maxSteps: Int?
  @Option(
    name: .customLong("validation-split"), parsing: .unconditional,
    help: "Fraction of the rows held out for validation (seeded).")
  var validationSplit = 0.0
  @Option(help: "Early stopping: epochs without a better validation loss.") var patience: Int?
  @Option(name: .customLong("min-delta"), parsing: .unconditional, help: "Improvement that counts.")
  var minDelta = 0.0

  @Option(
    help: ArgumentHelp("Start from these parameters (JSON array or .npy).", valueName: "file"))
  var params: String?
  @Option(
    name: .customLong("save-params"),
    help: ArgumentHelp("Write the final parameters (JSON array, or .npy).", valueName: "file"))
  var saveParams: String?
  @Option(name: .customLong("save-every"), help: "Write a checkpoint every K updates.")
  var saveEvery: Int?
  @Option(help: ArgumentHelp("Checkpoint file (JSON).", valueName: "file")) var checkpoint: String?
  @Option(help: ArgumentHelp("Continue from this checkpoint.", valueName: "file")) var resume:
    String?

  @Option(help: "Seed of every random choice.") var seed: UInt64 = 0
  @Option(help: "Threads for BLAS and parallel loops (default: all cores).") var threads: Int?
  @Option(help: "Output: text, json, jsonl (events streamed, then the result), csv (epochs).")
  var format: TraceFormat = .text
  @Flag(help: "No progress on stderr.") var quiet = false

  func validate() throws {
    guard epochs >= 0 else { throw ValidationError("--epochs must be ≥ 0, got \(epochs)") }
    guard batchSize >= 1 else {
      throw ValidationError("--batch-size must be at least 1, got \(batchSize)")
    }
    if let maxSteps, maxSteps < 0 {
      throw ValidationError("--max-steps must be ≥ 0, got \(maxSteps)")
    }
    guard validationSplit >= 0 && validationSplit < 1 else {
      throw ValidationError("--validation-split must be in [0, 1), got \(validationSplit)")
    }
    if let patience, patience < 1 {
      throw ValidationError("--patience must be at least 1, got \(patience)")
    }
    if patience != nil && validationSplit == 0 {
      throw ValidationError("--patience needs a validation set: give --validation-split, e.g. 0.2")
    }
    guard minDelta >= 0 && minDelta.isFinite else {
      throw ValidationError("--min-delta must be a finite number ≥ 0, got \(minDelta)")
    }
    if let saveEvery, saveEvery < 1 {
      throw ValidationError("--save-every must be at least 1, got \(saveEvery)")
    }
    if saveEvery != nil && checkpoint == nil {
      throw ValidationError("--save-every needs --checkpoint FILE")
    }
    if let clipNorm, !(clipNorm > 0 && clipNorm.isFinite) {
      throw ValidationError("--clip-norm must be a finite number > 0, got \(clipNorm)")
    }
    if let clipValue, !(clipValue > 0 && clipValue.isFinite) {
      throw ValidationError("--clip-value must be a finite number > 0, got \(clipValue)")
    }
    if clipNorm != nil && clipValue != nil {
      throw ValidationError("give --clip-norm or --clip-value, not both")
    }
    if let biasWeightDecay, !(biasWeightDecay >= 0 && biasWeightDecay.isFinite) {
      throw ValidationError("--bias-weight-decay must be a finite number ≥ 0")
    }
    if let threads, threads < 1 {
      throw ValidationError("--threads must be at least 1, got \(threads)")
    }
    if params != nil && resume != nil {
      throw ValidationError("give --params or --resume, not both")
    }
    if !scheduleArguments.isEmpty && schedule == nil {
      throw ValidationError("--schedule-arg needs --schedule NAME")
    }
  }

  func run() throws {
    if let threads { Parallelism.threads = threads }
    let (model, all) = try network.load(seed: seed)
    var splitGenerator = SeededGenerator(seed: seed &+ 1)
    let (training, validation) =
      validationSplit > 0
      ? all.split(validationFraction: validationSplit, using: &splitGenerator) : (all, nil)
    if training.count == 0 {
      throw CommandFailure.badInput("--validation-split \(validationSplit) leaves no training rows")
    }
    let given = try hyperparameters.values()
    let rule = try OptimizerRegistry.make(optimizer, hyperparameters: given)
    let scheduleValue = try schedule.map {
      try ScheduleOptions.make($0, arguments: scheduleArguments, learningRate: rule.learningRate)
    }
    let clipping: GradientClipping? =
      clipNorm.map { .globalNorm($0) } ?? clipValue.map { .value($0) }
    var groups: [ParameterGroup]?
    if let biasWeightDecay {
      let weightDecay = given["weight_decay"].flatMap { v -> Double? in
        if case .number(let d) = v { return d }
        return nil
      }
      groups = model.weightAndBiasGroups(
        weightDecay: weightDecay ?? 0, biasWeightDecay: biasWeightDecay)
      if weightDecay == nil { groups![0].weightDecay = nil }
    }
    let options = TrainingOptions(
      epochs: epochs, batchSize: batchSize, maxSteps: maxSteps, earlyStoppingPatience: patience,
      earlyStoppingMinDelta: minDelta, checkpointEvery: saveEvery, checkpointPath: checkpoint)
    let session = TrainSession(
      model: model, training: training, validation: validation, options: options,
      seed: seed, format: format, quiet: quiet, params: params, resume: resume,
      saveParams: saveParams)
    guard let decodable = rule as? any (UpdateRule & Decodable) else {
      throw CommandFailure.badInput("--optimizer: \(optimizer) cannot be used for training")
    }
    try session.execute(
      rule: decodable, schedule: scheduleValue, clipping: clipping, groups: groups)
  }
}
