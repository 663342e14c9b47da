import ArgumentParser
import Descent
import Foundation

/// Trace formats of `descent run` (CLI.md): text for people, json the result object, jsonl
/// one object per step as it happens, csv the trace.
enum TraceFormat: String, CaseIterable, ExpressibleByArgument {
  case text, json, jsonl, csv
}

/// What a session minimizes: the objective, its variable names in order, and how it was
/// typed (a formula's source, `mgh:watson:9`) — printed in reports and kept in checkpoints.
struct SessionObjective {
  var objective: any TwiceDifferentiableObjective
  var variables: [String]
  var description: String

  /// A typed formula.
  init(_ formula: Formula) {
    self.init(
      objective: formula.objective, variables: formula.variables, description: formula.source)
  }

  /// Any objective with its variable names and description.
  init(objective: any TwiceDifferentiableObjective, variables: [String], description: String) {
    self.objective = objective
    self.variables = variables
    self.description = description
  }
}

/// One `descent run` or `descent minimize`: builds the method, resumes or starts, streams,
/// prints and saves.
struct RunSession {
  var target: SessionObjective
  var start: [Double]
  var options: MinimizeOptions
  var format: TraceFormat
  var savePath: String?
  var resumePath: String?

  /// A session on a formula with the iteration limit and gradient tolerance (`descent run`).
  init(
    formula: Formula, start: [Double], steps: Int, gtol: Double, format: TraceFormat,
    savePath: String?, resumePath: String?
  ) {
    var options = MinimizeOptions()
    options.maxIterations = steps
    options.gradientTolerance = gtol
    self.init(
      target: SessionObjective(formula), start: start, options: options, format: format,
      savePath: savePath, resumePath: resumePath)
  }

  /// A session on any objective with any options (`descent minimize`).
  init(
    target: SessionObjective, start: [Double], options: MinimizeOptions, format: TraceFormat,
    savePath: String?, resumePath: String?
  ) {
    self.target = target
    self.start = start
    self.options = options
    self.format = format
    self.savePath = savePath
    self.resumePath = resumePath
  }

  var gtol: Double { options.gradientTolerance }

  func execute(rule: any UpdateRule, schedule: LearningRateSchedule?, clipping: GradientClipping?)
    throws
  {
    try execute(opened: rule, schedule: schedule, clipping: clipping)
  }

  private func execute<Rule: UpdateRule>(
    opened rule: Rule, schedule: LearningRateSchedule?, clipping: GradientClipping?
  ) throws {
    try run(FirstOrderMethod(rule, schedule: schedule, clipping: clipping))
  }

  /// Runs `rule` quietly (no streaming, no files) and returns its result: for --compare.
  func result(rule: any UpdateRule, schedule: LearningRateSchedule?, clipping: GradientClipping?)
    throws -> MinimizeResult
  {
    try result(opened: rule, schedule: schedule, clipping: clipping)
  }

  private func result<Rule: UpdateRule>(
    opened rule: Rule, schedule: LearningRateSchedule?, clipping: GradientClipping?
  ) throws -> MinimizeResult {
    let method = FirstOrderMethod(rule, schedule: schedule, clipping: clipping)
    return try minimize(target.objective, from: start, method: method, options: options).result
  }

  /// Runs any method of the driver loop: resume, stream, print, save, exit 3 on divergence.
  func run<Method: IterativeMethod>(_ method: Method) throws {
    let checkpoint = try resumePath.map {
      try load(RunCheckpoint<Method.State>.self, from: $0, method: method)
    }
    let names = target.variables
    let observer: ((TraceEntry) -> ObserverVerdict)? =
      format == .jsonl
      ? { entry in
        // Unbuffered, so a reader sees each step as it happens.
        FileHandle.standardOutput.write(
          Data(((try? JSONOutput.line(TraceLine(entry))) ?? "{}").utf8 + [10]))
        return .proceed
      } : nil
    let (result, saved) = try minimize(
      target.objective, from: checkpoint?.current.x ?? start, method: method, options: options,
      resumingFrom: checkpoint, objectiveDescription: target.description, observer: observer)
    if let savePath { try write(saved, to: savePath) }
    let output = RunOutput(variables: names, result: result)
    switch format {
    case .json: print(try JSONOutput.encode(output))
    case .jsonl: FileHandle.standardOutput.write(Data(try JSONOutput.line(output).utf8 + [10]))
    case .csv: print(RunReport.csv(result, names: names))
    case .text:
      print(
        RunReport.text(
          result, names: names, formula: target.description, kind: classify(result)))
    }
    if let divergence = result.divergence {
      throw CommandFailure(
        message: "\(result.stopReason.rawValue) at step \(divergence.step): \(divergence.hint)",
        status: 3)
    }
  }

