import Testing

@testable import Descent

@Suite struct FormulaPrintingTests {
  /// Formulas and how they print: minimal parentheses, `+ -` spaced, `* / ^` not.
  static let cases: [(source: String, printed: String)] = [
    ("(1 - w1*w2)^2", "(1 - w1*w2)^2"),
    ("((1 - (w1 * w2)) ** 2)", "(1 - w1*w2)^2"),
    ("-x^2", "-x^2"),
    ("(-x)^2", "(-x)^2"),
    ("2^3^2", "2^3^2"),
    ("(2^3)^2", "(2^3)^2"),
    ("2^-x", "2^-x"),
    ("2^(-x^2)", "2^-x^2"),
    ("a-b-c", "a - b - c"),
    ("a-(b-c)", "a - (b - c)"),
    ("a/b/c", "a/b/c"),
    ("a/(b/c)", "a/(b/c)"),
    ("a/(b*c)", "a/(b*c)"),
    ("(a*b)+c", "a*b + c"),
    ("a*(b+c)", "a*(b + c)"),
    ("(-a)*b", "-a*b"),
    ("-(a*b)", "-(a*b)"),
    ("a - (-b)", "a - -b"),
    ("-(-x)", "- -x"),
    ("x*(-y)", "x*-y"),
    ("-(x+y)", "-(x + y)"),
    ("exp(-(x^2 + y^2)/2)/(2*pi)", "exp(-(x^2 + y^2)/2)/(2*pi)"),
    ("100*(y - x^2)^2 + (1 - x)^2", "100*(y - x^2)^2 + (1 - x)^2"),
    ("sigmoid(w1*x1 + b) + softplus(z) - relu(-t)", "sigmoid(w1*x1 + b) + softplus(z) - relu(-t)"),
    ("log(1 + e^x) + sqrt(abs(tanh(u)))", "log(1 + e^x) + sqrt(abs(tanh(u)))"),
    ("sin(x)^2 + cos(x)^2 - tan(x)", "sin(x)^2 + cos(x)^2 - tan(x)"),
    ("3.0 + .5 + 1e-3 + 2.5E+4", "3 + 0.5 + 0.001 + 25000"),
    ("1e-5 * 1e20 + 0.1", "1e-05*1e+20 + 0.1"),
    ("+x", "x"),
  ]

  @Test(arguments: cases)
  func printsMinimally(source: String, printed: String) throws {
    #expect(try Formula(source).expression.description == printed)
  }

  @Test(arguments: cases)
  func printedFormulaParsesBackToAnEqualTree(source: String, printed: String) throws {
    let tree = try Formula(source).expression
    #expect(try Formula(tree.description).expression == tree)
  }

  @Test func numbersRoundTripBitForBit() throws {
    for value in [
      0.1, 1.0 / 3, 2.0 / 3 * 1e-300, Double.leastNonzeroMagnitude, 1.7976931348623157e308,
      123_456_789_012,
    ] {
      let printed = Expression(.number(value)).description
      let back = try Formula(printed).expression
      #expect(back == .num(value), "\(value) printed as \(printed)")
    }
  }

  @Test func deepTreesPrintAndParseBack() throws {
    // Left-deep (a long sum) and right-deep (a tower of powers) trees near the depth limit.
    let terms = FormulaParser.maximumDepth - 1
    let sum = (1...terms).map { "x\($0)" }.joined(separator: " + ")
    #expect(try Formula(sum).expression.description == sum)
    let tower = Array(repeating: "x", count: terms).joined(separator: "^")
    let tree = try Formula(tower).expression
    #expect(try Formula(tree.description).expression == tree)
  }

  @Test func treesBuiltInCodePrint() {
    #expect(Expression.pow(.neg(.v("x")), .num(2)).description == "(-x)^2")
    #expect(Expression.sub(.v("a"), .add(.v("b"), .v("c"))).description == "a - (b + c)")
    #expect(Expression.pow(.num(2), .mul(.v("x"), .v("y"))).description == "2^(x*y)")
    #expect(Expression.call(.exp, .add(.v("x"), .num(1))).description == "exp(x + 1)")
  }
}
