import Descent
import Foundation

/// The objective argument of `descent minimize` resolved: an `mgh:` problem (residuals,
/// variables x1…xn, its standard start), a built-in name (its usual start) or a formula.
struct MinimizeObjective {
  var target: SessionObjective
  /// The start used when `--start` is not given; nil for a typed formula.
  var defaultStart: [Double]?

  /// Resolves `text` with the variable order `variables` (`--vars`, formulas only).
  /// - Throws: ``CommandFailure`` saying what is wrong and what would be valid.
  init(_ text: String, variables: String?) throws {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if MGH.isProblemName(trimmed) {
      guard variables == nil else {
        throw CommandFailure.badInput(
          "--vars applies to formulas; \(trimmed) has the variables x1…xn in the paper's order")
      }
      let problem: MGHProblem
      do {
        problem = try MGH.resolve(trimmed)
      } catch {
        throw CommandFailure.badInput(error.description)
      }
      target = SessionObjective(
        objective: problem.objective, variables: (1...problem.dimension).map { "x\($0)" },
        description: "mgh:\(problem.instanceName)")
      defaultStart = problem.start
      return
    }
    let builtin = BuiltinObjective.named(trimmed)
    let formula = try ObjectiveOptions.parseFormula(builtin?.formula ?? text, variables: variables)
    target = SessionObjective(formula)
    defaultStart = variables == nil ? builtin?.start : nil
  }

  /// The start point: `--start` parsed against the variables, or the default start.
  /// - Throws: ``CommandFailure`` when neither is available or `--start` is malformed.
  func start(_ text: String?) throws -> [Double] {
    let names = target.variables
    if let text {
      return try NumberList.parse(text, flag: "--start", count: names.count, names: names)
    }
    if let defaultStart { return defaultStart }
    throw CommandFailure.badInput(
      "--start: give the start point, one number per variable (\(names.joined(separator: ", ")))")
  }
}
