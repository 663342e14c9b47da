/// Reads a formula into an ``Expression`` by recursive descent, one method per level of
/// precedence, loosest first:
///
/// ```
/// sum     = product (("+" | "-") product)*
/// product = signed (("*" | "/") signed)*
/// signed  = ("+" | "-") signed | power
/// power   = primary ["^" signed]
/// primary = number | constant | variable | function "(" sum ")" | "(" sum ")"
/// ```
///
/// `power` takes a `signed` exponent, which makes `^` right-associative (`2^3^2`), lets
/// the exponent carry a sign (`2^-x`) and leaves `-x^2` as `-(x^2)`.
///
/// Nesting is bounded by ``maximumDepth`` so that a pathological formula gets an error
/// instead of exhausting the stack, here or in later passes that walk the tree.
struct FormulaParser {
  /// The deepest tree, counting parentheses as a level, that the parser accepts.
  static let maximumDepth = 500

  /// A parsed subexpression and the height of its tree, parentheses counted.
  struct Parsed {
    var expression: Expression
    var depth: Int

    var range: Range<Int> { expression.range }
  }

  let source: String
  /// The variables a formula may use, or `nil` when any name is a variable.
  let variables: [String]?
  /// The token being looked at.
  private(set) var token: FormulaToken
  /// The token consumed last, `nil` at the start.
  private(set) var previous: FormulaToken?
  /// The distinct variables used so far, in order of first use.
  private(set) var usedVariables: [String] = []
  private var lexer: FormulaLexer
  private var nesting = 0

  init(_ source: String, variables: [String]?) throws(FormulaError) {
    self.source = source
    self.variables = variables
    self.lexer = FormulaLexer(source)
    self.token = try lexer.next()
  }

  /// The whole formula as one expression.
  mutating func parse() throws(FormulaError) -> Expression {
    if token.kind == .end { throw error("empty formula", at: 1) }
    let parsed = try parseSum()
    switch token.kind {
    case .end:
      return parsed.expression
    case .rightParenthesis:
      throw error(
        "unexpected ')' at column \(token.column) with no matching '('", at: token.column)
    default:
      throw error("unexpected '\(token.text)'", at: token.column)
    }
  }

  private mutating func parseSum() throws(FormulaError) -> Parsed {
    var left = try parseProduct()
    while true {
      let op: Expression.BinaryOperator
      switch token.kind {
      case .plus: op = .add
      case .minus: op = .subtract
      default: return left
      }
      try advance()
      left = try combine(op, left, try parseProduct())
    }
  }

  private mutating func parseProduct() throws(FormulaError) -> Parsed {
    var left = try parseSigned()
    while true {
      let op: Expression.BinaryOperator
      switch token.kind {
      case .star: op = .multiply
      case .slash: op = .divide
      default: return left
      }
      try advance()
      left = try combine(op, left, try parseSigned())
    }
  }

  private mutating func parseSigned() throws(FormulaError) -> Parsed {
    guard token.kind == .minus || token.kind == .plus else { return try parsePower() }
    let sign = token
    try advance()
    try enter(at: sign)
    let operand = try parseSigned()
    nesting -= 1
    let range = sign.offset..<operand.range.upperBound
    let node = sign.kind == .minus ? .negate(operand.expression) : operand.expression.node
    return try checked(Parsed(expression: Expression(node, range: range), depth: operand.depth + 1))
  }

  private mutating func parsePower() throws(FormulaError) -> Parsed {
    let base = try parsePrimary()
    guard token.kind == .caret else { return base }
    let caret = token
    try advance()
    try enter(at: caret)
    let exponent = try parseSigned()
    nesting -= 1
    return try combine(.power, base, exponent)
  }

