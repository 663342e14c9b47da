import Foundation
import Testing

@testable import Descent

@Suite struct LevenbergMarquardtTests {
  /// On a linear problem the damped steps approach the least-squares solution as μ falls
  /// (×⅓ per accepted step when the model is exact, ρ = 1): a few iterations. The run may
  /// stop once the predicted decrease is below f's rounding (4ε·f), where ‖x − x*‖ is about
  /// √(4ε·f/λmin(AᵀA)) ≈ 1e-8: x to 1e-6 relative, f to 1e-13 (quadratic in the error).
  @Test(arguments: [true, false])
  func solvesALinearProblemInAFewSteps(scaled: Bool) throws {
    let problem = SeededLinearResiduals(seed: 11)
    let (result, _) = try minimize(
      problem.objective, from: [3, -2, 1, 0.5], method: LevenbergMarquardt(scaled: scaled))
    #expect(result.iterations <= 12)
    #expect(result.stopReason.isConvergence)
    let solution = try problem.normalEquationsSolution()
    expectClose(result.x, solution, rtol: 1e-6, atol: 1e-8)
    expectClose([result.value], [try problem.objective.value(at: solution)], rtol: 1e-13)
  }

  /// y = a·e^{−bt} + noise (30 points, noise N(0, 0.05²) seeded in the script) fitted from
  /// (1, 1): the same a, b as SciPy's `curve_fit` (MINPACK). Both runs converge to the one
  /// minimizer; tolerance 1e-7 relative on (a, b) — the gradient tolerance 1e-8 bounds the
  /// distance to it through the Hessian's conditioning — and 1e-10 on f (quadratic in that).
  @Test func fitsAnExponentialDecayAsSciPyDoes() throws {
    let fixture = try #require(MGHFixtures.document, "Fixtures/mgh_scipy.json is missing")
      .curveFit
    let (t, y) = (fixture.t, fixture.y)
    let objective = AutodiffResiduals(dimension: 2, residualCount: t.count) { p in
      let (a, b) = (try p.element(0), try p.element(1))
      return try a * exp(-(b * Variable(Tensor(t)))) - Variable(Tensor(y))
    }
    let (result, _) = try minimize(objective, from: fixture.start, method: LevenbergMarquardt())
    #expect(result.stopReason.isConvergence)
    expectClose(result.x, fixture.x, rtol: 1e-7, "(a, b) against curve_fit")
    expectClose([result.value], [fixture.f], rtol: 1e-10, "Σr² against curve_fit")
  }

  /// Rank-deficient J: the damping term keeps the system regular; the run reaches the
  /// minimum value (closed form from the normal equations of the independent columns,
  /// as in the Gauss–Newton test).
  @Test func handlesARankDeficientJacobian() throws {
    let deficient = SeededLinearResiduals(seed: 5, duplicate: [3])
    let (result, _) = try minimize(
      deficient.objective, from: [1, 1, 1, 1], method: LevenbergMarquardt())
    let columns = (0..<8).flatMap { i in deficient.a.scalars[(i * 4)..<(i * 4 + 3)] }
    let a = try Tensor(shape: [8, 3], scalars: columns)
    let ata = try Tensor.matmul(a, a, transposeA: true)
    let atb = try Tensor.matmul(a, Tensor(deficient.b).reshaped([8, 1]), transposeA: true)
    let best = try deficient.objective.value(at: try Tensor.solve(ata, atb).scalars + [0])
    expectClose([result.value], [best], rtol: 1e-10, "minimum value, rank-deficient J")
  }

  /// Zero residual: superlinear near x* (μ shrinks by ⅓ each step, the step tends to
  /// Gauss–Newton's); nonzero residual (λ = 0.5): linear, the ratio xₖ₊₁/xₖ stays well away
  /// from 0 (≥ 0.3 once |x| < 1e-3) — the neglected Σ rᵢ∇²rᵢ term slows every method of
  /// this family to Gauss–Newton's rate λ.
  @Test func convergenceRateDependsOnTheResidualAtTheSolution() throws {
    var options = MinimizeOptions()
    options.gradientTolerance = 1e-14
    options.maxIterations = 80
    let (linear, _) = try minimize(
      dennisSchnabel(lambda: 0.5, zeroResidual: false), from: [0.5],
      method: LevenbergMarquardt(), options: options)
    let xs = linear.trace.map { $0.x[0] }
    let ratios = zip(xs.dropFirst(), xs).filter { Swift.abs($0.1) < 1e-3 && $0.1 != 0 }
      .map { $0.0 / $0.1 }
    #expect(ratios.count >= 5)
    for ratio in ratios.prefix(10) { #expect(ratio > 0.3 && ratio < 0.7, "ratio \(ratio)") }

    let (fast, _) = try minimize(
      dennisSchnabel(lambda: 0.5, zeroResidual: true), from: [0.5],
      method: LevenbergMarquardt(), options: options)
    #expect(fast.iterations < linear.iterations / 2)
    let zs = fast.trace.map { Swift.abs($0.x[0]) }
    let late = zip(zs.dropFirst(), zs).filter { $0.1 < 1e-3 && $0.0 > 0 }.map { $0.0 / $0.1 }
    for ratio in late { #expect(ratio < 0.1, "ratio \(ratio)") }
  }

  /// Every accepted step decreases f, rejected trials are counted as f evaluations, and r, J
  /// are evaluated once per accepted point (+ 2 at the start, as for Gauss–Newton).
  @Test func acceptsOnlyDecreasingStepsAndCountsEvaluations() throws {
    let problem = try MGH.problem(named: "meyer")
    let (result, _) = try minimize(
      problem.objective, from: problem.start, method: LevenbergMarquardt())
    let values = result.trace.map(\.value)
    for (next, previous) in zip(values.dropFirst(), values) { #expect(next < previous) }
    #expect(result.evaluations.g == result.iterations + 2)
    #expect(result.evaluations.f >= result.iterations)
    #expect(problem.isSolved(by: result.value))
  }
}
