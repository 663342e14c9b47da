/// One token of a formula, with where it was read.
struct FormulaToken: Equatable {
  /// What the token is.
  enum Kind: Equatable {
    case number(Double)
    case identifier(String)
    case plus
    case minus
    case star
    case slash
    /// `^`, or its synonym `**`.
    case caret
    case leftParenthesis
    case rightParenthesis
    /// `,`: never valid, read as a token so that `max(x, y)` gets a helpful message.
    case comma
    /// The end of the formula, placed just after the last token.
    case end
  }

  var kind: Kind
  /// The 0-based character offset of the token's first character.
  var offset: Int
  /// The token's length in characters: 2 for `**`, 0 for the end.
  var length: Int
  /// The token's text as written, such as `"**"` or `"1e-3"`; empty for the end.
  var text: String
  /// Whether whitespace separates this token from the one before, which tells `2x` (an
  /// attempt at implicit multiplication) from `2 x`.
  var followsWhitespace: Bool

  /// The offset just past the token's last character.
  var end: Int { offset + length }
  /// The 1-based column of the token's first character.
  var column: Int { offset + 1 }

  /// Whether the token can begin an operand after which it was found: a number, a name
  /// or `(`.
  var startsOperand: Bool {
    switch kind {
    case .number, .identifier, .leftParenthesis: return true
    default: return false
    }
  }
}
