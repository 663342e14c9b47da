extension Expression: CustomStringConvertible {
  /// The expression as a formula that parses back to an equal tree.
  ///
  /// Parentheses appear only where precedence or grouping needs them: `a - (b - c)`,
  /// `(2^3)^2` and `(-x)^2` keep theirs, `(a*b) + c` and `2^(3^2)` lose them. `+` and `-`
  /// are spaced, `* / ^` are not: `(1 - w1*w2)^2`. Numbers use Swift's shortest
  /// round-trip form without a trailing `.0` (`3`, `0.5`, `1e-05`), so every `Double` the
  /// parser produced reads back bit for bit.
  ///
  /// Trees the parser cannot produce print as faithfully as the syntax allows: a negative
  /// number prints as `-2` (which reads back as the negation of `2`), infinity and NaN as
  /// `inf` and `nan` (which read back as variables).
  public var description: String {
    switch node {
    case .number(let value):
      return Expression.text(of: value)
    case .constant(let constant):
      return constant.rawValue
    case .variable(let name):
      return name
    case .negate(let operand):
      let text = operand.printed(atLeast: .sign)
      // `- -x` rather than `--x`, which reads like a decrement.
      return text.hasPrefix("-") ? "- " + text : "-" + text
    case .binary(let op, let left, let right):
      switch op {
      case .add, .subtract:
        return left.printed(atLeast: .sum) + " \(op.symbol) " + right.printed(atLeast: .product)
      case .multiply, .divide:
        return left.printed(atLeast: .product) + op.symbol + right.printed(atLeast: .sign)
      case .power:
        return left.printed(atLeast: .atom) + op.symbol + right.printed(atLeast: .sign)
      }
    case .call(let function, let argument):
      return "\(function.rawValue)(\(argument))"
    }
  }

  /// How tightly a printed subexpression holds together, loosest first. An operand whose
  /// level is below what its position requires is parenthesized.
  private enum Level: Int, Comparable {
    case sum, product, sign, power, atom

    static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  private var level: Level {
    switch node {
    case .number(let value): return value.sign == .minus ? .sign : .atom
    case .constant, .variable, .call: return .atom
    case .negate: return .sign
    case .binary(.add, _, _), .binary(.subtract, _, _): return .sum
    case .binary(.multiply, _, _), .binary(.divide, _, _): return .product
    case .binary(.power, _, _): return .power
    }
  }

  private func printed(atLeast required: Level) -> String {
    level < required ? "(\(description))" : description
  }

  private static func text(of value: Double) -> String {
    let text = "\(value)"
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
  }
}
