extension Expression {
  /// An operator between two operands.
  ///
  /// From loosest to tightest: `+` and `-`; `*` and `/`; unary minus; `^` (also written
  /// `**`). `+ - * /` group to the left (`a - b - c` is `(a - b) - c`), `^` to the right
  /// (`2^3^2` is `2^(3^2)` = 512), and `-x^2` is `-(x^2)`, as in mathematics and Python.
  public enum BinaryOperator: Sendable, Equatable, CaseIterable {
    /// `left + right`.
    case add
    /// `left - right`.
    case subtract
    /// `left * right`.
    case multiply
    /// `left / right`.
    case divide
    /// `left ^ right`: `left` raised to the power `right`.
    case power

    /// The operator as the printer writes it: `+ - * / ^`.
    public var symbol: String {
      switch self {
      case .add: return "+"
      case .subtract: return "-"
      case .multiply: return "*"
      case .divide: return "/"
      case .power: return "^"
      }
    }
  }
}
