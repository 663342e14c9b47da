import Testing

@testable import Descent

@Suite struct FormulaParsingTests {
  // MARK: Precedence and associativity

  @Test func unaryMinusBindsLooserThanPower() {
    #expect(formulaTree("-x^2") == .neg(.pow(.v("x"), .num(2))))
    #expect(formulaTree("(-x)^2") == .pow(.neg(.v("x")), .num(2)))
  }

  @Test func powerIsRightAssociative() {
    #expect(formulaTree("2^3^2") == .pow(.num(2), .pow(.num(3), .num(2))))
    #expect(formulaTree("(2^3)^2") == .pow(.pow(.num(2), .num(3)), .num(2)))
  }

  @Test func exponentMayCarryASign() {
    #expect(formulaTree("2^-x") == .pow(.num(2), .neg(.v("x"))))
    #expect(formulaTree("2^-x^2") == .pow(.num(2), .neg(.pow(.v("x"), .num(2)))))
    #expect(formulaTree("2^+x") == .pow(.num(2), .v("x")))
  }

  @Test func subtractionAndDivisionGroupLeft() {
    #expect(formulaTree("a-b-c") == .sub(.sub(.v("a"), .v("b")), .v("c")))
    #expect(formulaTree("a/b/c") == .div(.div(.v("a"), .v("b")), .v("c")))
    #expect(formulaTree("a/b*c") == .mul(.div(.v("a"), .v("b")), .v("c")))
    #expect(formulaTree("a-b+c") == .add(.sub(.v("a"), .v("b")), .v("c")))
  }

  @Test func productsBindTighterThanSums() {
    #expect(formulaTree("a+b*c") == .add(.v("a"), .mul(.v("b"), .v("c"))))
    #expect(formulaTree("a*b+c") == .add(.mul(.v("a"), .v("b")), .v("c")))
    #expect(formulaTree("(a+b)*c") == .mul(.add(.v("a"), .v("b")), .v("c")))
    #expect(formulaTree("-a*b") == .mul(.neg(.v("a")), .v("b")))
    #expect(formulaTree("a*-b") == .mul(.v("a"), .neg(.v("b"))))
  }

  @Test func doubleStarIsPower() {
    #expect(formulaTree("x**2") == formulaTree("x^2"))
    #expect(formulaTree("2**3**2") == .pow(.num(2), .pow(.num(3), .num(2))))
    #expect(formulaTree("-x ** 2") == .neg(.pow(.v("x"), .num(2))))
  }

  @Test func unarySigns() {
    #expect(formulaTree("+x") == .v("x"))
    #expect(formulaTree("--x") == .neg(.neg(.v("x"))))
    #expect(formulaTree("a - -b") == .sub(.v("a"), .neg(.v("b"))))
    #expect(formulaTree("-+-x") == .neg(.neg(.v("x"))))
  }

  // MARK: Tokens

  @Test(arguments: [
    ("3", 3.0), ("0.5", 0.5), (".5", 0.5), ("3.", 3.0), ("1e-3", 0.001), ("2.5E+4", 25_000),
    ("1e3", 1000), ("1E3", 1000), ("007", 7), ("1.5e0", 1.5), ("6.02e23", 6.02e23),
    ("1e-300", 1e-300), ("0.1", 0.1), ("123456789.125", 123_456_789.125), ("0", 0),
  ])
  func numbers(source: String, value: Double) {
    #expect(formulaTree(source) == .num(value))
  }

  @Test func everyFunction() {
    for function in Expression.Function.allCases {
      #expect(formulaTree("\(function.rawValue)(x)") == .call(function, .v("x")))
    }
    #expect(
      Expression.Function.allCases.map(\.rawValue) == [
        "exp", "log", "sqrt", "sin", "cos", "tan", "tanh", "sigmoid", "softplus", "relu", "abs",
      ])
    #expect(formulaTree("exp(log(x))") == .call(.exp, .call(.log, .v("x"))))
    #expect(formulaTree("exp (x)") == .call(.exp, .v("x")))
  }

  @Test func constantsAreNotVariables() throws {
    let formula = try Formula("pi*e + x")
    #expect(
      formula.expression
        == .add(.mul(Expression(.constant(.pi)), Expression(.constant(.e))), .v("x")))
    #expect(formula.variables == ["x"])
    #expect(Expression.Constant.pi.value == Double.pi)
    #expect(Expression.Constant.e.value == 2.718281828459045)
    // Only the exact names are reserved.
    #expect(try Formula("Pi + E + e1 + pi_2").variables == ["E", "Pi", "e1", "pi_2"])
  }

  @Test func whitespaceAnywhereBetweenTokens() {
    let expected = formulaTree("(1-w1*w2)^2")
    #expect(formulaTree("  ( 1 -  w1 *\tw2 ) ^ 2  ") == expected)
    #expect(formulaTree("(1\n- w1*w2)\n^2") == expected)
  }

  // MARK: Ranges

  @Test func rangesCoverSubexpressions() throws {
    // 0123456789012
    // 2*log(x - 3)
    let tree = try Formula("2*log(x - 3)").expression
    #expect(tree.range == 0..<12)
    guard case .binary(.multiply, let two, let log) = tree.node,
      case .call(.log, let argument) = log.node,
      case .binary(.subtract, let x, let three) = argument.node
    else {
      Issue.record("unexpected tree \(tree)")
      return
    }
    #expect(two.range == 0..<1)
    #expect(log.range == 2..<12)
    #expect(argument.range == 6..<11)
    #expect(x.range == 6..<7)
    #expect(three.range == 10..<11)
  }

  @Test func rangesIncludeParenthesesAndSigns() throws {
    // 0123456789
    // -(a + b)^2
    let tree = try Formula("-(a + b)^2").expression
    #expect(tree.range == 0..<10)
    guard case .negate(let power) = tree.node, case .binary(.power, let group, _) = power.node
    else {
      Issue.record("unexpected tree \(tree)")
      return
    }
    #expect(power.range == 1..<10)
    #expect(group.range == 1..<8)
    #expect(try Formula("+x").expression.range == 0..<2)
    #expect(try Formula("  x**2 ").expression.range == 2..<6)
  }

  @Test func rangesCountCharactersNotBytes() throws {
    // An em space is one character but three bytes of UTF-8.
    let tree = try Formula("x\u{2003}+\u{2003}exp(y)").expression
    #expect(tree.range == 0..<10)
    guard case .binary(.add, _, let exp) = tree.node else {
      Issue.record("unexpected tree \(tree)")
      return
    }
    #expect(exp.range == 4..<10)
  }

  @Test func equalityIgnoresRanges() {
    #expect(formulaTree("x+1") == formulaTree("  x   +   1"))
    #expect(formulaTree("((x))") == .v("x"))
    #expect(formulaTree("x+1") != formulaTree("1+x"))
  }
}
