import Testing

@testable import Descent

@Suite struct CriticalPointTests {
  func analyze(_ formula: String, at point: [Double], gtol: Double = 1e-6, eigTol: Double = 1e-8)
    throws -> CriticalPointAnalysis
  {
    try CriticalPointAnalysis(
      of: Formula(formula).objective, at: point, gradientTolerance: gtol,
      eigenvalueTolerance: eigTol)
  }

  @Test func theLecturesSaddle() throws {
    let a = try analyze("(1 - w1*w2)^2", at: [0, 0])
    #expect(a.kind == .saddlePoint)
    #expect(a.eigenvalues == [-2, 2])
    #expect(a.escapeCurvature == -2)
    let s = 1 / 2.0.squareRoot()
    // LAPACK returns the unit vector to the last bit here; 1e-15 allows one rounding.
    expectClose(try #require(a.escapeDirection), [s, s], atol: 1e-15)
    #expect(a.predictedChange(step: 1) == -1)
    #expect(a.predictedChange(step: 3) == -9)
  }

  /// Following the escape direction lowers the loss, as the quadratic model predicts to
  /// second order: f(x + su) − f(x) = ½λs² + O(s³).
  @Test func stepAlongTheEscapeDirectionDescends() throws {
    let objective = try Formula("(1 - w1*w2)^2").objective
    let a = try CriticalPointAnalysis(of: objective, at: [0, 0])
    let u = try #require(a.escapeDirection)
    for s in [0.1, 0.01] {
      let moved = try objective.value(at: [s * u[0], s * u[1]])
      let predicted = a.value + a.predictedChange(step: s)!
      #expect(moved < a.value)
      // The exact change is −s² + s⁴/4: the model is off by s⁴/4.
      #expect(Swift.abs(moved - predicted) <= s * s * s * s / 4 + 1e-15)
    }
  }

  @Test(arguments: [
    ("(1-x)^2 + 100*(y-x^2)^2", [1.0, 1.0], CriticalPointKind.localMinimum),
    ("-x^2 - y^2", [0.0, 0.0], .localMaximum),
    ("x^2 - y^2", [0.0, 0.0], .saddlePoint),
    ("x^2 + y^4", [0.0, 0.0], .degenerate),
    ("x^3", [0.0], .degenerate),
    ("x^2 + y^2", [1.0, 0.0], .notCritical),
    ("x^2 - y^2 + z^2", [0.0, 0.0, 0.0], .saddlePoint),
  ])
  func classification(_ formula: String, _ point: [Double], _ kind: CriticalPointKind) throws {
    let a = try analyze(formula, at: point)
    #expect(a.kind == kind)
    #expect((a.escapeDirection != nil) == (kind == .saddlePoint))
    #expect((a.escapeCurvature != nil) == (kind == .saddlePoint))
  }

  @Test func toleranceIsRelativeToTheLargestEigenvalue() throws {
    // Eigenvalues 1e-3 and 2e6: with eig-tol 1e-8 the threshold is 2e-2, so 1e-3 counts as 0.
    let a = try analyze("0.0005*x^2 + 1e6*y^2", at: [0, 0])
    #expect(a.kind == .degenerate)
    #expect(a.eigenvalueThreshold == 1e-8 * 2e6)
    // With a tighter tolerance it is a minimum.
    #expect(try analyze("0.0005*x^2 + 1e6*y^2", at: [0, 0], eigTol: 1e-12).kind == .localMinimum)
  }

  @Test func gradientToleranceUsesTheInfinityNorm() throws {
    // ∇f = (2e-7·…): at x = 1e-7, ∂f/∂x = 2e-7 ≤ 1e-6 → critical.
    #expect(try analyze("x^2", at: [1e-7]).kind == .localMinimum)
    #expect(try analyze("x^2", at: [1e-7], gtol: 1e-8).kind == .notCritical)
  }

  @Test func mostNegativeEigenvalueIsTheEscape() throws {
    let a = try analyze("-3*x^2 - y^2 + z^2", at: [0, 0, 0])
    #expect(a.escapeCurvature == -6)
    #expect(a.escapeDirection == [1, 0, 0])
  }

  @Test func nonFiniteHessianIsAnError() throws {
    let h = try Tensor(shape: [2, 2], scalars: [1, .nan, .nan, 1])
    #expect(throws: LinearAlgebraError.nonFinite) {
      try CriticalPointAnalysis(point: [0, 0], value: 0, gradient: [0, 0], hessian: h)
    }
  }
}
