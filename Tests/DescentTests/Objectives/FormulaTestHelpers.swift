import Testing

@testable import Descent

// Builders for expected trees, so that tests read like the formulas they check:
// `.neg(.pow(.v("x"), .num(2)))` is `-x^2`.
extension Expression {
  static func num(_ value: Double) -> Expression { Expression(.number(value)) }
  static func v(_ name: String) -> Expression { Expression(.variable(name)) }
  static func neg(_ operand: Expression) -> Expression { Expression(.negate(operand)) }
  static func add(_ l: Expression, _ r: Expression) -> Expression { op(.add, l, r) }
  static func sub(_ l: Expression, _ r: Expression) -> Expression { op(.subtract, l, r) }
  static func mul(_ l: Expression, _ r: Expression) -> Expression { op(.multiply, l, r) }
  static func div(_ l: Expression, _ r: Expression) -> Expression { op(.divide, l, r) }
  static func pow(_ l: Expression, _ r: Expression) -> Expression { op(.power, l, r) }
  static func call(_ f: Function, _ a: Expression) -> Expression { Expression(.call(f, a)) }

  private static func op(_ o: BinaryOperator, _ l: Expression, _ r: Expression) -> Expression {
    Expression(.binary(o, l, r))
  }
}

/// The tree of `source`, recording an issue (and returning a placeholder) when it fails.
func formulaTree(
  _ source: String, variables: [String]? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) -> Expression {
  do {
    return try Formula(source, variables: variables).expression
  } catch {
    Issue.record("\(error)", sourceLocation: sourceLocation)
    return Expression(.variable("<parse failed>"))
  }
}

/// Expects `source` to fail with exactly `message` at `column`.
func expectFormulaError(
  _ source: String, variables: [String]? = nil, message: String, column: Int?,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  do {
    let formula = try Formula(source, variables: variables)
    Issue.record(
      "expected an error, parsed \(formula.expression)", sourceLocation: sourceLocation)
  } catch {
    #expect(error.message == message, sourceLocation: sourceLocation)
    #expect(error.column == column, sourceLocation: sourceLocation)
    #expect(error.source == source, sourceLocation: sourceLocation)
  }
}
