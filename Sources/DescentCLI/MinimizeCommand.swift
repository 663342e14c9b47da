import ArgumentParser
import Descent
import Foundation

/// `descent minimize`: methods that use the objective itself (line searches, curvature), on
/// the same driver loop and with the same result object as `descent run`.
struct MinimizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "minimize",
    abstract:
      "Minimize with a line-search method: lbfgs, gd-linesearch, gd-optimal (the step gᵀg/gᵀHg).",
    discussion: """
      lbfgs: limited-memory BFGS (Nocedal & Wright Alg. 7.4) with a strong Wolfe line search. \
      gd-linesearch: steepest descent with a line search. gd-optimal: steepest descent with the \
      step that minimises the quadratic model along −g, ε = gᵀg / gᵀHg (one Hessian-vector \
      product), falling back to backtracking where gᵀHg ≤ 0.
      """
  )

  enum MethodName: String, CaseIterable, ExpressibleByArgument {
    case lbfgs
    case gdLineSearch = "gd-linesearch"
    case gdOptimal = "gd-optimal"
  }

  enum LineSearchName: String, CaseIterable, ExpressibleByArgument {
    case strongWolfe = "strong-wolfe"
    case backtracking
  }

  @OptionGroup var objective: ObjectiveOptions

  @Option(help: "The method: lbfgs, gd-linesearch or gd-optimal.")
  var method: MethodName = .lbfgs

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Start point, one number per variable (default: a built-in objective's usual start).",
      valueName: "point"))
  var start: String?

  @Option(name: .customLong("max-iterations"), help: "Iterations at most.")
  var maxIterations = 1000

  @Option(parsing: .unconditional, help: "Stop when ‖∇f‖∞ ≤ gtol.")
  var gtol = 1e-8

  @Option(help: "L-BFGS memory m (pairs kept).")
  var memory = 10

  @Option(
    name: .customLong("line-search"), help: "strong-wolfe (Moré–Thuente) or backtracking (Armijo).")
  var lineSearch: LineSearchName?

  @Option(help: ArgumentHelp("Write the run to this JSON file at the end.", valueName: "file"))
  var save: String?

  @Option(help: ArgumentHelp("Continue the run saved in this JSON file.", valueName: "file"))
  var resume: String?

  @Option(help: "Output: text, json, jsonl (streamed), csv.")
  var format: TraceFormat = .text

  func validate() throws {
    guard maxIterations >= 0 else {
      throw ValidationError("--max-iterations must be ≥ 0, got \(maxIterations)")
    }
    guard gtol >= 0, gtol.isFinite else {
      throw ValidationError("--gtol must be a finite number ≥ 0, got \(gtol)")
    }
    guard memory >= 1 else { throw ValidationError("--memory must be at least 1, got \(memory)") }
  }

  func run() throws {
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
    let search: (any LineSearch)? = lineSearch.map {
      switch $0 {
      case .strongWolfe: StrongWolfe()
      case .backtracking: BacktrackingArmijo()
      }
    }
    let session = RunSession(
      formula: formula, start: startPoint, steps: maxIterations, gtol: gtol, format: format,
      savePath: save, resumePath: resume)
    switch method {
    case .lbfgs: try session.run(LBFGS(memory: memory, lineSearch: search ?? StrongWolfe()))
    case .gdLineSearch:
      try session.run(GradientDescentLineSearch(lineSearch: search ?? StrongWolfe()))
    case .gdOptimal: try session.run(QuadraticModelStep(fallback: search ?? BacktrackingArmijo()))
    }
  }
}
