/// A failure of a dense linear-algebra routine, with LAPACK's diagnosis in words.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The matrix is not square (its shape is given).
  case notSquare([Int])
  /// Cholesky failed: the leading minor of this order (1-based) is not positive.
  case notPositiveDefinite(minor: Int)
  /// The matrix is exactly singular: pivot `pivot` (1-based) is zero.
  case singular(pivot: Int)
  /// The matrix holds NaN or ±∞.
  case nonFinite
  /// The eigenvalue iteration did not converge (LAPACK `info` > 0).
  case noConvergence(info: Int)

  public var description: String {
    switch self {
    case .notSquare(let s): "expected a square matrix, got shape \(s)"
    case .notPositiveDefinite(let k):
      "matrix is not positive definite: leading minor of order \(k) is not positive"
    case .singular(let p): "matrix is singular: pivot \(p) is zero"
    case .nonFinite: "matrix holds NaN or infinite entries"
    case .noConvergence(let info): "eigenvalue iteration did not converge (LAPACK info \(info))"
    }
  }
}
