import ArgumentParser
import Descent
import Foundation

/// `descent minimize`: methods that use the objective itself (line searches, curvature,
/// residuals), on the same driver loop and with the same result object as `descent run`;
/// with `--suite mgh`, every Moré–Garbow–Hillstrom instance for each method.
struct MinimizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "minimize",
    abstract:
      "Minimize with a line-search, curvature or least-squares method; or run a test suite.",
    discussion: """
      OBJECTIVE is a formula, a built-in name (descent list) or an MGH problem: mgh:NAME or \
      mgh:NAME:n (mgh:rosenbrock, mgh:watson:9), whose start defaults to the paper's x₀. \
      Methods: \(MinimizeMethods.methods.map { "\($0.name) — \($0.summary)" }.joined(separator: "; ")); \
      and the first-order rules of descent run at their defaults. gauss-newton and lm need an \
      objective given as residuals (the mgh: problems). \
      --suite mgh runs each method of a comma-separated --method list on the 43 MGH instances \
      from their standard starts and prints, per method, problem, n, f*, value reached, solved \
      (|f − f*| ≤ 1e-6·max(1, |f*|)) and evaluations, with totals; progress goes to stderr. \
      Suite defaults: --max-iterations 2000, --max-evaluations 10000, gtol 1e-8.
      """
  )

  enum LineSearchName: String, CaseIterable, ExpressibleByArgument {
    case strongWolfe = "strong-wolfe"
    case backtracking
  }

  enum SuiteName: String, CaseIterable, ExpressibleByArgument {
    case mgh
  }

  @Argument(
    help: ArgumentHelp(
      "The objective: a formula, a built-in name, or mgh:NAME[:n] (omit with --suite).",
      valueName: "objective"))
  var objective: String?

  @Option(
    name: .customLong("vars"),
    help: ArgumentHelp(
      "Variable order of a formula, comma-separated (default: natural sort).", valueName: "names"))
  var variables: String?

  @Option(
    help: ArgumentHelp(
      "The method; with --suite, a comma-separated list (lbfgs,lm).",
      valueName: "name"))
  var method = "lbfgs"

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Start point, one number per variable (default: a built-in's or MGH problem's start).",
      valueName: "point"))
  var start: String?

  @Option(
    name: .customLong("max-iterations"),
    help: "Iterations at most (default 1000; 2000 with --suite).")
  var maxIterations: Int?

  @Option(
    name: .customLong("max-evaluations"),
    help: "Objective plus gradient evaluations at most (default: no limit; 10000 with --suite).")
  var maxEvaluations: Int?

  @Option(
    name: .customLong("time-limit"), parsing: .unconditional,
    help: ArgumentHelp("Seconds at most (default: no limit).", valueName: "seconds"))
  var timeLimit: Double?

  @Option(
    parsing: .unconditional,
    help: "Stop when ‖∇f‖∞ ≤ gtol (Optim.jl's default; SciPy's BFGS uses 1e-5).")
  var gtol = 1e-8

  @Option(
    parsing: .unconditional,
    help: "Stop when |fₖ₊₁ − fₖ| ≤ ftol·(1 + |fₖ|); 0 is off (Optim.jl's default).")
  var ftol = 0.0

  @Option(
    parsing: .unconditional, help: "Stop when ‖xₖ₊₁ − xₖ‖∞ ≤ xtol; 0 is off (Optim.jl's default).")
  var xtol = 0.0

  @Option(help: "L-BFGS memory m (pairs kept; SciPy's default).")
  var memory = 10

  @Option(
    name: .customLong("line-search"), help: "strong-wolfe (Moré–Thuente) or backtracking (Armijo).")
  var lineSearch: LineSearchName?

  @Option(
    parsing: .unconditional,
    help:
      "Levenberg–Marquardt's initial damping τ (μ₀ = τ under MINPACK scaling; Nielsen's default).")
  var tau = 1e-3

  @Flag(
    name: .customLong("no-scaling"),
    help: "Levenberg–Marquardt with D = I instead of MINPACK's scaling D² = diag(JᵀJ).")
  var noScaling = false

  @Option(
    parsing: .unconditional, help: "Newton's damping λ ≥ 0: the system is H + λI (default 0).")
  var damping = 0.0

  @Flag(
    help: "Plain Newton: the full step −H⁻¹g, no modification of an indefinite Hessian.")
  var plain = false

  @Option(help: "Trust-region subproblem: automatic (exact for n ≤ 200), exact, steihaug-cg.")
  var subproblem: SubproblemName = .automatic

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "L-BFGS-B lower bounds: one number per variable, or one for all (default −∞).",
      valueName: "list"))
  var lower: String?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "L-BFGS-B upper bounds: one number per variable, or one for all (default +∞).",
      valueName: "list"))
  var upper: String?

  @Option(help: "Conjugate-gradient β: pr+ (Polak–Ribière+, default) or fr (Fletcher–Reeves).")
  var variant: CGVariant = .polakRibierePlus

  @Flag(help: "Nelder–Mead with Gao & Han's (2012) adaptive coefficients.")
  var adaptive = false

  @Option(help: "Random search's seed.")
  var seed: UInt64 = 0

  @Option(help: "Run a suite instead of one objective: mgh (the 43 MGH instances).")
  var suite: SuiteName?

  @Option(
    help: ArgumentHelp(
      "With --suite: only these instances, comma-separated (watson:9,bard; default: all 43).",
      valueName: "names"))
  var problems: String?

  @Option(help: ArgumentHelp("Write the run to this JSON file at the end.", valueName: "file"))
  var save: String?

  @Option(help: ArgumentHelp("Continue the run saved in this JSON file.", valueName: "file"))
  var resume: String?

  @Option(help: "Output: text, json, jsonl (streamed; one run only), csv.")
  var format: TraceFormat = .text

  enum CGVariant: String, CaseIterable, ExpressibleByArgument {
    case polakRibierePlus = "pr+"
    case fletcherReeves = "fr"
  }

  enum SubproblemName: String, CaseIterable, ExpressibleByArgument {
    case automatic, exact
    case steihaugCG = "steihaug-cg"

    var value: NewtonTrustRegion.Subproblem {
      switch self {
      case .automatic: .automatic
      case .exact: .exact
      case .steihaugCG: .steihaugCG
      }
    }
  }

  func validate() throws {
    guard damping >= 0, damping.isFinite else {
      throw ValidationError("--damping must be a finite number ≥ 0, got \(damping)")
    }
    if let maxIterations, maxIterations < 0 {
      throw ValidationError("--max-iterations must be ≥ 0, got \(maxIterations)")
    }
    if let maxEvaluations, maxEvaluations < 1 {
      throw ValidationError("--max-evaluations must be at least 1, got \(maxEvaluations)")
    }
    if let timeLimit, !(timeLimit > 0 && timeLimit.isFinite) {
      throw ValidationError("--time-limit must be a positive number of seconds, got \(timeLimit)")
    }
    for (flag, value) in [("--gtol", gtol), ("--ftol", ftol), ("--xtol", xtol)] {
      guard value >= 0, value.isFinite else {
        throw ValidationError("\(flag) must be a finite number ≥ 0, got \(value)")
      }
    }
    guard tau > 0, tau.isFinite else {
      throw ValidationError("--tau must be a positive finite number, got \(tau)")
    }
    guard memory >= 1 else { throw ValidationError("--memory must be at least 1, got \(memory)") }
    if suite != nil {
      guard objective == nil, start == nil, variables == nil else {
        throw ValidationError(
          "--suite runs every instance from its standard start: give no objective, --start or --vars"
        )
      }
      guard save == nil, resume == nil, format != .jsonl else {
        throw ValidationError(
          "--suite prints text, json or csv; --save, --resume and jsonl are for one run")
      }
    } else if problems != nil {
      throw ValidationError("--problems selects instances of --suite mgh; give --suite mgh too")
    } else if objective == nil {
      throw ValidationError(
        "give an objective (a formula, a built-in name or mgh:NAME), or --suite mgh")
    }
  }

  /// The limits and tolerances of the flags, on top of `base`.
  func options(base: MinimizeOptions) -> MinimizeOptions {
    var options = base
    if let maxIterations { options.maxIterations = maxIterations }
    if let maxEvaluations { options.maxEvaluations = maxEvaluations }
    options.timeLimit = timeLimit ?? options.timeLimit
    options.gradientTolerance = gtol
    options.valueTolerance = (absolute: ftol, relative: ftol)
    options.stepTolerance = xtol
    return options
  }

  /// The method flags, with `--lower` / `--upper` read as number lists.
  /// - Throws: ``CommandFailure`` for a malformed list, or bounds given to another method.
  func flags() throws -> MethodFlags {
    if lower != nil || upper != nil,
      method.split(separator: ",").contains(where: {
        $0.trimmingCharacters(in: .whitespaces) != "lbfgsb"
      })
    {
      throw CommandFailure.badInput(
        "--lower/--upper: bounds apply to --method lbfgsb only (got --method \(method))")
    }
    return MethodFlags(
      memory: memory,
      lineSearch: lineSearch.map {
        switch $0 {
        case .strongWolfe: StrongWolfe()
        case .backtracking: BacktrackingArmijo()
        }
      }, tau: tau, scaled: !noScaling, damping: damping, modified: !plain,
      subproblem: subproblem.value, fletcherReeves: variant == .fletcherReeves,
      adaptive: adaptive, seed: seed,
      lower: try lower.map { try NumberList.parse($0, flag: "--lower") },
      upper: try upper.map { try NumberList.parse($0, flag: "--upper") })
  }

  /// The instances of `--problems`, or all 43.
  func suiteInstances() throws -> [MGHProblem] {
    guard let problems else { return MGH.instances }
    return try problems.split(separator: ",", omittingEmptySubsequences: false).map {
      (part: Substring) -> MGHProblem in
      let name = part.trimmingCharacters(in: .whitespaces)
      do {
        return try MGH.resolve(name.hasPrefix("mgh:") ? name : "mgh:" + name)
      } catch {
        throw CommandFailure.badInput("--problems: \(error)")
      }
    }
  }

  func run() throws {
    if suite != nil {
      let methods = try MinimizeMethods.list(method)
      let base = try flags()
      let report = try SuiteRunner(
        methods: methods.map { chosen in
          (
            chosen.name,
            { (n: Int) in
              var sized = base
              sized.dimension = n
              return try MinimizeMethods.make(chosen, sized)
            }
          )
        },
        instances: try suiteInstances(),
        options: options(base: MGHSuite.defaultOptions), format: format
      ).run()
      print(report)
      return
    }
    guard let objective else { return }
    let resolved = try MinimizeObjective(objective, variables: variables)
    let chosen = try MinimizeMethods.named(method.trimmingCharacters(in: .whitespaces))
    try MinimizeMethods.check(
      chosen, on: resolved.target.objective, named: resolved.target.description)
    var base = MinimizeOptions()
    base.maxIterations = 1000
    let session = RunSession(
      target: resolved.target, start: try resolved.start(start), options: options(base: base),
      format: format, savePath: save, resumePath: resume)
    var sized = try flags()
    sized.dimension = resolved.target.objective.dimension
    try session.run(MinimizeMethods.make(chosen, sized))
  }
}
