/// Splits a formula into tokens, one at a time, so that the first error in reading order
/// is the one reported.
///
/// Numbers are decimal or scientific (`3`, `0.5`, `.5`, `3.`, `1e-3`, `2.5E+4`); names are
/// `[A-Za-z_][A-Za-z0-9_]*`; whitespace may separate any two tokens.
struct FormulaLexer {
  let source: String
  private let characters: [Character]
  private var position = 0
  private var lastEnd = 0

  init(_ source: String) {
    self.source = source
    self.characters = Array(source)
  }

  /// The next token; ``FormulaToken/Kind/end`` at the end, however often it is asked.
  mutating func next() throws(FormulaError) -> FormulaToken {
    let start = position
    while position < characters.count && characters[position].isWhitespace { position += 1 }
    let followsWhitespace = position > start
    guard position < characters.count else {
      return FormulaToken(
        kind: .end, offset: lastEnd, length: 0, text: "", followsWhitespace: followsWhitespace)
    }
    let offset = position
    let kind = try readKind()
    lastEnd = position
    return FormulaToken(
      kind: kind, offset: offset, length: position - offset,
      text: String(characters[offset..<position]), followsWhitespace: followsWhitespace)
  }

  private mutating func readKind() throws(FormulaError) -> FormulaToken.Kind {
    let character = characters[position]
    if isDigit(character) || (character == "." && isDigit(peek(1))) { return try readNumber() }
    if isNameStart(character) {
      let start = position
      while position < characters.count && isNameContinuation(characters[position]) {
        position += 1
      }
      return .identifier(String(characters[start..<position]))
    }
    position += 1
    switch character {
    case "+": return .plus
    case "-": return .minus
    case "/": return .slash
    case "^": return .caret
    case "(": return .leftParenthesis
    case ")": return .rightParenthesis
    case ",": return .comma
    case "*":
      if peek(0) == "*" {
        position += 1
        return .caret
      }
      return .star
    default:
      throw FormulaError(
        message: "unexpected character '\(character)'" + FormulaLexer.hint(for: character),
        source: source, column: position)
    }
  }

  /// Reads `digits [. digits] [(e|E) [+|-] digits]`, with digits on at least one side of
  /// the point. An `e` followed by a letter ends the number (`2exp(x)` is then reported as
  /// implicit multiplication); an `e` followed by anything else must start an exponent.
  private mutating func readNumber() throws(FormulaError) -> FormulaToken.Kind {
    let start = position
    skipDigits()
    if peek(0) == "." {
      position += 1
      skipDigits()
    }
    if peek(0) == "e" || peek(0) == "E" {
      let sign = peek(1) == "+" || peek(1) == "-" ? 1 : 0
      if isDigit(peek(1 + sign)) {
        position += 1 + sign
        skipDigits()
      } else if sign == 1 || !isNameStart(peek(1)) {
        position += 1 + sign
        let text = String(characters[start..<position])
        let mantissa = String(characters[start..<(position - 1 - sign)])
        throw FormulaError(
          message: "bad number '\(text)': expected digits after '\(characters[position - 1])'"
            + " (for \(mantissa) times e write \(mantissa)*e)",
          source: source, column: start + 1)
      }
    }
    if peek(0) == "." {
      while isDigit(peek(0)) || peek(0) == "." { position += 1 }
      let text = String(characters[start..<position])
      throw FormulaError(
        message: "bad number '\(text)': a number has one decimal point at most",
        source: source, column: start + 1)
    }
    let text = String(characters[start..<position])
    guard let value = Double(text), value.isFinite else {
      throw FormulaError(
        message: "number '\(text)' is too large: the largest is about 1.8e308",
        source: source, column: start + 1)
    }
    return .number(value)
  }

  private mutating func skipDigits() {
    while isDigit(peek(0)) { position += 1 }
  }

  /// The character `ahead` places past the current one, or `nil` past the end.
  private func peek(_ ahead: Int) -> Character? {
    position + ahead < characters.count ? characters[position + ahead] : nil
  }

  /// A suggestion for characters that look like operators but are not ASCII.
  private static func hint(for character: Character) -> String {
    switch character {
    case "−", "–": return "; write '-' for minus"
    case "×", "·", "∙", "⋅": return "; write '*' for multiplication"
    case "÷": return "; write '/' for division"
    case "²": return "; write ^2 for a square"
    case "[", "{": return "; use '(' for grouping"
    case "]", "}": return "; use ')' for grouping"
    default: return ""
    }
  }
}

private func isDigit(_ character: Character?) -> Bool {
  // ASCII only: "0" with a combining mark is one Character that compares between "0" and "9".
  guard let character, character.isASCII else { return false }
  return character >= "0" && character <= "9"
}

private func isNameStart(_ character: Character?) -> Bool {
  guard let character, character.isASCII else { return false }
  return character.isLetter || character == "_"
}

private func isNameContinuation(_ character: Character) -> Bool {
  isNameStart(character) || isDigit(character)
}
