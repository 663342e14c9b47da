import Foundation
import Testing

@testable import Descent

/// `Tensor.leastSquares` (LAPACK `dgelsd`), the linear solve under Gauss–Newton and
/// Levenberg–Marquardt.
@Suite struct GaussNewtonLeastSquaresTests {
  /// Over-determined, full rank: the normal equations (LU) give the same x; the singular
  /// values are the square roots of AᵀA's eigenvalues (dsyevd). Tolerances: AᵀA squares
  /// the condition number (≈ 10 here), about 1e-13 lost; 1e-10 leaves room.
  @Test func overdeterminedAgreesWithTheNormalEquations() throws {
    let problem = SeededLinearResiduals(m: 8, n: 4, seed: 3)
    let solution = try problem.a.leastSquares(problem.b)
    #expect(solution.rank == 4)
    expectClose(solution.solution, try problem.normalEquationsSolution(), rtol: 1e-10)
    let ata = try Tensor.matmul(problem.a, problem.a, transposeA: true)
    let eigenvalues = try SymmetricEigendecomposition(ata, computeEigenvectors: false)
      .eigenvalues.reversed().map { $0.squareRoot() }
    expectClose(solution.singularValues, Array(eigenvalues), rtol: 1e-10)
  }

  /// Under-determined: x₁ + x₂ = 2 has the minimum-norm solution (1, 1) (closed form
  /// x = Aᵀ(AAᵀ)⁻¹b), to rounding.
  @Test func underdeterminedGivesTheMinimumNormSolution() throws {
    let a = try Tensor(shape: [1, 2], scalars: [1, 1])
    let solution = try a.leastSquares([2])
    #expect(solution.rank == 1)
    expectClose(solution.solution, [1, 1], rtol: 1e-14)
  }

  /// Rank-deficient: two equal columns give rank 1 and the minimum-norm split (x, x);
  /// [[1, 1], [1, 1]]·x ≈ (1, 3) is solved by x₁ + x₂ = 2 (the mean), minimum norm (1, 1).
  @Test func rankDeficientReportsTheRankAndSplitsEvenly() throws {
    let a = try Tensor(shape: [2, 2], scalars: [1, 1, 1, 1])
    let solution = try a.leastSquares([1, 3])
    #expect(solution.rank == 1)
    expectClose(solution.solution, [1, 1], rtol: 1e-14)
  }

  @Test func badShapesAndValuesThrow() throws {
    let a = try Tensor(shape: [2, 2], scalars: [1, 0, 0, 1])
    #expect(throws: ShapeError.self) { try a.leastSquares([1, 2, 3]) }
    #expect(throws: ShapeError.self) { try Tensor([1, 2]).leastSquares([1, 2]) }
    #expect(throws: LinearAlgebraError.nonFinite) { try a.leastSquares([1, .nan]) }
  }
}
