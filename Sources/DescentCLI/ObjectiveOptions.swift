import ArgumentParser
import Descent
import Foundation

/// The objective typed on the command line: a formula and, optionally, its variable order.
struct ObjectiveOptions: ParsableArguments {
  @Argument(
    help: ArgumentHelp(
      "The objective: a formula such as \"(1 - w1*w2)^2\", or a built-in name (see descent list).",
      valueName: "objective"))
  var formula: String

  /// The built-in objective named on the command line, if the argument is a name.
  var builtin: BuiltinObjective? {
    BuiltinObjective.named(formula.trimmingCharacters(in: .whitespaces))
  }

  @Option(
    name: .customLong("vars"),
    help: ArgumentHelp(
      "Variable order, comma-separated (default: natural sort, x < y < z, w1 < w2 < w10).",
      valueName: "names"))
  var variables: String?

  /// The parsed formula.
  /// - Throws: ``CommandFailure`` with the formula's one-line diagnosis.
  func parsedFormula() throws -> Formula {
    try Self.parseFormula(builtin?.formula ?? formula, variables: variables)
  }

  /// `text` parsed as a formula with the variable order `variables` (`--vars`), if given.
  /// - Throws: ``CommandFailure`` with the formula's one-line diagnosis.
  static func parseFormula(_ text: String, variables: String?) throws -> Formula {
    let names = variables.map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
    }
    do {
      return try Formula(text, variables: names)
    } catch {
      if error.column == nil && variables != nil {
        throw CommandFailure.badInput("--vars: \(error.description)")
      }
      throw CommandFailure.badInput(
        error.description, detail: error.column == nil ? nil : error.annotated)
    }
  }
}

/// A point typed as comma-separated numbers, one per variable.
func parsePoint(_ text: String, flag: String, for formula: Formula) throws -> [Double] {
  try NumberList.parse(text, flag: flag, count: formula.variables.count, names: formula.variables)
}
