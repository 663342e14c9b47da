/// The trust-region subproblem solved approximately by Steihaug's truncated conjugate
/// gradients, with Hessian-vector products only.
///
/// CG on Hp = −g from p = 0 (Nocedal & Wright, Algorithm 7.2), with rⱼ = g + H·zⱼ:
///
/// ```
/// z₀ = 0, r₀ = g, d₀ = −g
/// if dⱼᵀHdⱼ ≤ 0:          stop at the point of ‖zⱼ + τdⱼ‖ = Δ with the lower model value
/// αⱼ = rⱼᵀrⱼ / dⱼᵀHdⱼ,  zⱼ₊₁ = zⱼ + αⱼdⱼ
/// if ‖zⱼ₊₁‖ ≥ Δ:          stop at τ ≥ 0 with ‖zⱼ + τdⱼ‖ = Δ
/// rⱼ₊₁ = rⱼ + αⱼHdⱼ;      stop if ‖rⱼ₊₁‖ ≤ ε
/// dⱼ₊₁ = −rⱼ₊₁ + (rⱼ₊₁ᵀrⱼ₊₁ / rⱼᵀrⱼ)·dⱼ
/// ```
///
/// The forcing tolerance is ε = min(0.5, √‖g‖)·‖g‖ (N&W eq. 7.3 with superlinear forcing, as
/// SciPy's `trust-ncg`), at most `maxIterations` products. The model value needs no extra
/// product: with Hz = r − g, m(z) = ½(gᵀz + rᵀz). Because every iterate's norm grows
/// (N&W Theorem 7.3), the first crossing of the boundary is the answer.
///
/// Where the model is convex and the Newton step lies inside the region, the result is the
/// exact solution up to ε; at a point where g = 0 it is p = 0, even at a saddle (the exact
/// solver, by eigenvectors, is the one that escapes).
///
/// ## References
/// - T. Steihaug, "The conjugate gradient method and trust regions in large scale
///   optimization", SIAM J. Numer. Anal. 20(3), 626–637, 1983.
/// - J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., 2006, Algorithm 7.2.
enum TrustRegionSteihaug {
  /// Solves the subproblem for the gradient `g` and H given by `product` (H·v), within
  /// `radius`, with at most `maxIterations` products.
  static func solve(
    gradient g: [Double], radius: Double, maxIterations: Int,
    product: ([Double]) throws -> [Double]
  ) rethrows -> TrustRegionStep {
    precondition(radius > 0, "TrustRegionSteihaug: radius = \(radius) must be positive")
    let n = g.count
    let gNorm = Vectors.norm(g)
    let tolerance = Swift.min(0.5, gNorm.squareRoot()) * gNorm
    var z = [Double](repeating: 0, count: n)
    var r = g
    var d = g.map { -$0 }
    var rr = Vectors.dot(r, r)

    func model(_ p: [Double], residual: [Double]) -> Double {
      0.5 * (Vectors.dot(g, p) + Vectors.dot(residual, p))
    }
    func finish(_ p: [Double], residual: [Double], boundary: Bool, negative: Bool, iterations: Int)
      -> TrustRegionStep
    {
      TrustRegionStep(
        step: p, predictedReduction: -model(p, residual: residual), onBoundary: boundary,
        negativeCurvature: negative, multiplier: nil, iterations: iterations)
    }
    // The steps τ with ‖z + τd‖ = Δ, smaller first.
    func crossings() -> (Double, Double) {
      let a = Vectors.dot(d, d)
      let b = Vectors.dot(z, d)
      let c = Vectors.dot(z, z) - radius * radius
      let root = Swift.abs(b * b - a * c).squareRoot()
      // Written to avoid cancellation: τ₊ = −c/(b + root) when b ≥ 0.
      let upper = b >= 0 ? -c / (b + root) : (root - b) / a
      let lower = b >= 0 ? -(b + root) / a : c / (root - b)
      return (lower, upper)
    }

    if gNorm == 0 {
      return finish(z, residual: r, boundary: false, negative: false, iterations: 0)
    }
    var iterations = 0
    while iterations < maxIterations {
      let hd = try product(d)
      iterations += 1
      let curvature = Vectors.dot(d, hd)
      if !(curvature > 0) {
        // Negative curvature: both boundary points; keep the one with the lower model.
        let (lower, upper) = crossings()
        var best: TrustRegionStep?
        for tau in [lower, upper] where tau.isFinite {
          let p = zip(z, d).map { $0 + tau * $1 }
          let residual = zip(r, hd).map { $0 + tau * $1 }
          let step = finish(
            p, residual: residual, boundary: true, negative: true, iterations: iterations)
          if best == nil || step.predictedReduction > best!.predictedReduction { best = step }
        }
        if let best { return best }
        return finish(z, residual: r, boundary: false, negative: true, iterations: iterations)
      }
      let alpha = rr / curvature
      let next = zip(z, d).map { $0 + alpha * $1 }
      if Vectors.norm(next) >= radius {
        let tau = crossings().1
        let p = zip(z, d).map { $0 + tau * $1 }
        let residual = zip(r, hd).map { $0 + tau * $1 }
        return finish(
          p, residual: residual, boundary: true, negative: false, iterations: iterations)
      }
      z = next
      for i in 0..<n { r[i] += alpha * hd[i] }
      let rrNext = Vectors.dot(r, r)
      if rrNext.squareRoot() <= tolerance { break }
      let beta = rrNext / rr
      rr = rrNext
      for i in 0..<n { d[i] = -r[i] + beta * d[i] }
    }
    return finish(z, residual: r, boundary: false, negative: false, iterations: iterations)
  }
}
