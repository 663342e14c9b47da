import Foundation
import Testing

@testable import Descent

/// The trust-region subproblem solvers on their own: the eigendecomposition-based exact solver
/// against brute force, closed forms and Brent's method on the secular equation; Steihaug-CG against the
/// exact solver where they must agree, and on negative curvature.
@Suite struct TrustRegionSubproblemTests {
  typealias Fixtures = NewtonFamilyFixtures

  func exact(_ rows: [[Double]], _ g: [Double], radius: Double) throws -> TrustRegionStep {
    let eigen = try SymmetricEigendecomposition(Fixtures.matrix(rows))
    return TrustRegionExact.solve(gradient: g, eigen: eigen, radius: radius)
  }

  /// The minimizer of the 2-D model over the disc by brute force: the interior Newton point
  /// when H is positive definite and it lies inside, and the best of 400 000 points on the
  /// circle, refined by a golden-section search on the angle around the best.
  func bruteForce(_ rows: [[Double]], _ g: [Double], radius: Double) -> (p: [Double], m: Double) {
    let (a, b, d) = (rows[0][0], rows[0][1], rows[1][1])
    var best: (p: [Double], m: Double) = ([0, 0], 0)
    let determinant = a * d - b * b
    if a > 0, determinant > 0 {
      let p = [-(d * g[0] - b * g[1]) / determinant, -(a * g[1] - b * g[0]) / determinant]
      if Vectors.norm(p) <= radius { best = (p, Fixtures.model(rows, g, p)) }
    }
    func onCircle(_ theta: Double) -> (p: [Double], m: Double) {
      let p = [radius * cos(theta), radius * sin(theta)]
      return (p, Fixtures.model(rows, g, p))
    }
    let count = 400_000
    var bestAngle = 0.0
    var bestCircle = onCircle(0)
    for k in 1..<count {
      let theta = 2 * Double.pi * Double(k) / Double(count)
      let candidate = onCircle(theta)
      if candidate.m < bestCircle.m { (bestCircle, bestAngle) = (candidate, theta) }
    }
    var (low, high) = (
      bestAngle - 2 * Double.pi / Double(count), bestAngle + 2 * Double.pi / Double(count)
    )
    for _ in 0..<100 {
      let third = (high - low) / 3
      if onCircle(low + third).m < onCircle(high - third).m { high -= third } else { low += third }
    }
    let refined = onCircle(0.5 * (low + high))
    if refined.m < bestCircle.m { bestCircle = refined }
    return bestCircle.m < best.m ? bestCircle : best
  }

  @Test(arguments: [
    // Convex, Newton step inside: interior.
    ([[2.0, 0.5], [0.5, 1.0]], [1.0, -1.0], 5.0, false),
    // Convex, Newton step outside: boundary.
    ([[2.0, 0.5], [0.5, 1.0]], [1.0, -1.0], 0.3, true),
    // Indefinite: always the boundary.
    ([[1.0, 3.0], [3.0, -2.0]], [0.3, 0.7], 1.5, true),
    // Negative definite with a small gradient.
    ([[-1.0, 0.2], [0.2, -4.0]], [1e-3, 0.0], 0.7, true),
    // Nearly the hard case: g almost orthogonal to the eigenvector of λ₁ = −2.
    ([[-2.0, 0.0], [0.0, 1.0]], [1e-7, 1.0], 2.0, true),
  ])
  func exactSolverMatchesBruteForceIn2D(
    rows: [[Double]], g: [Double], radius: Double, boundary: Bool
  ) throws {
    let solution = try exact(rows, g, radius: radius)
    let (p, m) = bruteForce(rows, g, radius: radius)
    let model = Fixtures.model(rows, g, solution.step)
    #expect(solution.onBoundary == boundary)
    // The brute-force minimum is refined to rounding on a smooth function of one angle: the
    // model values agree to a few ulps of the terms (‖g‖Δ + ‖H‖Δ² ≤ 50 here).
    #expect(abs(model - m) <= 1e-12 * 50, "exact m = \(model), brute force m = \(m)")
    // The step: the minimizer is unique in each case; near the minimum m varies
    // quadratically in the angle, so 1e-12 in m means about 1e-6 in the angle.
    expectClose(solution.step, p, atol: 1e-5 * radius, "step")
    // predictedReduction is −m(p), computed in the eigenbasis.
    #expect(abs(solution.predictedReduction + model) <= 1e-13 * 50)
    #expect(Vectors.norm(solution.step) <= radius * (1 + 1e-12))
  }

