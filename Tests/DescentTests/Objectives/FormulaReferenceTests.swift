import Foundation
import Testing

@testable import Descent

/// Formulas compiled onto the tape against SymPy's exact derivatives
/// (`Scripts/references/formula_derivatives.py`, committed as
/// `Fixtures/formula_derivatives.json`: value, gradient and Hessian evaluated to 30 digits
/// at the double nearest each point).
@Suite struct FormulaReferenceTests {
  struct Case: Decodable, CustomTestStringConvertible, Sendable {
    var formula: String
    var variables: [String]
    var point: [Double]
    var value: Double
    var gradient: [Double]
    var hessian: [[Double]]
    var testDescription: String { "\(formula) at \(point)" }
  }

  struct Fixture: Decodable {
    var generator: String
    var cases: [Case]
  }

  static let cases: [Case] = {
    guard
      let url = Bundle.module.url(
        forResource: "formula_derivatives", withExtension: "json", subdirectory: "Fixtures"),
      let data = try? Data(contentsOf: url),
      let fixture = try? JSONDecoder().decode(Fixture.self, from: data)
    else { return [] }
    return fixture.cases
  }()

  @Test func fixtureIsPresent() {
    #expect(Self.cases.count >= 60)
  }

  /// The tape's value, gradient and Hessian agree with SymPy to 1e-12 relative (plus 1e-12
  /// absolute for entries that are zero): a few roundings per operation, on formulas of a
  /// dozen operations, cost well under 1e-13; a wrong rule would be off in the leading digit.
  @Test(arguments: cases)
  func derivativesMatchSymPy(_ c: Case) throws {
    let formula = try Formula(c.formula)
    #expect(formula.variables == c.variables)
    let (value, gradient, hessian) = try formula.objective.valueGradientAndHessian(at: c.point)
    expectClose([value], [c.value], rtol: 1e-12, atol: 1e-12, "value of \(c.formula)")
    expectClose(gradient, c.gradient, rtol: 1e-12, atol: 1e-12, "gradient of \(c.formula)")
    expectClose(
      hessian.scalars, c.hessian.flatMap { $0 }, rtol: 1e-12, atol: 1e-12, "Hessian of \(c.formula)"
    )
    // The plain-Double evaluator is an independent path to the same value.
    let plain = try formula.expression.evaluate(
      Dictionary(uniqueKeysWithValues: zip(c.variables, c.point)))
    expectClose([plain], [c.value], rtol: 1e-12, atol: 1e-12, "plain evaluation of \(c.formula)")
  }
}
