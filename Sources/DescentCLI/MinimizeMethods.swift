import Descent
import Foundation

/// The flags of `descent minimize` that a method may read.
struct MethodFlags {
  /// `--memory`: L-BFGS pairs kept.
  var memory = 10
  /// `--line-search`, when given.
  var lineSearch: (any LineSearch)?
  /// `--tau`: Levenberg–Marquardt's initial damping.
  var tau = 1e-3
  /// Not `--no-scaling`: Levenberg–Marquardt scales the damping by diag(JᵀJ).
  var scaled = true
  /// `--damping`: Newton's λ in H + λI.
  var damping = 0.0
  /// Not `--plain`: Newton modifies an indefinite Hessian (N&W Alg. 3.3).
  var modified = true
  /// `--subproblem`: the trust-region subproblem solver.
  var subproblem = NewtonTrustRegion.Subproblem.automatic
  /// `--variant fr`: conjugate gradient with Fletcher–Reeves' β.
  var fletcherReeves = false
  /// `--adaptive`: Nelder–Mead with Gao & Han's dimension-dependent coefficients.
  var adaptive = false
  /// `--seed`: random search's generator.
  var seed: UInt64 = 0
  /// `--lower`: L-BFGS-B's lower bounds, one number per variable or one for all (nil: −∞).
  var lower: [Double]?
  /// `--upper`: L-BFGS-B's upper bounds, one number per variable or one for all (nil: +∞).
  var upper: [Double]?
  /// n, the objective's number of variables (set per objective).
  var dimension = 0

  /// The box of `--lower` / `--upper` in `dimension` variables.
  /// - Throws: ``BoundsError`` naming the coordinate.
  func bounds() throws(BoundsError) -> Bounds {
    func expand(_ values: [Double]?, _ fill: Double) -> [Double] {
      guard let values else { return Array(repeating: fill, count: dimension) }
      return values.count == 1 ? Array(repeating: values[0], count: dimension) : values
    }
    let bounds = try Bounds(lower: expand(lower, -.infinity), upper: expand(upper, .infinity))
    try bounds.validate(dimension: dimension)
    return bounds
  }
}

/// One method `descent minimize` knows: its name as typed, a line of help, whether it needs
/// an objective given as residuals, and how to build it from the flags.
struct MinimizeMethod {
  var name: String
  var summary: String
  var needsResiduals = false
  var make: (MethodFlags) throws -> any IterativeMethod
}

/// The registry of `descent minimize --method NAME`: adding a method is one line of
/// ``methods``. The first-order rules of `descent run` are accepted too, at their default
/// hyperparameters (`descent run` sets them).
enum MinimizeMethods {
  static var methods: [MinimizeMethod] {
    [
      MinimizeMethod(
        name: "lbfgs", summary: "limited-memory BFGS, strong Wolfe line search (N&W Alg. 7.4)",
        make: { LBFGS(memory: $0.memory, lineSearch: $0.lineSearch ?? StrongWolfe()) }),
      MinimizeMethod(
        name: "lbfgsb",
        summary: "L-BFGS-B: box bounds --lower/--upper, Cauchy point + subspace step (Byrd et al.)",
        make: { LBFGSB(memory: $0.memory, bounds: try $0.bounds()) }),
      MinimizeMethod(
        name: "bfgs", summary: "BFGS, dense inverse Hessian, strong Wolfe (N&W Alg. 6.1)",
        make: { BFGS(lineSearch: $0.lineSearch ?? StrongWolfe(c1: 1e-4, c2: 0.9)) }),
      MinimizeMethod(
        name: "cg", summary: "nonlinear conjugate gradient, Polak–Ribière+ (--variant fr)",
        make: {
          ConjugateGradient(
            variant: $0.fletcherReeves ? .fletcherReeves : .polakRibierePlus,
            lineSearch: $0.lineSearch ?? StrongWolfe(c1: 1e-4, c2: 0.1))
        }),
      MinimizeMethod(
        name: "gd-linesearch", summary: "steepest descent with a line search",
        make: { GradientDescentLineSearch(lineSearch: $0.lineSearch ?? StrongWolfe()) }),
      MinimizeMethod(
        name: "gd-optimal", summary: "steepest descent with the step gᵀg/gᵀHg",
        make: { QuadraticModelStep(fallback: $0.lineSearch ?? BacktrackingArmijo()) }),
      MinimizeMethod(
        name: "gauss-newton", summary: "Gauss–Newton, backtracking line search (residuals)",
        needsResiduals: true, make: { _ in GaussNewton() }),
      MinimizeMethod(
        name: "lm", summary: "Levenberg–Marquardt, Nielsen's damping, MINPACK scaling (residuals)",
        needsResiduals: true,
        make: { LevenbergMarquardt(initialDamping: $0.tau, scaled: $0.scaled) }),
      MinimizeMethod(
        name: "newton",
        summary: "Newton, Hessian modified until Cholesky succeeds (N&W Alg. 3.3), Armijo",
        make: { Newton(modified: $0.modified, damping: $0.damping) }),
      MinimizeMethod(
        name: "newton-tr",
        summary: "trust-region Newton: exact subproblem (n ≤ 200) or Steihaug-CG",
        make: { NewtonTrustRegion(subproblem: $0.subproblem) }),
      MinimizeMethod(
        name: "newton-cg", summary: "truncated Newton by CG on Hessian-vector products (N&W 7.1)",
        make: { NewtonCG(lineSearch: $0.lineSearch ?? StrongWolfe(c1: 1e-4, c2: 0.9)) }),
      MinimizeMethod(
        name: "saddle-free", summary: "saddle-free Newton, d = −|H|⁻¹g (Dauphin et al. 2014)",
        make: { SaddleFreeNewton(lineSearch: $0.lineSearch ?? BacktrackingArmijo()) }),
      MinimizeMethod(
        name: "coordinate", summary: "cyclic coordinate descent, Brent along each axis",
        make: { _ in try CoordinateDescent() }),
      MinimizeMethod(
        name: "random", summary: "seeded random search, step size by the 1/5 rule",
        make: { try RandomSearch(seed: $0.seed) }),
      MinimizeMethod(
        name: "nelder-mead", summary: "Nelder–Mead simplex (SciPy's coefficients)",
        make: { try NelderMead(adaptive: $0.adaptive) }),
    ]
  }

