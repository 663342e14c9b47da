/// A formula that cannot be read: what is wrong, where, and what would be valid.
///
/// Thrown by ``Formula/init(_:variables:)``. The ``message`` says what was found and what
/// was expected, and names the nearest valid spelling when a name is unknown:
///
/// ```
/// formula "(1 - w1" column 8: expected ')' to close '(' at column 1
/// formula "expp(x)" column 1: unknown function 'expp'; did you mean 'exp'?
/// ```
///
/// ``description`` is that single line, meant for a command-line tool's standard error;
/// ``annotated`` shows the formula with a caret under the column, for a terminal or a
/// report that can afford several lines.
public struct FormulaError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What is wrong and what was expected, e.g. `"expected an operand after '+'"`.
  public var message: String
  /// The formula as the user typed it.
  public var source: String
  /// The 1-based column, counted in characters, where the problem was found; one past the
  /// last character when the formula ends too early; `nil` when the problem is not at a
  /// place in the formula (an invalid entry in the list of variables).
  public var column: Int?

  /// An error about `source`, at `column` (1-based, in characters) when there is one.
  public init(message: String, source: String, column: Int? = nil) {
    self.message = message
    self.source = source
    self.column = column
  }

  /// One line: the quoted formula, the column when known, and the message.
  ///
  /// For example `formula "(1 - w1" column 8: expected ')' to close '(' at column 1`.
  /// Characters that would break the line (newlines, tabs, quotes) are escaped.
  public var description: String {
    let quoted = source.debugDescription
    guard let column else { return "formula \(quoted): \(message)" }
    return "formula \(quoted) column \(column): \(message)"
  }

  /// Several lines: the formula, a caret `^` under the column (omitted when there is no
  /// column), then the message.
  ///
  /// ```
  /// (1 - w1
  ///        ^
  /// expected ')' to close '(' at column 1
  /// ```
  ///
  /// Newlines in the formula are shown as spaces so that it stays on one line; tabs are
  /// repeated in the caret line so that the caret stays under its character.
  public var annotated: String {
    let line = String(source.map { $0.isNewline ? " " : $0 })
    guard let column else { return line + "\n" + message }
    let padding = String(line.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " })
    let shortfall = String(repeating: " ", count: max(0, column - 1 - line.count))
    return line + "\n" + padding + shortfall + "^\n" + message
  }
}
