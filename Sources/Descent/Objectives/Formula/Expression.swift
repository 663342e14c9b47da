/// The syntax tree of a formula: a node and the part of the formula it was read from.
///
/// A parsed ``Formula`` holds one `Expression`; every subexpression carries its own
/// ``range``, so that a later stage (compiling onto the autodiff tape, evaluating at a
/// point) can point at the exact text of a failing part, say the `log(x - 3)` that saw a
/// negative argument.
///
/// Two expressions are equal when their trees are equal; ranges are ignored, so
/// `Formula("x+1").expression == Formula("x + 1").expression`.
///
/// ``description`` prints a formula that parses back to an equal tree, with only the
/// parentheses that precedence needs:
///
/// ```swift
/// try Formula("((1 - (w1 * w2)) ** 2)").expression.description  // "(1 - w1*w2)^2"
/// ```
public struct Expression: Sendable, Equatable {
  /// The kinds of subexpression.
  public indirect enum Node: Sendable, Equatable {
    /// A number literal, such as `3`, `0.5` or `1e-3`. The parser never produces a
    /// negative number: `-3` is ``negate(_:)`` of `3`.
    case number(Double)
    /// One of the named constants `pi` and `e`.
    case constant(Constant)
    /// A variable, by name.
    case variable(String)
    /// Unary minus: `-operand`.
    case negate(Expression)
    /// A binary operation: `left op right`.
    case binary(BinaryOperator, Expression, Expression)
    /// A function applied to one argument: `function(argument)`.
    case call(Function, Expression)
  }

  /// What this subexpression is.
  public var node: Node
  /// The 0-based character offsets, in the formula's source, of this subexpression's text.
  ///
  /// A parenthesized subexpression's range includes its parentheses, a call's range runs
  /// from the function's name to its closing parenthesis, a signed operand's range starts
  /// at the sign. For `2*log(x - 3)` the call covers `4..<12` and its argument `8..<11`.
  public var range: Range<Int>

  /// An expression made of `node`, read from the characters at `range` of its formula
  /// (`0..<0` for one built in code rather than parsed).
  public init(_ node: Node, range: Range<Int> = 0..<0) {
    self.node = node
    self.range = range
  }

  /// Whether the two trees are equal, ignoring ``range``.
  public static func == (lhs: Expression, rhs: Expression) -> Bool {
    lhs.node == rhs.node
  }
}
