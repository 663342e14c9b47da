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
}

/// One method `descent minimize` knows: its name as typed, a line of help, whether it needs
/// an objective given as residuals, and how to build it from the flags.
struct MinimizeMethod {
  var name: String
  var summary: String
  var needsResiduals = false
  var make: (MethodFlags) -> any IterativeMethod
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
    ]
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