  @Test func exactSolverHardCaseHasTheClosedForm() throws {
    // H = diag(−2, 1), g = (0, 1), Δ = 2: g ⟂ v₁ = e₁ and ‖p(2)‖ = |−1/(1 + 2)| = 1/3 < Δ,
    // so p = (±τ, −1/3) with τ = √(4 − 1/9), m = −1/3 + ½(−2τ² + 1/9).
    let solution = try exact([[-2, 0], [0, 1]], [0, 1], radius: 2)
    let tau = (4 - 1.0 / 9).squareRoot()
    #expect(solution.negativeCurvature)
    #expect(solution.onBoundary)
    #expect(solution.multiplier == 2)
    // Closed form against an eigenbasis computation: a few ulps.
    expectClose([abs(solution.step[0]), solution.step[1]], [tau, -1.0 / 3], rtol: 1e-14)
    let m = -1.0 / 3 + 0.5 * (-2 * tau * tau + 1.0 / 9)
    #expect(abs(solution.predictedReduction + m) <= 1e-14 * abs(m))
  }

  @Test func exactSolverAtASaddleStepsAlongTheNegativeCurvature() throws {
    // (1 − w1·w2)² at the origin: g = 0, H = [[0, −2], [−2, 0]], eigenvalues ±2 with
    // v₁ = (1, 1)/√2: the solution is Δ·v₁ (or −Δ·v₁), m = −½·2·Δ² = −Δ².
    let solution = try exact([[0, -2], [-2, 0]], [0, 0], radius: 0.5)
    let s = 0.5 / 2.0.squareRoot()
    expectClose(solution.step, [s, s], rtol: 1e-15, "Δ·v₁ to rounding")
    #expect(abs(solution.predictedReduction - 0.25) <= 1e-15)
    #expect(solution.negativeCurvature)
  }

  @Test func exactSolverOnASingularConvexModelTakesTheMinimumNormStep() throws {
    // (x + y)²: H = [[2, 2], [2, 2]] (eigenvalues 0 and 4), g = (2, 2) ⟂ the null space:
    // every p with p₁ + p₂ = −1 is optimal; the minimum-norm one is (−½, −½), interior.
    let solution = try exact([[2, 2], [2, 2]], [2, 2], radius: 1)
    expectClose(solution.step, [-0.5, -0.5], rtol: 1e-14, "rounding in the eigenbasis")
    #expect(!solution.onBoundary)
  }

  @Test(arguments: NewtonFamilyFixtures.subproblems)
  func exactSolverMatchesTheSecularEquationSolvedByBrent(_ c: NewtonFamilyFixtures.Subproblem)
    throws
  {
    let solution = try exact(c.hessian, c.gradient, radius: c.radius)
    let model = Fixtures.model(c.hessian, c.gradient, solution.step)
    #expect(solution.onBoundary == c.onBoundary)
    // Both solve ‖p(λ)‖ = Δ to ~1e-15 in λ (Brent, xtol 1e-15) or 1e-12 in ‖p‖ (ours); the
    // eigenvalues here are O(1) and well separated from −λ, so p agrees to ~1e-12 relative.
    expectClose(solution.step, c.step, rtol: 1e-10, atol: 1e-12, "step against Brent")
    #expect(abs(model - c.model) <= 1e-10 * abs(c.model), "ours \(model), reference \(c.model)")
    #expect(Vectors.norm(solution.step) <= c.radius * (1 + 1e-12))
  }