  private mutating func parsePrimary() throws(FormulaError) -> Parsed {
    let start = token
    let parsed: Parsed
    switch start.kind {
    case .number(let value):
      try advance()
      parsed = Parsed(
        expression: Expression(.number(value), range: start.offset..<start.end), depth: 1)
    case .identifier(let name):
      try advance()
      parsed = try parseName(name, at: start)
    case .leftParenthesis:
      try advance()
      try enter(at: start)
      if token.kind == .rightParenthesis {
        throw error(
          "empty parentheses: expected an expression between '(' and ')'", at: token.column)
      }
      let inner = try parseSum()
      let close = try expectClosing(start, in: nil)
      nesting -= 1
      let expression = Expression(inner.expression.node, range: start.offset..<close.end)
      parsed = try checked(Parsed(expression: expression, depth: inner.depth + 1))
    default:
      throw operandExpected()
    }
    if token.startsOperand { throw operatorExpected() }
    return parsed
  }

  /// A constant, a call or a variable, the name having been consumed.
  private mutating func parseName(
    _ name: String, at start: FormulaToken
  ) throws(FormulaError) -> Parsed {
    let here = start.offset..<start.end
    if let constant = Expression.Constant(rawValue: name) {
      if token.kind == .leftParenthesis { throw constantCalled(name, at: start) }
      return Parsed(expression: Expression(.constant(constant), range: here), depth: 1)
    }
    if let function = Expression.Function.named(name) {
      guard token.kind == .leftParenthesis else {
        throw error("'\(name)' is a function: write \(name)(...)", at: start.column)
      }
      let open = token
      try advance()
      try enter(at: open)
      if token.kind == .rightParenthesis {
        throw error(
          "missing argument: '\(name)' takes one argument, as in \(name)(x)", at: token.column)
      }
      let argument = try parseSum()
      let close = try expectClosing(open, in: function)
      nesting -= 1
      let expression = Expression(
        .call(function, argument.expression), range: start.offset..<close.end)
      return try checked(Parsed(expression: expression, depth: argument.depth + 1))
    }
    if token.kind == .leftParenthesis { throw unknownFunction(name, at: start) }
    if let variables, !variables.contains(name) { throw unknownVariable(name, at: start) }
    if !usedVariables.contains(name) { usedVariables.append(name) }
    return Parsed(expression: Expression(.variable(name), range: here), depth: 1)
  }

  /// Consumes the `)` matching `open`, the `(` of a call to `function` or of a group.
  private mutating func expectClosing(
    _ open: FormulaToken, in function: Expression.Function?
  ) throws(FormulaError) -> FormulaToken {
    switch token.kind {
    case .rightParenthesis:
      let close = token
      try advance()
      return close
    case .comma where function != nil:
      throw error(
        "'\(function!.rawValue)' takes one argument; found ','", at: token.column)
    case .end:
      throw error("expected ')' to close '(' at column \(open.column)", at: token.column)
    default:
      throw error(
        "expected ')' to close '(' at column \(open.column); found '\(token.text)'",
        at: token.column)
    }
  }

  private mutating func advance() throws(FormulaError) {
    previous = token
    token = try lexer.next()
  }

  private mutating func enter(at token: FormulaToken) throws(FormulaError) {
    nesting += 1
    if nesting > FormulaParser.maximumDepth { throw tooDeep(at: token) }
  }

  private func combine(
    _ op: Expression.BinaryOperator, _ left: Parsed, _ right: Parsed
  ) throws(FormulaError) -> Parsed {
    let expression = Expression(
      .binary(op, left.expression, right.expression),
      range: left.range.lowerBound..<right.range.upperBound)
    return try checked(Parsed(expression: expression, depth: max(left.depth, right.depth) + 1))
  }

  private func checked(_ parsed: Parsed) throws(FormulaError) -> Parsed {
    guard parsed.depth <= FormulaParser.maximumDepth else {
      throw error(
        "formula is nested too deeply: more than \(FormulaParser.maximumDepth) levels",
        at: parsed.range.lowerBound + 1)
    }
    return parsed
  }
}
