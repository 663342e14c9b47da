import Descent

/// The result object of CLI.md for `descent train`, plus the training figures.
///
/// `value`, `gradient`, `gradNorm` are full-batch figures on the training set at the final
/// parameters; `iterations` counts updates; `trace` has one entry per epoch (entry 0 the
/// start when the run did not resume) with `step`, `value` (the epoch's mean minibatch
/// loss; the full-batch loss for entry 0), `lr`, and the validation figures when there is
/// a validation set — no `x`, since a network's parameters are many.
struct TrainOutput: Encodable {
  var variables: [String]
  var method: String
  var hyperparameters: JSONValue
  var result: any TrainOutputResult
  var initial: (value: Double, step: Int)?
  var batchSize: Int

  init<S>(
    variables: [String], method: String, hyperparameters: JSONValue, result: TrainingResult<S>,
    initial: (value: Double, step: Int)?, batchSize: Int
  ) {
    self.variables = variables
    self.method = method
    self.hyperparameters = hyperparameters
    self.result = result
    self.initial = initial
    self.batchSize = batchSize
  }

  struct TraceLine: Encodable {
    var step: Int
    var epoch: Int
    var value: Double
    var lr: Double?
    var validationLoss: Double?
    var validationAccuracy: Double?
  }

  var trace: [TraceLine] {
    var lines: [TraceLine] = []
    if let initial { lines.append(TraceLine(step: 0, epoch: 0, value: initial.value)) }
    for e in result.history {
      lines.append(
        TraceLine(
          step: e.step, epoch: e.epoch, value: e.trainingLoss, lr: e.learningRate,
          validationLoss: e.validationLoss, validationAccuracy: e.validationAccuracy))
    }
    return lines
  }

  enum CodingKeys: String, CodingKey {
    case variables, method, hyperparameters, x, value, gradient, gradNorm, iterations, evaluations
    case converged, stopReason, trace, epochs, batchSize, validationLoss, accuracy
    case validationAccuracy, bestEpoch
  }

  func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(variables, forKey: .variables)
    try c.encode(method, forKey: .method)
    try c.encode(hyperparameters, forKey: .hyperparameters)
    try c.encode(result.parameters, forKey: .x)
    try c.encode(result.value, forKey: .value)
    try c.encode(result.gradient, forKey: .gradient)
    try c.encode(result.gradNorm, forKey: .gradNorm)
    try c.encode(result.steps, forKey: .iterations)
    try c.encode(result.evaluations, forKey: .evaluations)
    try c.encode(result.stopReason == .earlyStopping, forKey: .converged)
    try c.encode(result.stopReason, forKey: .stopReason)
    try c.encode(trace, forKey: .trace)
    try c.encode(result.epochs, forKey: .epochs)
    try c.encode(batchSize, forKey: .batchSize)
    try c.encode(result.validationLoss, forKey: .validationLoss)
    try c.encode(result.accuracy, forKey: .accuracy)
    try c.encode(result.validationAccuracy, forKey: .validationAccuracy)
    try c.encode(result.bestEpoch, forKey: .bestEpoch)
  }
}

/// What the output needs of a ``TrainingResult``, whatever the rule's state type.
protocol TrainOutputResult {
  var parameters: [Double] { get }
  var value: Double { get }
  var gradient: [Double] { get }
  var gradNorm: Double { get }
  var evaluations: EvaluationCounts { get }
  var stopReason: TrainingStopReason { get }
  var validationLoss: Double? { get }
  var accuracy: Double? { get }
  var validationAccuracy: Double? { get }
  var steps: Int { get }
  var epochs: Int { get }
  var bestEpoch: Int? { get }
  var history: [EpochSummary] { get }
}

extension TrainingResult: TrainOutputResult {
  var steps: Int { state.step }
  var epochs: Int { state.epoch }
  var bestEpoch: Int? { state.bestEpoch }
  var history: [EpochSummary] { state.history }
}

/// The text and CSV forms of a training run.
enum TrainReport {
  static func text(_ o: TrainOutput, model: MLP, data: String) -> String {
    let r = o.result
    var lines = LabeledLines()
    lines.add(
      "network",
      "\(model.widths.map(String.init).joined(separator: "-")) \(model.activation.rawValue), "
        + "\(model.loss.rawValue), \(model.parameterCount) parameters")
    lines.add("data", data)
    lines.add("method", "\(o.method)  \(RunReport.hyperparameterText(o.hyperparameters))")
    lines.add(
      "stopped",
      "\(r.stopReason.rawValue) after \(r.epochs) epoch\(r.epochs == 1 ? "" : "s"), "
        + "\(r.steps) update\(r.steps == 1 ? "" : "s") (batch \(o.batchSize))")
    lines.add("loss", NumberFormat.short(r.value, digits: 8) + " (training set, full batch)")
    lines.add("‖∇f‖₂", NumberFormat.short(r.gradNorm))
    if let a = r.accuracy { lines.add("accuracy", NumberFormat.short(a, digits: 4)) }
    if let v = r.validationLoss { lines.add("val_loss", NumberFormat.short(v, digits: 8)) }
    if let a = r.validationAccuracy { lines.add("val_acc", NumberFormat.short(a, digits: 4)) }
    if let b = r.bestEpoch { lines.add("best epoch", String(b)) }
    var out = lines.render(indent: "")
    let trace = o.trace
    guard !trace.isEmpty else { return out }
    let stride = Swift.max(1, trace.count / 20)
    let rows = trace.indices.filter { $0 % stride == 0 || $0 == trace.count - 1 }.map { i in
      let t = trace[i]
      return [
        String(t.epoch), String(t.step), NumberFormat.short(t.value),
        t.validationLoss.map { NumberFormat.short($0) } ?? "",
        t.validationAccuracy.map { NumberFormat.short($0, digits: 4) } ?? "",
        t.lr.map { NumberFormat.short($0) } ?? "",
      ]
    }
    out +=
      "\n\n"
      + Table.render(
        header: ["epoch", "step", "loss", "val_loss", "val_acc", "lr"], rows: rows, indent: ""
      ).joined(separator: "\n")
    return out
  }

  static func csv(_ history: [EpochSummary]) -> String {
    var lines = ["epoch,step,value,validationLoss,validationAccuracy,lr"]
    for e in history {
      lines.append(
        [
          String(e.epoch), String(e.step), "\(e.trainingLoss)",
          e.validationLoss.map { "\($0)" } ?? "", e.validationAccuracy.map { "\($0)" } ?? "",
          "\(e.learningRate)",
        ].joined(separator: ","))
    }
    return lines.joined(separator: "\n")
  }
}
