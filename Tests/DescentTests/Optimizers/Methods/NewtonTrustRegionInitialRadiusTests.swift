import Foundation
import Testing

@testable import Descent

/// The default initial radius of trust-region Newton: the length of the Cauchy step at x₀
/// (Dennis and Schnabel, Appendix A; UNCMIN's `HOOKDR`), checked against closed forms on quadratics.
@Suite struct NewtonTrustRegionInitialRadiusTests {
  func initialRadius(
    _ method: NewtonTrustRegion, _ formula: String, at x: [Double]
  ) throws -> (radius: Double, hvp: Int) {
    let objective = try Formula(formula).objective
    let evaluator = ObjectiveEvaluator(objective)
    let (f, g) = try objective.valueAndGradient(at: x)
    let state = try method.initialState(
      at: Iterate(x: x, value: f, gradient: g), evaluator: evaluator)
    return (state.radius, evaluator.counts.hvp)
  }

  @Test func defaultIsTheCauchyStepLength() throws {
    // f = x² + 10y² at (1, 1): g = (2, 20), H = diag(2, 20), so gᵀHg = 2·4 + 20·400 = 8008 and
    // ‖g‖³ = 404^{3/2}.
    let (radius, hvp) = try initialRadius(NewtonTrustRegion(), "x^2 + 10*y^2", at: [1, 1])
    // Rounding of one Hessian-vector product and two dot products of 2 entries.
    #expect(abs(radius - pow(404, 1.5) / 8008) <= 1e-14 * radius)
    #expect(hvp == 1)
    // On f = x² the Cauchy step is the exact minimizer along −g: Δ₀ = |x₀|.
    let (line, _) = try initialRadius(NewtonTrustRegion(), "x^2", at: [1000])
    // The same rounding as above, in one dimension.
    #expect(abs(line - 1000) <= 1e-12 * 1000)
  }

  @Test func cauchyLengthIsCappedByTheLargestRadius() throws {
    // f = 10⁻⁶x² at x = 1: Cauchy length 1, but with Δ_max = 0.5 the cap is 0.5·max(1, 1).
    let method = NewtonTrustRegion(maxRadius: 0.5)
    let (radius, _) = try initialRadius(method, "0.000001*x^2", at: [1])
    #expect(radius == 0.5)
  }

  @Test func fallsBackToOneWithoutPositiveCurvatureAlongTheGradient() throws {
    // f = y − x² at (1, 0): g = (−2, 1), gᵀHg = −8 < 0.
    #expect(try initialRadius(NewtonTrustRegion(), "y - x^2", at: [1, 0]).radius == 1)
    // f linear: gᵀHg = 0.
    #expect(try initialRadius(NewtonTrustRegion(), "x + 2*y", at: [0, 0]).radius == 1)
    // ∇f = 0: no direction, and no Hessian-vector product spent.
    let stationary = try initialRadius(NewtonTrustRegion(), "x^2 + y^2", at: [0, 0])
    #expect(stationary.radius == 1 && stationary.hvp == 0)
  }

  @Test func anExplicitRadiusIsKept() throws {
    let (radius, hvp) = try initialRadius(
      NewtonTrustRegion(initialRadius: 0.25), "x^2 + 10*y^2", at: [1, 1])
    #expect(radius == 0.25 && hvp == 0)
    guard case .object(let given) = NewtonTrustRegion(initialRadius: 0.25).hyperparameters,
      case .object(let cauchy) = NewtonTrustRegion().hyperparameters
    else {
      Issue.record("hyperparameters are not objects")
      return
    }
    #expect(given["initial_delta"] == .number(0.25))
    #expect(cauchy["initial_delta"] == .string("cauchy"))
  }
}

extension NewtonTrustRegionInitialRadiusTests {
  /// MGH problem 18, Biggs EXP6, from its standard start (Moré, Garbow & Hillstrom 1981).
  static var biggs: String {
    (1...13).map {
      let t = 0.1 * Double($0)
      let y = exp(-t) - 5 * exp(-10 * t) + 3 * exp(-4 * t)
      return "(x3*exp(-\(t)*x1) - x4*exp(-\(t)*x2) + x6*exp(-\(t)*x5) - \(y))^2"
    }.joined(separator: " + ")
  }

  @Test func biggsNeedsTheCauchyRadius() throws {
    let objective = try Formula(Self.biggs).objective
    var options = MinimizeOptions()
    options.maxIterations = 100
    let start: [Double] = [1, 2, 1, 1, 1, 1]
    // Δ₀ = 1 (Optim.jl's, SciPy's): x3 and x4 grow without bound while f creeps towards 0.2427,
    // far from the published minima 0 and 5.65565e-3 (after 100 iterations x3 ≈ 4, x4 ≈ 6.5
    // in a NumPy run of the same rules; both start at 1).
    let (unit, _) = try minimize(
      objective, from: start, method: NewtonTrustRegion(initialRadius: 1), options: options)
    #expect(unit.value > 0.24 && unit.x[2] > 3 && unit.x[3] > 5, "f = \(unit.value)")
    // The Cauchy length reaches a published minimum (given to 6 significant digits).
    let (cauchy, _) = try minimize(
      objective, from: start, method: NewtonTrustRegion(), options: options)
    #expect(cauchy.stopReason == .gradientTolerance)
    #expect(min(cauchy.value, abs(cauchy.value - 5.65565e-3)) <= 1e-6, "f = \(cauchy.value)")
  }
}
