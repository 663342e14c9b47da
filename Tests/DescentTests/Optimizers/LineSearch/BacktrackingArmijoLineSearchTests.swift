import Testing

@testable import Descent

/// Backtracking Armijo against its definition: the first of α₀, α₀/2, α₀/4, … with
/// φ(α) ≤ φ(0) + c1·α·φ′(0).
@Suite struct BacktrackingArmijoLineSearchTests {
  /// φ(α) = ½·a·(α − m)², a quadratic along the ray with curvature a and minimizer m.
  struct Quadratic: CustomTestStringConvertible, Sendable {
    var curvature: Double
    var minimizer: Double
    var initialStep: Double
    var testDescription: String {
      "a = \(curvature), m = \(minimizer), α0 = \(initialStep)"
    }
    func phi(_ a: Double) -> (value: Double, slope: Double) {
      (0.5 * curvature * (a - minimizer) * (a - minimizer), curvature * (a - minimizer))
    }
  }

  static let quadratics = [
    Quadratic(curvature: 1, minimizer: 1, initialStep: 1),  // the unit step is exact
    Quadratic(curvature: 2, minimizer: 0.1, initialStep: 1),  // accepts 1/8
    Quadratic(curvature: 100, minimizer: 1e-3, initialStep: 1),
    Quadratic(curvature: 1, minimizer: 10, initialStep: 1),  // too short, accepted at once
    Quadratic(curvature: 3, minimizer: 0.3, initialStep: 64),
  ]

  @Test(arguments: quadratics)
  func acceptsTheFirstHalvingWithSufficientDecrease(_ q: Quadratic) throws {
    let (value0, slope0) = q.phi(0)
    let c1 = 1e-4
    let decreases = { (a: Double) in q.phi(a).value <= value0 + c1 * a * slope0 }
    // The first k with sufficient decrease at α₀·2⁻ᵏ, computed here from the definition.
    let k = try #require((0...50).first { decreases(q.initialStep * pow2(-$0)) })
    let result = try BacktrackingArmijo().search(
      q.phi, initialStep: q.initialStep, value0: value0, slope0: slope0)
    #expect(result.isAccepted)
    #expect(result.step == q.initialStep * pow2(-k))
    #expect(result.evaluations == k + 1)
    #expect(result.value <= value0 + c1 * result.step * slope0)
    #expect(result.value == q.phi(result.step).value)
  }

  /// The worked case: φ = (α − 0.1)², rejected at 1, ½, ¼ and accepted at ⅛.
  @Test func acceptsOneEighthOnTheWorkedQuadratic() throws {
    let phi = { (a: Double) in (value: (a - 0.1) * (a - 0.1), slope: 2 * (a - 0.1)) }
    let result = try BacktrackingArmijo().search(phi, initialStep: 1, value0: 0.01, slope0: -0.2)
    #expect(result.step == 0.125 && result.evaluations == 4)
  }

  /// φ = NaN beyond α = 1: the trials 4 and 2 count as too long, and 1 is accepted.
  @Test func survivesNonFiniteValues() throws {
    let phi = { (a: Double) -> (value: Double, slope: Double) in
      a > 1 ? (.nan, .nan) : ((a - 2) * (a - 2), 2 * (a - 2))
    }
    let result = try BacktrackingArmijo().search(phi, initialStep: 4, value0: 4, slope0: -4)
    #expect(result.isAccepted)
    #expect(result.step == 1 && result.evaluations == 3 && result.value == 1)
  }

  /// No finite value anywhere: fails after maxShrinks + 1 trials, reporting the start.
  @Test func failsAfterTheLastShrink() throws {
    let phi = { (_: Double) in (value: Double.infinity, slope: Double.nan) }
    let result = try BacktrackingArmijo(maxShrinks: 10).search(
      phi, initialStep: 1, value0: 1, slope0: -1)
    #expect(!result.isAccepted)
    #expect(result.step == 0 && result.value == 1 && result.evaluations == 11)
  }

  /// An ascent direction fails before any evaluation, with a reason.
  @Test func rejectsAnAscentDirection() throws {
    var calls = 0
    let phi = { (a: Double) -> (value: Double, slope: Double) in
      calls += 1
      return (a * a, 2 * a)
    }
    let result = try BacktrackingArmijo().search(phi, initialStep: 1, value0: 0, slope0: 1)
    #expect(
      result.outcome
        == .failed(reason: "φ′(0) = 1.0 ≥ 0: the direction is not a descent direction."))
    #expect(calls == 0 && result.evaluations == 0 && result.step == 0)
  }

  /// 2ᵏ exactly, for the steps α₀·2⁻ᵏ the search produces by repeated halving.
  func pow2(_ k: Int) -> Double { Double(sign: .plus, exponent: k, significand: 1) }
}
