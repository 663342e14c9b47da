import Foundation
import Testing

@testable import Descent

/// Brent's 1-D minimiser against SciPy's `minimize_scalar(method='brent')` (the `brent` part of
/// `Fixtures/derivative_free.json`, from `Scripts/references/derivative_free.py`) and against
/// the exact minimisers.
@Suite struct BrentTests {
  struct Case: Decodable, Sendable, CustomTestStringConvertible {
    var id: String
    var bracket: [Double]
    var x: Double
    var fun: Double
    var nit: Int
    var nfev: Int
    var minimizer: Double
    var testDescription: String { id }
  }

  struct Document: Decodable { var brent: [Case] }

  static let cases: [Case] = {
    guard
      let url = Bundle.module.url(
        forResource: "derivative_free", withExtension: "json", subdirectory: "Fixtures"),
      let data = try? Data(contentsOf: url),
      let document = try? JSONDecoder().decode(Document.self, from: data)
    else { return [] }
    return document.brent
  }()

  /// The script's functions, with the same operations in the same order.
  static func function(_ id: String) -> (Double) -> Double {
    switch id {
    case "quadratic": return { x in (x - 2) * (x - 2) + 1 }
    case "quartic": return { x in x * x * x * x - 3 * (x * x * x) + 2 }
    case "exp-linear": return { x in Foundation.exp(x) - 2 * x }
    case "x-exp": return { x in x * Foundation.exp(x) }
    case "cos": return { x in Foundation.cos(x) }
    case "far": return { x in (x - 1000) * (x - 1000) }
    case "abs-power": return { x in Foundation.pow(Swift.abs(x - 0.3), 1.5) }
    case "narrow": return { x in 1 - Foundation.exp(-((x - 5) * (x - 5)) * 50) }
    default: preconditionFailure("no function \(id)")
    }
  }

  @Test func theFixtureIsThere() {
    #expect(Self.cases.count == 8, "Fixtures/derivative_free.json is missing or incomplete")
  }

  @Test(arguments: cases)
  func matchesSciPy(_ c: Case) throws {
    let result = try Brent().minimize(Self.function(c.id), from: c.bracket[0], to: c.bracket[1])
    #expect(result.status == .converged)
    // The same operations in the same order on the same IEEE doubles: the same iterations,
    // the same evaluations and, but for libm differences, the same bits.
    #expect(result.iterations == c.nit)
    #expect(result.evaluations == c.nfev)
    expectClose([result.x, result.value], [c.x, c.fun], rtol: 1e-14, atol: 1e-300, "\(c.id)")
    // Accuracy: the final bracket is within a few tol₁ = xtol·|x| + 1e-11 of x; the distance
    // to the exact minimiser is bounded by 4·tol₁ (the flatness of f near a smooth minimum
    // hides anything closer, which is why xtol is √ε-sized).
    let tol1 = 1.48e-8 * Swift.abs(c.minimizer) + 1e-11
    #expect(Swift.abs(result.x - c.minimizer) <= 4 * tol1, "x = \(result.x), x* = \(c.minimizer)")
  }

  @Test func aKnownValueAtTheStartSavesOneEvaluation() throws {
    let f = Self.function("quartic")
    let plain = try Brent().minimize(f, from: 0, to: 1)
    let given = try Brent().minimize(f, from: 0, to: 1, valueAtStart: f(0))
    #expect(given.evaluations == plain.evaluations - 1)
    #expect(given.x == plain.x)
  }

  @Test func theBracketSatisfiesItsThreeConditions() throws {
    for c in Self.cases {
      let (bracket, _) = try Brent().bracket(Self.function(c.id), from: c.bracket[0], c.bracket[1])
      #expect(bracket.isValid, "\(c.id): \(bracket)")
      let (low, high) = (Swift.min(bracket.a, bracket.c), Swift.max(bracket.a, bracket.c))
      #expect(low < c.minimizer && c.minimizer < high, "\(c.id): \(bracket)")
    }
  }

  @Test func aFunctionUnboundedBelowHasNoBracket() throws {
    // f = −x decreases forever: the expansion runs into its step limit (or overflows) and the
    // best point seen comes back, flagged.
    let result = try Brent().minimize({ -$0 }, from: 0, to: 1)
    #expect(result.status == .noBracket)
    #expect(result.iterations == 0)
    #expect(result.value == -result.x)
  }

  @Test func aConstantFunctionHasNoBracket() throws {
    let result = try Brent().minimize({ _ in 3 }, from: 0, to: 1)
    #expect(result.status == .noBracket)
    #expect(result.value == 3)
    #expect(result.evaluations == 3)
  }

  @Test func nanIsNeverTheMinimum() throws {
    // NaN left of 0.5 (the start point 0 included); the minimum at 2 lies right of it.
    let f: (Double) -> Double = { x in x < 0.5 ? .nan : (x - 2) * (x - 2) }
    let result = try Brent().minimize(f, from: 0, to: 1)
    #expect(result.status == .converged)
    // Same accuracy argument as the SciPy cases, at x* = 2.
    #expect(Swift.abs(result.x - 2) <= 4 * (1.48e-8 * 2 + 1e-11))
    #expect(result.value.isFinite)
  }

  @Test func invalidSettingsAreRejectedByName() {
    #expect(throws: HyperparameterError(name: "xtol", value: "-1.0", valid: "a finite number ≥ 0"))
    {
      try Brent(tolerance: -1)
    }
    #expect(throws: HyperparameterError.self) { try Brent(maxIterations: 0) }
    #expect(throws: HyperparameterError.self) { try Brent(growLimit: .nan) }
  }
}
