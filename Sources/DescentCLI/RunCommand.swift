import ArgumentParser
import Descent
import DescentReports
import Foundation

/// `descent run`: a first-order optimizer on an objective, with the result object of CLI.md.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract:
      "Run a first-order optimizer (gd, sgd, momentum, adagrad, rmsprop, adam, …) from a start point.",
    discussion: """
      Hyperparameters use PyTorch's names in kebab-case; the defaults are PyTorch's. The run \
      stops after --steps updates, when ‖∇f‖∞ ≤ --gtol, or when it diverges (exit status 3, \
      the result up to the last finite point still printed). A schedule is given by name with \
      its parameters as --schedule-arg NAME=VALUE (PyTorch's names).
      """
  )

  @OptionGroup var objective: ObjectiveOptions

  @Option(
    help:
      "The update rule: gd, sgd, momentum, adagrad, rmsprop, adadelta, adam, adamw, adamax, nadam, radam, eve, lion."
  )
  var optimizer: String?

  @Option(
    help: ArgumentHelp(
      "Run several optimizers from the same start and compare them: adam,sgd,rmsprop.",
      valueName: "names"))
  var compare: String?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Start point, one number per variable (default: a built-in objective's usual start).",
      valueName: "point"))
  var start: String?

  @Option(help: "Updates to apply at most.")
  var steps = 100

  @Option(parsing: .unconditional, help: "Stop when ‖∇f‖∞ ≤ gtol (0: never).")
  var gtol = 1e-8

  @OptionGroup var hyperparameters: HyperparameterOptions

  @Option(
    help: "Schedule of the learning rate (constant, step, multistep, exponential, cosine, …).")
  var schedule: String?

  @Option(
    name: .customLong("schedule-arg"),
    help: ArgumentHelp(
      "A schedule parameter, NAME=VALUE with PyTorch's name (repeatable).", valueName: "name=value")
  )
  var scheduleArguments: [String] = []

  @Option(
    name: .customLong("clip-norm"), parsing: .unconditional,
    help: "Clip the gradient to this Euclidean norm.")
  var clipNorm: Double?

  @Option(
    name: .customLong("clip-value"), parsing: .unconditional,
    help: "Clip each gradient component to [−c, c].")
  var clipValue: Double?

  @Option(
    help: ArgumentHelp(
      "Write the run (point, optimizer state, trace) to this JSON file at the end.",
      valueName: "file"))
  var save: String?

  @Option(
    help: ArgumentHelp(
      "Continue the run saved in this JSON file (same objective and optimizer).", valueName: "file")
  )
  var resume: String?

  @Option(
    help:
      "Output: text, json (the result object), jsonl (one object per step, streamed), csv (the trace)."
  )
  var format: TraceFormat = .text

  @Option(
    help: ArgumentHelp(
      "With --compare, also draw the runs: contours (two variables), loss and learning rate per step.",
      valueName: "FILE.svg|FILE.html"))
  var plot: String?

  @Option(help: "Threads for BLAS and parallel loops (default: all cores).")
  var threads: Int?

  func validate() throws {
    guard steps >= 0 else { throw ValidationError("--steps must be ≥ 0, got \(steps)") }
    guard gtol >= 0, gtol.isFinite else {
      throw ValidationError("--gtol must be a finite number ≥ 0, got \(gtol)")
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
    if let threads, threads < 1 {
      throw ValidationError("--threads must be at least 1, got \(threads)")
    }
    if !scheduleArguments.isEmpty && schedule == nil {
      throw ValidationError("--schedule-arg needs --schedule NAME")
    }
  }

  func run() throws {
    if let threads { Parallelism.threads = threads }
    let formula = try objective.parsedFormula()
    let startPoint: [Double]
    if let start {
      startPoint = try parsePoint(start, flag: "--start", for: formula)
    } else if let builtin = objective.builtin, objective.variables == nil {
      startPoint = builtin.start
    } else {
      throw CommandFailure.badInput(
        "--start: give the start point, one number per variable (\(formula.variables.joined(separator: ", ")))"
      )
    }
    let given = try hyperparameters.values()
    if let compare {
      try runComparison(compare, formula: formula, start: startPoint, hyperparameters: given)
      return
    }
    if plot != nil {
      throw CommandFailure.badInput("--plot: give --compare (one or more optimizers) to draw runs")
    }
    guard let optimizer else {
      throw CommandFailure.badInput(
        "--optimizer: name the update rule (\(OptimizerRegistry.names.joined(separator: ", "))) or give --compare"
      )
    }
    let rule = try OptimizerRegistry.make(optimizer, hyperparameters: given)
    let scheduleValue = try schedule.map {
      try ScheduleOptions.make($0, arguments: scheduleArguments, learningRate: rule.learningRate)
    }
    let clipping: GradientClipping? =
      clipNorm.map { .globalNorm($0) } ?? clipValue.map { .value($0) }
    let session = RunSession(
      formula: formula, start: startPoint, steps: steps, gtol: gtol, format: format,
      savePath: save, resumePath: resume)
    try session.execute(rule: rule, schedule: scheduleValue, clipping: clipping)
  }

  /// --compare: each rule with the given hyperparameters that apply to it, from the same
  /// start, for the same number of steps; one aligned row per rule (or a JSON array).
  private func runComparison(
    _ list: String, formula: Formula, start: [Double], hyperparameters given: [String: JSONValue]
  ) throws {
    guard optimizer == nil else {
      throw CommandFailure.badInput("give --optimizer or --compare, not both")
    }
    guard save == nil, resume == nil else {
      throw CommandFailure.badInput("--save and --resume apply to one optimizer, not to --compare")
    }
    let names = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty }) else {
      throw CommandFailure.badInput(
        "--compare: expected comma-separated optimizer names, e.g. adam,sgd,rmsprop")
    }
    let accepted = names.map { OptimizerRegistry.hyperparameterNames(of: $0) }
    for key in given.keys.sorted() where !accepted.contains(where: { $0.contains(key) }) {
      throw CommandFailure.badInput(
        "--\(key.replacingOccurrences(of: "_", with: "-")) applies to none of \(names.joined(separator: ", "))"
      )
    }
    let session = RunSession(
      formula: formula, start: start, steps: steps, gtol: gtol, format: format, savePath: nil,
      resumePath: nil)
    let clipping: GradientClipping? =
      clipNorm.map { .globalNorm($0) } ?? clipValue.map { .value($0) }
    var results: [(String, MinimizeResult)] = []
    for (name, keys) in zip(names, accepted) {
      let rule = try OptimizerRegistry.make(
        name, hyperparameters: given.filter { keys.contains($0.key) })
      let scheduleValue = try schedule.map {
        try ScheduleOptions.make($0, arguments: scheduleArguments, learningRate: rule.learningRate)
      }
      results.append(
        (name, try session.result(rule: rule, schedule: scheduleValue, clipping: clipping)))
    }
    if let plot {
      do {
        try FigureFile.write(
          RunFigures.make(
            objective: formula.objective, runs: results.map { (name: $0.0, result: $0.1) },
            variables: formula.variables),
          title: "\(list) on \(formula.source)", to: plot)
      } catch { throw CommandFailure.badInput("--plot \(error.description)") }
    }
    switch format {
    case .json, .jsonl:
      let outputs = results.map { RunOutput(variables: formula.variables, result: $0.1) }
      print(
        format == .json
          ? try JSONOutput.encode(outputs)
          : try outputs.map { try JSONOutput.line($0) }.joined(separator: "\n"))
    case .text, .csv:
      let header = ["optimizer", "lr", "steps to gtol", "stop", "final f", "‖∇f‖", "x"]
      let rows = results.map { name, r -> [String] in
        let lr: String
        if case .object(let h) = r.hyperparameters, case .number(let v)? = h["lr"] {
          lr = NumberFormat.short(v)
        } else {
          lr = ""
        }
        return [
          name, lr, r.stopReason == .gradientTolerance ? String(r.iterations) : "—",
          r.stopReason.rawValue,
          NumberFormat.short(r.value), NumberFormat.short(r.gradNorm),
          NumberFormat.vector(r.x, digits: 4),
        ]
      }
      if format == .csv {
        print(
          (["optimizer", "lr", "iterations", "stopReason", "value", "gradNorm"] + formula.variables)
            .joined(separator: ","))
        for (name, r) in results {
          print(
            ([
              name, rows.first { $0[0] == name }?[1] ?? "", String(r.iterations),
              r.stopReason.rawValue, "\(r.value)", "\(r.gradNorm)",
            ] + r.x.map { "\($0)" }).joined(separator: ","))
        }
      } else {
        print(
          "objective  \(formula.source), from \(NumberFormat.vector(start)), at most \(steps) steps, gtol \(NumberFormat.short(gtol))\n"
        )
        print(
          Table.render(header: header, rows: rows, indent: "", leftAligned: [0, 3, 6]).joined(
            separator: "\n"))
      }
    }
  }
}
