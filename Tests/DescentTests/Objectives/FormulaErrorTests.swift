import Testing

@testable import Descent

@Suite struct FormulaErrorTests {
  @Test func unclosedParenthesis() {
    expectFormulaError(
      "(1 - w1", message: "expected ')' to close '(' at column 1", column: 8)
    expectFormulaError(
      "exp(x + (y", message: "expected ')' to close '(' at column 9", column: 11)
  }

  @Test func strayClosingParenthesis() {
    expectFormulaError(
      "(x+1))", message: "unexpected ')' at column 6 with no matching '('", column: 6)
    expectFormulaError(
      "x - 1)", message: "unexpected ')' at column 6 with no matching '('", column: 6)
    expectFormulaError(
      ")", message: "unexpected ')' at column 1 with no matching '('", column: 1)
  }

  @Test func unknownFunctionSuggestsTheNearest() {
    expectFormulaError(
      "expp(x)", message: "unknown function 'expp'; did you mean 'exp'?", column: 1)
    expectFormulaError(
      "2 * sine(x)", message: "unknown function 'sine'; did you mean 'sin'?", column: 5)
    expectFormulaError("Exp(x)", message: "unknown function 'Exp'; did you mean 'exp'?", column: 1)
    expectFormulaError(
      "foo(x)",
      message: "unknown function 'foo'; the functions are exp, log, sqrt, sin, cos, tan, tanh,"
        + " sigmoid, softplus, relu, abs (for a product write foo*(...))",
      column: 1)
    expectFormulaError(
      "x(1 - y)", variables: ["x", "y"],
      message: "'x' is a variable, not a function; for a product write x*(...)", column: 1)
    expectFormulaError(
      "pi(x)", message: "'pi' is a constant, not a function; for a product write pi*(...)",
      column: 1)
  }

  @Test func emptyFormula() {
    expectFormulaError("", message: "empty formula", column: 1)
    expectFormulaError("   \t ", message: "empty formula", column: 1)
  }

  @Test func trailingOperator() {
    expectFormulaError("x +", message: "expected an operand after '+'", column: 4)
    expectFormulaError("x **  ", message: "expected an operand after '**'", column: 5)
    expectFormulaError("-", message: "expected an operand after '-'", column: 2)
  }

  @Test func leadingBinaryOperator() {
    expectFormulaError("* x", message: "expected an operand before '*'", column: 1)
    expectFormulaError("^2", message: "expected an operand before '^'", column: 1)
  }

  @Test func operatorWhereAnOperandBelongs() {
    expectFormulaError("x + * y", message: "expected an operand after '+', found '*'", column: 5)
    expectFormulaError("(x - )", message: "expected an operand after '-', found ')'", column: 6)
  }

  @Test func twoOperandsInARow() {
    expectFormulaError("x y", message: "expected an operator between 'x' and 'y'", column: 3)
    expectFormulaError("2 x", message: "expected an operator between '2' and 'x'", column: 3)
    expectFormulaError("(a)(b)", message: "expected an operator between ')' and '('", column: 4)
  }

  @Test func implicitMultiplication() {
    expectFormulaError(
      "2x", message: "implicit multiplication is not supported: write 2*x", column: 2)
    expectFormulaError(
      "1 + 3(x)", message: "implicit multiplication is not supported: write 3*(...)", column: 6)
    expectFormulaError(
      "2exp(x)", message: "implicit multiplication is not supported: write 2*exp(...)",
      column: 2)
    expectFormulaError(
      "2pi", message: "implicit multiplication is not supported: write 2*pi", column: 2)
  }

  @Test func badCharacter() {
    expectFormulaError("x # y", message: "unexpected character '#'", column: 3)
    expectFormulaError(
      "x \u{2212} y", message: "unexpected character '\u{2212}'; write '-' for minus", column: 3)
    expectFormulaError(
      "x²", message: "unexpected character '²'; write ^2 for a square", column: 2)
    expectFormulaError("é", message: "unexpected character 'é'", column: 1)
  }

  @Test func functionWithoutParentheses() {
    expectFormulaError("log", message: "'log' is a function: write log(...)", column: 1)
    expectFormulaError("1 + log x", message: "'log' is a function: write log(...)", column: 5)
  }