  /// Builds `method` from `flags`.
  /// - Throws: ``CommandFailure`` naming a hyperparameter out of range.
  static func make(_ method: MinimizeMethod, _ flags: MethodFlags) throws -> any IterativeMethod {
    do {
      return try method.make(flags)
    } catch let error as HyperparameterError {
      throw CommandFailure.badInput("--method \(method.name): \(error.description)")
    } catch let error as BoundsError {
      throw CommandFailure.badInput("--lower/--upper: \(error.description)")
    }
  }

  /// Every name `--method` accepts: the methods, then the first-order rules.
  static var names: [String] { methods.map(\.name) + OptimizerRegistry.names }

  /// The method called `name`.
  /// - Throws: ``CommandFailure`` naming the known methods, with a suggestion.
  static func named(_ name: String) throws -> MinimizeMethod {
    if let method = methods.first(where: { $0.name == name }) { return method }
    if OptimizerRegistry.names.contains(name) {
      let rule = try OptimizerRegistry.make(name, hyperparameters: [:])
      return MinimizeMethod(
        name: name, summary: "first-order rule \(name) at its defaults",
        make: { _ in firstOrder(rule) })
    }
    let suggestion = NameSuggestion.didYouMean(name, among: names) ?? ""
    throw CommandFailure.badInput(
      "--method: unknown method '\(name)'\(suggestion) (known: \(names.joined(separator: ", ")))")
  }

  /// The methods of a comma-separated list (`lbfgs,lm`).
  static func list(_ text: String) throws -> [MinimizeMethod] {
    let names = text.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard !names.contains(where: \.isEmpty) else {
      throw CommandFailure.badInput(
        "--method: '\(text)' has an empty name; write names separated by commas (lbfgs,lm)")
    }
    return try names.map(named)
  }

  /// Checks that `method` can run on `objective`.
  /// - Throws: ``CommandFailure`` when a residual method meets an objective without residuals.
  static func check(
    _ method: MinimizeMethod, on objective: any Objective, named description: String
  )
    throws
  {
    guard method.needsResiduals, !(objective is any ResidualObjective) else { return }
    throw CommandFailure.badInput(
      "--method \(method.name) needs an objective given as residuals (a sum of squares), such as "
        + "mgh:rosenbrock; '\(description)' is a single value: use lbfgs or gd-linesearch")
  }

  private static func firstOrder<Rule: UpdateRule>(_ rule: Rule) -> any IterativeMethod {
    FirstOrderMethod(rule, schedule: nil, clipping: nil)
  }
}