  /// The kind of the final point when the run stopped on the gradient tolerance and the
  /// Hessian is small enough to decompose at once (n ≤ 200); nil otherwise.
  private func classify(_ result: MinimizeResult) -> CriticalPointAnalysis? {
    guard result.stopReason == .gradientTolerance, target.variables.count <= 200 else {
      return nil
    }
    return try? CriticalPointAnalysis(
      of: target.objective, at: result.x, gradientTolerance: Swift.max(gtol, 1e-6))
  }

  /// Reads a checkpoint, refusing a corrupt file or one of another objective or optimizer.
  private func load<State>(
    _ type: RunCheckpoint<State>.Type, from path: String, method: some IterativeMethod
  ) throws -> RunCheckpoint<State> {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CommandFailure.badInput(
        "--resume: cannot read '\(path)' (no such file, or not readable)")
    }
    // The header first, so that a run of another optimizer is named as such.
    guard let header = try? JSONDecoder().decode(CheckpointHeader.self, from: data) else {
      throw CommandFailure.badInput(
        "--resume: '\(path)' is not a saved run (not JSON, or cut short)")
    }
    guard header.method == method.name else {
      throw CommandFailure.badInput(
        "--resume: '\(path)' is a run of \(header.method), not \(method.name)")
    }
    let checkpoint: RunCheckpoint<State>
    do {
      checkpoint = try JSONDecoder().decode(type, from: data)
    } catch {
      throw CommandFailure.badInput(
        "--resume: '\(path)' is not a saved \(method.name) run (\(Self.reason(error)))")
    }
    guard checkpoint.version == 1 else {
      throw CommandFailure.badInput(
        "--resume: '\(path)' has format version \(checkpoint.version); this descent reads version 1"
      )
    }
    guard checkpoint.method == method.name else {
      throw CommandFailure.badInput(
        "--resume: '\(path)' is a run of \(checkpoint.method), not \(method.name)")
    }
    guard checkpoint.objective == target.description else {
      throw CommandFailure.badInput(
        "--resume: '\(path)' is a run on \"\(checkpoint.objective)\", not \"\(target.description)\""
      )
    }
    guard checkpoint.hyperparameters == method.hyperparameters else {
      throw CommandFailure.badInput(
        "--resume: '\(path)' was saved with other hyperparameters; give the same flags as the saved run"
      )
    }
    guard checkpoint.current.x.count == target.variables.count else {
      throw CommandFailure.badInput(
        "--resume: '\(path)' has \(checkpoint.current.x.count) variables, the objective \(target.variables.count)"
      )
    }
    return checkpoint
  }

  /// Writes atomically: a temporary file in the same folder, then a rename, so that a
  /// killed run never leaves half a file.
  private func write(_ value: some Encodable, to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    let data = try encoder.encode(value)
    let url = URL(fileURLWithPath: path)
    let temporary = url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).\(getpid()).tmp")
    do {
      try data.write(to: temporary)
      if FileManager.default.fileExists(atPath: url.path) {
        _ = try FileManager.default.replaceItemAt(url, withItemAt: temporary)
      } else {
        try FileManager.default.moveItem(at: temporary, to: url)
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw CommandFailure.badInput(
        "--save: cannot write '\(path)' (\(error.localizedDescription))")
    }
  }

  static func reason(_ error: Error) -> String {
    if let e = error as? DecodingError { return Suggestion.describe(e) }
    return "\(error)"
  }
}

/// The result object of CLI.md, keys sorted by the encoder.
struct RunOutput: Encodable {
  var variables: [String]
  var result: MinimizeResult

  enum CodingKeys: String, CodingKey {
    case variables, method, hyperparameters, x, value, gradient, gradNorm, iterations, evaluations
    case converged, stopReason, trace
  }

  func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(variables, forKey: .variables)
    try c.encode(result.method, forKey: .method)
    try c.encode(result.hyperparameters, forKey: .hyperparameters)
    try c.encode(result.x, forKey: .x)
    try c.encode(result.value, forKey: .value)
    try c.encode(result.gradient, forKey: .gradient)
    try c.encode(result.gradNorm, forKey: .gradNorm)
    try c.encode(result.iterations, forKey: .iterations)
    try c.encode(result.evaluations, forKey: .evaluations)
    try c.encode(result.converged, forKey: .converged)
    try c.encode(result.stopReason, forKey: .stopReason)
    try c.encode(result.trace.map(TraceLine.init), forKey: .trace)
  }
}

/// One trace entry as printed: `lr` only where a learning rate exists.
struct TraceLine: Encodable {
  var entry: TraceEntry
  init(_ entry: TraceEntry) { self.entry = entry }
  enum CodingKeys: String, CodingKey { case step, x, value, gradNorm, lr }
  func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(entry.step, forKey: .step)
    try c.encode(entry.x, forKey: .x)
    try c.encode(entry.value, forKey: .value)
    try c.encodeIfPresent(entry.gradNorm, forKey: .gradNorm)
    try c.encodeIfPresent(entry.lr, forKey: .lr)
  }
}

/// The first fields of a saved run, read before the whole file.
private struct CheckpointHeader: Decodable {
  var version: Int
  var method: String
}