  @Test func missingOrExtraArgument() {
    expectFormulaError(
      "exp()", message: "missing argument: 'exp' takes one argument, as in exp(x)", column: 5)
    expectFormulaError(
      "exp(x, y)", message: "'exp' takes one argument; found ','", column: 6)
    expectFormulaError(
      "()", message: "empty parentheses: expected an expression between '(' and ')'",
      column: 2)
  }

  @Test func badNumbers() {
    expectFormulaError(
      "1e", message: "bad number '1e': expected digits after 'e' (for 1 times e write 1*e)",
      column: 1)
    expectFormulaError(
      "x + 2.5E-",
      message: "bad number '2.5E-': expected digits after '-' (for 2.5 times e"
        + " write 2.5*e)", column: 5)
    expectFormulaError(
      "1.2.3", message: "bad number '1.2.3': a number has one decimal point at most", column: 1)
    expectFormulaError(
      "1e400", message: "number '1e400' is too large: the largest is about 1.8e308",
      column: 1)
    expectFormulaError(".", message: "unexpected character '.'", column: 1)
  }

  @Test func firstErrorInReadingOrderWins() {
    // The stray ')' comes before the bad character: the lexer reads lazily.
    expectFormulaError(
      "x) #", message: "unexpected ')' at column 2 with no matching '('", column: 2)
  }

  @Test func deepNestingIsAnErrorNotACrash() throws {
    let depth = FormulaParser.maximumDepth
    let fine =
      String(repeating: "(", count: depth - 1) + "x" + String(repeating: ")", count: depth - 1)
    #expect(try Formula(fine).expression == .v("x"))
    let deep = String(repeating: "(", count: 10_000) + "x" + String(repeating: ")", count: 10_000)
    expectFormulaError(
      deep, message: "formula is nested too deeply: more than \(depth) levels", column: depth + 1)
    let long = (1...(depth + 10)).map { "x\($0)" }.joined(separator: "+")
    #expect(throws: FormulaError.self) { try Formula(long) }
    let signs = String(repeating: "-", count: 10_000) + "x"
    #expect(throws: FormulaError.self) { try Formula(signs) }
  }

  // MARK: Rendering

  @Test func descriptionIsOneLine() {
    let error = FormulaError(
      message: "expected ')' to close '(' at column 1", source: "(1 - w1", column: 8)
    #expect(
      error.description == #"formula "(1 - w1" column 8: expected ')' to close '(' at column 1"#)
    let noColumn = FormulaError(message: "variable 'x' is listed twice", source: "x", column: nil)
    #expect(noColumn.description == #"formula "x": variable 'x' is listed twice"#)
    let multiline = FormulaError(message: "m", source: "x +\n\"y\"", column: 1)
    #expect(multiline.description == #"formula "x +\n\"y\"" column 1: m"#)
  }

  @Test func annotatedPutsACaretUnderTheColumn() {
    let error = FormulaError(
      message: "expected ')' to close '(' at column 1", source: "(1 - w1", column: 8)
    #expect(error.annotated == "(1 - w1\n       ^\nexpected ')' to close '(' at column 1")
    let first = FormulaError(message: "m", source: "* x", column: 1)
    #expect(first.annotated == "* x\n^\nm")
    let tabbed = FormulaError(message: "m", source: "\tx #", column: 4)
    #expect(tabbed.annotated == "\tx #\n\t  ^\nm")
    let noColumn = FormulaError(message: "m", source: "x\ny", column: nil)
    #expect(noColumn.annotated == "x y\nm")
  }

  @Test func editDistance() {
    #expect(NameSuggestion.editDistance("kitten", "sitting") == 3)
    #expect(NameSuggestion.editDistance("", "abc") == 3)
    #expect(NameSuggestion.editDistance("exp", "exp") == 0)
    #expect(NameSuggestion.editDistance("expp", "exp") == 1)
    #expect(NameSuggestion.editDistance("tanh", "than") == 2)
    #expect(NameSuggestion.nearest(to: "sqr", among: Expression.Function.names) == ["sqrt"])
    #expect(NameSuggestion.nearest(to: "t", among: Expression.Function.names) == [])
    #expect(NameSuggestion.nearest(to: "foo", among: Expression.Function.names) == [])
    #expect(NameSuggestion.nearest(to: "rleu", among: Expression.Function.names) == ["relu"])
    #expect(NameSuggestion.nearest(to: "w3", among: ["w1", "w2", "x"]) == ["w1", "w2"])
    #expect(NameSuggestion.nearest(to: "zzzz", among: Expression.Function.names) == [])
  }
}
