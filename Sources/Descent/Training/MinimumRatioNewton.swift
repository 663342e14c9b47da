/// Levenberg–Marquardt on the system ∇L(θ) = 0 (its Jacobian is the Hessian): the polish
/// that takes a point near a critical point — of any kind — down to the gradient threshold.
///
/// ```
/// H = ∑ λᵢuᵢuᵢᵀ                                     (dsyevd, at the current θ)
/// δ(μ) = −(H² + μI)⁻¹·H·∇L = −∑ λᵢ(uᵢᵀ∇L)/(λᵢ² + μ)·uᵢ
/// accept θ + δ(μ) if ‖∇L(θ + δ)‖₂ < ‖∇L(θ)‖₂, then μ ← μ/3; otherwise μ ← 4μ and retry
/// μ₀ = 1e-6·max λᵢ²
/// ```
///
/// μ → 0 is Newton's method for ∇L = 0 with the pseudo-inverse (quadratic convergence at a
/// non-degenerate critical point, whatever the signs of the eigenvalues: it does not prefer
/// minima); a large μ is a short step along −H·∇L = −∇(½‖∇L‖²). Near-zero eigenvalues
/// (flat directions) get no huge steps, which is what stalls plain Newton on the
/// near-degenerate critical points of small networks.
///
/// ## References
///
/// J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed. (2006), §10.3
/// (Levenberg–Marquardt) and §11.1 (Newton's method for nonlinear equations).
enum LevenbergMarquardtPolish {
  /// At most `iterations` Hessians from `theta`, stopping once ‖∇L‖₂ ≤ `target` or when no
  /// step lowers ‖∇L‖₂ (μ beyond 1e12·max λ²). Returns the point with the smallest gradient
  /// norm seen and the steps accepted.
  static func polish(
    _ objective: some TwiceDifferentiableObjective, from theta: [Double], target: Double,
    iterations: Int
  ) throws -> (point: [Double], steps: Int) {
    var point = theta
    var gradient = try objective.valueAndGradient(at: point).gradient
    var norm = Vectors.norm(gradient)
    var steps = 0
    var mu: Double?
    var round = 0
    while round < iterations && norm > target && norm.isFinite {
      round += 1
      let hessian = try objective.valueGradientAndHessian(at: point).hessian
      guard hessian.scalars.allSatisfy(\.isFinite),
        let eigen = try? SymmetricEigendecomposition(hessian)
      else { break }
      let scale = eigen.eigenvalues.map { $0 * $0 }.max() ?? 0
      guard scale > 0 else { break }
      var damping = mu ?? 1e-6 * scale
      let projections = eigen.eigenvectors.map { Vectors.dot($0, gradient) }
      var accepted = false
      while damping <= 1e12 * scale {
        var trial = point
        for (k, lambda) in eigen.eigenvalues.enumerated() {
          let coefficient = -lambda * projections[k] / (lambda * lambda + damping)
          let u = eigen.eigenvectors[k]
          for i in trial.indices { trial[i] += coefficient * u[i] }
        }
        let (value, g) = try objective.valueAndGradient(at: trial)
        let trialNorm = Vectors.norm(g)
        if value.isFinite && trialNorm < norm {
          (point, gradient, norm, accepted) = (trial, g, trialNorm, true)
          damping /= 3
          break
        }
        damping *= 4
      }
      mu = damping
      guard accepted else { break }
      steps += 1
    }
    return (point, steps)
  }
}
