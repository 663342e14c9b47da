/// The parser's error messages: each says what was found, where, and what would be valid.
extension FormulaParser {
  func error(_ message: String, at column: Int?) -> FormulaError {
    FormulaError(message: message, source: source, column: column)
  }

  /// An operand (number, name, `(`) was expected but ``token`` is something else.
  func operandExpected() -> FormulaError {
    guard let previous else {
      if token.kind == .rightParenthesis {
        return error(
          "unexpected ')' at column \(token.column) with no matching '('", at: token.column)
      }
      return error("expected an operand before '\(token.text)'", at: token.column)
    }
    if token.kind == .end {
      return error("expected an operand after '\(previous.text)'", at: token.column)
    }
    return error(
      "expected an operand after '\(previous.text)', found '\(token.text)'", at: token.column)
  }

  /// An operand ended and ``token`` starts another one: `x y`, `2x`, `(a)(b)`.
  func operatorExpected() -> FormulaError {
    let left = previous?.text ?? ""
    if case .number = previous?.kind, !token.followsWhitespace {
      let right: String
      switch token.kind {
      case .identifier(let name) where Expression.Function.named(name) != nil:
        right = "\(name)(...)"
      case .leftParenthesis:
        right = "(...)"
      default:
        right = token.text
      }
      return error(
        "implicit multiplication is not supported: write \(left)*\(right)", at: token.column)
    }
    return error(
      "expected an operator between '\(left)' and '\(token.text)'", at: token.column)
  }

  /// A constant's name followed by `(`: `pi(x)`.
  func constantCalled(_ name: String, at start: FormulaToken) -> FormulaError {
    error(
      "'\(name)' is a constant, not a function; for a product write \(name)*(...)",
      at: start.column)
  }

  /// A name that is not a function followed by `(`: `expp(x)`, `w(1 - w)`.
  func unknownFunction(_ name: String, at start: FormulaToken) -> FormulaError {
    let names = Expression.Function.names
    if let hint = NameSuggestion.didYouMean(name, among: names) {
      return error("unknown function '\(name)'\(hint)", at: start.column)
    }
    if variables?.contains(name) == true {
      return error(
        "'\(name)' is a variable, not a function; for a product write \(name)*(...)",
        at: start.column)
    }
    return error(
      "unknown function '\(name)'; the functions are \(Expression.Function.nameList)"
        + " (for a product write \(name)*(...))",
      at: start.column)
  }

  /// A name outside the caller's fixed list of variables.
  func unknownVariable(_ name: String, at start: FormulaToken) -> FormulaError {
    let variables = variables ?? []
    if variables.isEmpty {
      return error("unknown variable '\(name)': no variables were declared", at: start.column)
    }
    if let hint = NameSuggestion.didYouMean(name, among: variables) {
      return error("unknown variable '\(name)'\(hint)", at: start.column)
    }
    let list = variables.joined(separator: ", ")
    return error("unknown variable '\(name)'; the variables are \(list)", at: start.column)
  }

  /// Nesting beyond ``maximumDepth`` at `token`.
  func tooDeep(at token: FormulaToken) -> FormulaError {
    error(
      "formula is nested too deeply: more than \(FormulaParser.maximumDepth) levels",
      at: token.column)
  }
}
