/// The Hessian made positive definite by adding a multiple of the identity: Nocedal &
/// Wright's Algorithm 3.3 (Cholesky with added multiple of the identity).
///
/// ```
/// τ₀ = 0 if minᵢ aᵢᵢ > 0, else −minᵢ aᵢᵢ + β
/// try A + τₖI = LLᵀ; on failure τₖ₊₁ = max(2τₖ, β)
/// ```
///
/// with β = 10⁻³ (N&W's heuristic value, for a well-scaled problem). Each failed attempt
/// costs one Cholesky factorization; at most ``maxAttempts`` are made.
///
/// ## References
/// - J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., 2006, Algorithm 3.3.
enum NewtonHessianModification {
  /// N&W's β.
  static let beta = 1e-3
  /// τ doubles from β at most this often (β·2¹⁰⁰⁰ exceeds any finite Double).
  static let maxAttempts = 1100

  /// The Cholesky factor of A + τI and the shift τ ≥ 0 that made it positive definite, or nil
  /// when A is not finite or no τ tried succeeded.
  static func factor(_ a: Tensor) -> (factor: Tensor, shift: Double)? {
    guard a.isFinite, a.rank == 2, a.shape[0] == a.shape[1] else { return nil }
    let n = a.shape[0]
    let scalars = a.scalars
    let smallestDiagonal = (0..<n).map { scalars[$0 * n + $0] }.min() ?? 0
    var tau = smallestDiagonal > 0 ? 0 : -smallestDiagonal + beta
    for _ in 0..<maxAttempts {
      guard tau.isFinite else { return nil }
      if let factor = try? Matrices.shifted(a, by: tau).cholesky() { return (factor, tau) }
      tau = Swift.max(2 * tau, beta)
    }
    return nil
  }
}

/// Small dense-matrix helpers for the Newton methods.
enum Matrices {
  /// A + τI for a square A.
  static func shifted(_ a: Tensor, by tau: Double) -> Tensor {
    if tau == 0 { return a }
    let n = a.shape[0]
    var scalars = a.scalars
    for i in 0..<n { scalars[i * n + i] += tau }
    return Tensor(uncheckedShape: [n, n], storage: scalars)
  }
}
