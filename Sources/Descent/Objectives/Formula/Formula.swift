/// An objective typed as text, such as `"(1 - w1*w2)^2"`, parsed and checked.
///
/// Use it to turn what a person typed (a command-line argument, a config file) into a
/// syntax tree that later stages compile onto the autodiff tape. The language:
///
/// - numbers `3`, `0.5`, `.5`, `1e-3`, `2.5E+4`; variables `[A-Za-z_][A-Za-z0-9_]*`;
/// - `+ - * /`, and `^` (or `**`) for powers; from loosest to tightest: `+ -`, `* /`,
///   unary minus, `^`. `^` groups to the right and binds tighter than unary minus, as in
///   mathematics and Python: `-x^2` is `-(x^2)`, `2^3^2` is `2^9`; `2^-x` is allowed;
/// - parentheses, unary `+` and `-`, whitespace between any two tokens;
/// - calls of `exp log sqrt sin cos tan tanh sigmoid softplus relu abs`
///   (see ``Expression/Function``), one argument each;
/// - the constants `pi` and `e`.
///
/// Function and constant names are reserved. Implicit multiplication is not: `2x` is an
/// error that says to write `2*x`.
///
/// ```swift
/// let f = try Formula("(1 - w1*w2)^2")
/// f.variables  // ["w1", "w2"]
/// let g = try Formula("x + 2*y", variables: ["y", "x"])
/// g.variables  // ["y", "x"]
/// ```
public struct Formula: Sendable {
  /// The formula as given.
  public let source: String
  /// The syntax tree.
  public let expression: Expression
  /// The variables, in the order in which a point's coordinates are given.
  ///
  /// Either the list passed to ``init(_:variables:)``, or the distinct names the formula
  /// uses in natural order: `x < y < z`, `w1 < w2 < w10` (runs of digits compare as
  /// numbers).
  public let variables: [String]

  /// Parses `source`.
  ///
  /// - Parameters:
  ///   - source: The formula.
  ///   - variables: The variables in the order their values will be given, or `nil`
  ///     (the default) to take the names the formula uses, in natural order. A listed
  ///     variable the formula does not use is allowed: the formula is constant along it.
  /// - Throws: ``FormulaError`` when `source` does not parse (with the column and what
  ///   was expected), uses a name outside `variables` (suggesting the nearest listed
  ///   one), or when an entry of `variables` is not an identifier, is a function or
  ///   constant name, or is listed twice (column `nil`).
  public init(_ source: String, variables: [String]? = nil) throws(FormulaError) {
    if let variables { try Formula.validate(variables, source: source) }
    var parser = try FormulaParser(source, variables: variables)
    self.source = source
    self.expression = try parser.parse()
    self.variables = variables ?? parser.usedVariables.sorted(by: naturalOrder)
  }

  /// Checks a caller's list of variables: identifiers, not reserved, each once.
  private static func validate(_ variables: [String], source: String) throws(FormulaError) {
    var seen: Set<String> = []
    for name in variables {
      let problem: String?
      if !isIdentifier(name) {
        problem =
          "invalid variable name '\(name)': a name starts with a letter or '_'"
          + " and continues with letters, digits or '_'"
      } else if Expression.Function.named(name) != nil {
        problem = "invalid variable name '\(name)': it is a function"
      } else if Expression.Constant(rawValue: name) != nil {
        problem = "invalid variable name '\(name)': it is a constant"
      } else if seen.contains(name) {
        problem = "variable '\(name)' is listed twice"
      } else {
        problem = nil
      }
      if let problem { throw FormulaError(message: problem, source: source, column: nil) }
      seen.insert(name)
    }
  }

  private static func isIdentifier(_ name: String) -> Bool {
    guard let first = name.first, first.isASCII, first.isLetter || first == "_" else {
      return false
    }
    return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
  }
}
