import Testing

@testable import Descent

/// A seeded linear least-squares problem r(x) = A·x − b (A m×n uniform in [−1, 1]), with the
/// columns listed in `duplicate` copied from column 0 to make A rank-deficient.
struct SeededLinearResiduals {
  let a: Tensor
  let b: [Double]
  let objective: AutodiffResiduals

  init(m: Int = 8, n: Int = 4, seed: UInt64, duplicate: [Int] = []) {
    var generator = SeededGenerator(seed: seed)
    var rows = (0..<m).map { _ in (0..<n).map { _ in Double.random(in: -1...1, using: &generator) }
    }
    for i in 0..<m { for j in duplicate { rows[i][j] = rows[i][0] } }
    let b = (0..<m).map { _ in Double.random(in: -1...1, using: &generator) }
    let a = try! Tensor(shape: [m, n], scalars: rows.flatMap { $0 })
    self.a = a
    self.b = b
    objective = AutodiffResiduals(dimension: n, residualCount: m) { x in
      try matmul(Variable(a), x) - Variable(Tensor(b))
    }
  }

  /// The least-squares minimum ‖Ax − b‖² from the normal equations AᵀA·x = Aᵀb solved by
  /// LU (`dgesv`) — an independent route from the SVD the methods use (full rank only).
  func normalEquationsSolution() throws -> [Double] {
    let ata = try Tensor.matmul(a, a, transposeA: true)
    let atb = try Tensor.matmul(a, Tensor(b).reshaped([b.count, 1]), transposeA: true)
    return try Tensor.solve(ata, atb).scalars
  }
}

/// One variable, two residuals: r = (x + 1, λx² + x − 1) has its minimum at x* = 0 with
/// r(x*) = (1, −1) ≠ 0, and Gauss–Newton's iteration there is xₖ₊₁ = λxₖ + O(xₖ²) (Dennis &
/// Schnabel, *Numerical Methods for Unconstrained Optimization*, 1983, Example 10.2.5): linear
/// with rate λ. Without the constants, r = (x, λx² + x), the residual vanishes at x* = 0 and
/// the iteration is quadratic.
func dennisSchnabel(lambda: Double, zeroResidual: Bool) -> AutodiffResiduals {
  AutodiffResiduals(dimension: 1, residualCount: 2) { x in
    let shift = zeroResidual ? 0.0 : 1.0
    return try Variable.concatenate([x + shift, lambda * square(x) + x - shift])
  }
}

@Suite struct GaussNewtonTests {
  /// On a linear problem the Gauss–Newton model is exact: one step lands on the
  /// least-squares solution. Tolerance 1e-10: the normal equations square A's condition
  /// number (here ≈ 10), so they agree with the SVD to about 1e-13.
  @Test func solvesALinearProblemInOneStep() throws {
    let problem = SeededLinearResiduals(seed: 11)
    let (result, _) = try minimize(
      problem.objective, from: [3, -2, 1, 0.5], method: GaussNewton())
    #expect(result.iterations == 1)
    #expect(result.stopReason == .gradientTolerance)
    expectClose(result.x, try problem.normalEquationsSolution(), rtol: 1e-10, atol: 1e-12)
  }

  /// Two equal columns make JᵀJ singular; the minimum-norm step still reaches the minimum
  /// value, which the full-rank matrix of the first three columns (same column space) gives
  /// through its normal equations. Tolerance 1e-10 relative, as above.
  @Test func repairsARankDeficientJacobian() throws {
    let deficient = SeededLinearResiduals(seed: 5, duplicate: [3])
    let (result, _) = try minimize(deficient.objective, from: [1, 1, 1, 1], method: GaussNewton())
    #expect(result.stopReason == .gradientTolerance)
    #expect(try deficient.a.leastSquares(deficient.b).rank == 3)
    let columns = (0..<8).flatMap { i in deficient.a.scalars[(i * 4)..<(i * 4 + 3)] }
    let a = try Tensor(shape: [8, 3], scalars: columns)
    let ata = try Tensor.matmul(a, a, transposeA: true)
    let atb = try Tensor.matmul(a, Tensor(deficient.b).reshaped([8, 1]), transposeA: true)
    let x = try Tensor.solve(ata, atb).scalars
    let best = try deficient.objective.value(at: x + [0])
    expectClose([result.value], [best], rtol: 1e-10, "minimum value, rank-deficient J")
  }

  /// Nonzero residual: the error ratio xₖ₊₁/xₖ tends to λ (linear convergence); zero
  /// residual: |xₖ₊₁| ≤ 10·xₖ² (quadratic). Both read from the trace. The ratio is λ +
  /// O(xₖ), hence the 0.02 tolerance once |xₖ| < 1e-3.
  @Test func convergesLinearlyWithNonzeroResidualAndQuadraticallyWithZero() throws {
    var options = MinimizeOptions()
    options.gradientTolerance = 1e-14
    options.maxIterations = 60
    let lambda = 0.5
    let (linear, _) = try minimize(
      dennisSchnabel(lambda: lambda, zeroResidual: false), from: [0.5], method: GaussNewton(),
      options: options)
    let xs = linear.trace.map { $0.x[0] }
    let ratios = zip(xs.dropFirst(), xs).filter { Swift.abs($0.1) < 1e-3 && $0.1 != 0 }
      .map { $0.0 / $0.1 }
    #expect(ratios.count >= 5)
    for ratio in ratios.prefix(10) { #expect(Swift.abs(ratio - lambda) < 0.02, "ratio \(ratio)") }

    let (quadratic, _) = try minimize(
      dennisSchnabel(lambda: lambda, zeroResidual: true), from: [0.5], method: GaussNewton(),
      options: options)
    let zs = quadratic.trace.map { Swift.abs($0.x[0]) }
    #expect(quadratic.iterations <= 8)
    for (next, previous) in zip(zs.dropFirst(), zs) where previous < 0.1 && next > 0 {
      #expect(next <= 10 * previous * previous, "|x| \(previous) → \(next)")
    }
  }

  /// r = x² − 1 at x = 0: J = 0 (rank 0) and ∇f = 0 at a maximum of f = (x² − 1)². No
  /// Gauss–Newton direction exists; the step reports a singular JᵀJ rather than moving.
  @Test func reportsASingularJacobianBeyondRepair() throws {
    let objective = AutodiffResiduals(dimension: 1, residualCount: 1) { x in square(x) - 1 }
    let evaluator = ObjectiveEvaluator(objective)
    let start = Iterate(x: [0], value: 1, gradient: [0])
    let method = GaussNewton()
    var state = try method.initialState(at: start, evaluator: evaluator)
    #expect(state.model.jacobian == [0])
    guard
      case .stopped(let reason) = try method.step(from: start, state: &state, evaluator: evaluator)
    else {
      Issue.record("Gauss–Newton moved from a rank-0 Jacobian")
      return
    }
    #expect(reason == .singularHessian)
  }

  /// Evaluations: one r and J (counted g) per accepted point plus the start, one f per
  /// trial.
  @Test func countsOneJacobianPerIteration() throws {
    let problem = try MGH.problem(named: "rosenbrock")
    let (result, _) = try minimize(problem.objective, from: problem.start, method: GaussNewton())
    #expect(result.stopReason == .gradientTolerance)
    #expect(problem.isSolved(by: result.value))
    // + 2: the loop's gradient at the start and the method's r, J there.
    #expect(result.evaluations.g == result.iterations + 2)
    #expect(result.evaluations.f >= result.iterations)
  }
}