  @Test func steihaugAgreesWithTheExactSolverOnAConvexInteriorProblem() throws {
    // A seeded SPD 6×6 matrix (BᵀB + 6I) and a radius far beyond the Newton step.
    let quadratic = SeededQuadratic(n: 6, seed: 7)
    let g = quadratic.b
    let eigen = try SymmetricEigendecomposition(Fixtures.matrix(quadratic.a))
    let exact = TrustRegionExact.solve(gradient: g, eigen: eigen, radius: 100)
    let cg = TrustRegionSteihaug.solve(gradient: g, radius: 100, maxIterations: 100) {
      quadratic.times($0)
    }
    #expect(!exact.onBoundary && !cg.onBoundary && !cg.negativeCurvature)
    // CG stops when ‖Hp + g‖ ≤ ε = min(0.5, √‖g‖)·‖g‖, so ‖p − p*‖ ≤ ε/λ₁ (λ₁ ≥ 6).
    let epsilon = min(0.5, Vectors.norm(g).squareRoot()) * Vectors.norm(g)
    let residual = zip(quadratic.times(cg.step), g).map { $0 + $1 }
    #expect(Vectors.norm(residual) <= epsilon)
    let bound = epsilon / eigen.eigenvalues[0]
    #expect(Vectors.norm(Vectors.difference(cg.step, exact.step)) <= bound)
    // With a tiny gradient the forcing term ‖g‖^1.5 is tiny too and CG runs to its finite
    // termination: ‖p − p*‖/‖p*‖ ≤ κ(A)·√‖g‖ ≈ 3·1e-8, plus rounding.
    let small = g.map { 1e-16 * $0 }
    let exactSmall = TrustRegionExact.solve(gradient: small, eigen: eigen, radius: 100)
    let cgSmall = TrustRegionSteihaug.solve(gradient: small, radius: 100, maxIterations: 100) {
      quadratic.times($0)
    }
    let error = Vectors.norm(Vectors.difference(cgSmall.step, exactSmall.step))
    #expect(error <= 1e-6 * Vectors.norm(exactSmall.step), "‖Δp‖ = \(error)")
    // The model decrease of the CG point, tracked without an extra product, is exact.
    let m = Fixtures.model(quadratic.a, g, cg.step)
    #expect(abs(cg.predictedReduction + m) <= 1e-12 * abs(m))
  }

  @Test func steihaugStopsOnTheBoundaryAtNegativeCurvature() throws {
    // Indefinite 3×3, J − I with eigenvalues −1, −1, 2, and g with parts along all three.
    let rows: [[Double]] = [[0, 1, 1], [1, 0, 1], [1, 1, 0]]
    let g = [0.3, -0.2, 0.5]
    for radius in [0.1, 1.0, 10.0] {
      let cg = TrustRegionSteihaug.solve(gradient: g, radius: radius, maxIterations: 30) {
        Fixtures.times(rows, $0)
      }
      #expect(cg.onBoundary)
      #expect(abs(Vectors.norm(cg.step) - radius) <= 1e-12 * radius, "‖p‖ = Δ = \(radius)")
      let m = Fixtures.model(rows, g, cg.step)
      #expect(abs(cg.predictedReduction + m) <= 1e-12 * max(1, abs(m)))
      // At least the Cauchy decrease (N&W Theorem 7.3 / §4.1): gᵀHg here is
      // 2(0.3·(−0.2) + 0.3·0.5 − 0.2·0.5) = −0.02 ≤ 0, so the Cauchy point is −Δ·g/‖g‖.
      let cauchy = g.map { -radius * $0 / Vectors.norm(g) }
      let cauchyModel = Fixtures.model(rows, g, cauchy)
      #expect(m <= cauchyModel + 1e-14 * abs(cauchyModel))
      // And never below the true minimum over the ball.
      let best = try exact(rows, g, radius: radius)
      #expect(m >= -best.predictedReduction - 1e-12 * best.predictedReduction)
    }
  }
}
