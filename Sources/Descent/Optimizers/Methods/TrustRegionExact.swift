/// A step that (approximately) solves the trust-region subproblem, with what the radius update
/// needs to know about it.
struct TrustRegionStep: Equatable, Sendable {
  /// p.
  var step: [Double]
  /// The model decrease −m(p) = −(gᵀp + ½pᵀHp), ≥ 0.
  var predictedReduction: Double
  /// Whether ‖p‖ = Δ (up to the solver's tolerance).
  var onBoundary: Bool
  /// Whether the exact solver met the hard case, or Steihaug-CG met negative curvature.
  var negativeCurvature: Bool
  /// The multiplier λ ≥ 0 of the exact solution (H + λI)p = −g; nil for Steihaug-CG.
  var multiplier: Double?
  /// Conjugate-gradient iterations (Hessian-vector products); 0 for the exact solver.
  var iterations: Int
}

/// The trust-region subproblem solved exactly (to rounding) from the eigendecomposition of H.
///
/// ```
/// minimize m(p) = gᵀp + ½pᵀHp   subject to ‖p‖ ≤ Δ
/// ```
///
/// With H = Σ λᵢvᵢvᵢᵀ (λ₁ ≤ … ≤ λₙ) and cᵢ = vᵢᵀg, the solution is
/// p(λ) = −Σ cᵢ/(λᵢ + λ)·vᵢ for the λ ≥ max(0, −λ₁) with λ·(Δ − ‖p‖) = 0 (Nocedal & Wright,
/// Theorem 4.1):
/// - interior: λ₁ > 0 and ‖p(0)‖ ≤ Δ, then λ = 0 (the Newton step);
/// - boundary: λ is the root of the secular equation 1/‖p(λ)‖ − 1/Δ = 0 on (−λ₁, ∞), found by
///   Newton's method on that nearly linear function (N&W eq. 4.43, Algorithm 4.3) in the
///   shift σ = λ + λ₁ (so that λᵢ + λ = (λᵢ − λ₁) + σ stays accurate near the hard case),
///   safeguarded by the bracket max(0, λ₁, maxᵢ(|cᵢ|/Δ − (λᵢ − λ₁))) ≤ σ ≤ ‖g‖/Δ (the ends
///   follow from ‖p‖ ≥ |cᵢ|/(λᵢ + λ) and ‖p‖ ≤ ‖g‖/(λ₁ + λ)) and bisection when a Newton step
///   leaves it, until |‖p‖ − Δ| ≤ 1e-12·Δ;
/// - hard case: λ₁ < 0, g has no component along the eigenvectors of λ₁ (|cᵢ| ≤ 1e-10·‖g‖)
///   and ‖p(−λ₁)‖ ≤ Δ over the other components: then p = p(−λ₁) + τ·v₁ with
///   τ² = Δ² − ‖p(−λ₁)‖² (N&W eq. 4.45). At a saddle with g = 0 this is Δ·v₁: the step
///   along the direction of most negative curvature. When λ₁ = 0 instead (H singular and
///   positive semidefinite, g orthogonal to its null space) the minimum-norm step p(0) is
///   returned as an interior solution.
///
/// Working in the eigenbasis makes each trial λ cost O(n), after one O(n³) decomposition,
/// and the hard case explicit. Optim.jl's `NewtonTrustRegion` and SciPy's `trust-exact`
/// solve the same problem by Cholesky factorizations of H + λI instead.
///
/// ## References
/// - J. J. Moré and D. C. Sorensen, "Computing a trust region step", SIAM J. Sci. Stat.
///   Comput. 4(3), 553–572, 1983.
/// - J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., 2006, §4.3.
enum TrustRegionExact {
  /// The relative size below which a component cᵢ of g counts as zero (the hard case).
  static let hardCaseTolerance = 1e-10
  /// The relative accuracy of ‖p‖ = Δ at which the root finding stops.
  static let radiusTolerance = 1e-12

  /// Solves the subproblem for the gradient `g`, the decomposition `eigen` of H and the
  /// radius `radius`.
  static func solve(
    gradient g: [Double], eigen: SymmetricEigendecomposition, radius: Double
  ) -> TrustRegionStep {
    precondition(radius > 0, "TrustRegionExact: radius = \(radius) must be positive")
    let values = eigen.eigenvalues
    let vectors = eigen.eigenvectors
    let n = values.count
    precondition(g.count == n, "TrustRegionExact: \(g.count) gradient entries for n = \(n)")
    let c = vectors.map { Vectors.dot($0, g) }
    let gNorm = Vectors.norm(g)
    let lowest = values.first ?? 0
    let highest = values.last ?? 0

    // Coefficients q of p in the eigenbasis for a multiplier λ; a zero cᵢ gives a zero qᵢ even
    // where λᵢ + λ = 0.
    func coefficients(_ lambda: Double) -> [Double] {
      (0..<n).map { c[$0] == 0 ? 0 : -c[$0] / (values[$0] + lambda) }
    }
    func result(_ q: [Double], boundary: Bool, hard: Bool, lambda: Double) -> TrustRegionStep {
      var p = [Double](repeating: 0, count: n)
      var model = 0.0
      for i in 0..<n {
        model += c[i] * q[i] + 0.5 * values[i] * q[i] * q[i]
        for j in 0..<n { p[j] += q[i] * vectors[i][j] }
      }
      return TrustRegionStep(
        step: p, predictedReduction: -model, onBoundary: boundary, negativeCurvature: hard,
        multiplier: lambda, iterations: 0)
    }

    if lowest > 0 {
      let q = coefficients(0)
      if Vectors.norm(q) <= radius { return result(q, boundary: false, hard: false, lambda: 0) }
    }
    if gNorm == 0 && lowest >= 0 {
      return result(c.map { _ in 0 }, boundary: false, hard: false, lambda: 0)
    }

    // The hard case: every eigenvector of λ₁ orthogonal to g, and the rest of p short.
    let spread = hardCaseTolerance * Swift.max(Swift.abs(lowest), Swift.abs(highest), 1e-300)
    let lowIndices = (0..<n).filter { values[$0] - lowest <= spread }
    if lowest <= 0, lowIndices.allSatisfy({ Swift.abs(c[$0]) <= hardCaseTolerance * gNorm }) {
      var q = (0..<n).map { i in lowIndices.contains(i) ? 0 : -c[i] / (values[i] - lowest) }
      let rest = Vectors.dot(q, q)
      // λ₁ = 0 (to rounding): the minimum-norm Newton step is optimal and interior.
      if lowest >= -spread, rest <= radius * radius {
        return result(q, boundary: false, hard: false, lambda: 0)
      }
      if rest <= radius * radius {
        let first = lowIndices[0]
        let tau = Swift.abs(radius * radius - rest).squareRoot()
        // Either sign solves the subproblem when c₁ = 0; take the one that does not climb.
        q[first] = c[first] > 0 ? -tau : tau
        return result(q, boundary: true, hard: true, lambda: -lowest)
      }
    }

    // The boundary: the root of ψ = 1/‖p‖ − 1/Δ, increasing and concave, in the shift
    // σ = λ + λ₁ > 0, so that λᵢ + λ = (λᵢ − λ₁) + σ keeps its relative accuracy when λ is
    // close to −λ₁ (the nearly hard case).
    let gaps = values.map { $0 - lowest }
    func shifted(_ sigma: Double) -> [Double] {
      (0..<n).map { c[$0] == 0 ? 0 : -c[$0] / (gaps[$0] + sigma) }
    }
    var low = Swift.max(0, lowest)
    for i in 0..<n where c[i] != 0 { low = Swift.max(low, Swift.abs(c[i]) / radius - gaps[i]) }
    var high = Swift.max(low, gNorm / radius)
    var sigma = low
    var q = shifted(sigma)
    if !(sigma > 0) || !Vectors.norm(q).isFinite {
      sigma = 0.5 * (low + high)
      q = shifted(sigma)
    }
    for _ in 0..<100 {
      let norm = Vectors.norm(q)
      let psi = 1 / norm - 1 / radius
      if Swift.abs(norm - radius) <= radiusTolerance * radius { break }
      if psi < 0 { low = sigma } else { high = sigma }
      // ψ′ = ‖p‖⁻³·Σ qᵢ²/(λᵢ − λ₁ + σ).
      var derivative = 0.0
      for i in 0..<n where q[i] != 0 { derivative += q[i] * q[i] / (gaps[i] + sigma) }
      derivative /= norm * norm * norm
      var next = sigma - psi / derivative
      if !(next > low && next < high) || !next.isFinite { next = 0.5 * (low + high) }
      if next == sigma || high - low <= 4 * high.ulp { break }
      sigma = next
      q = shifted(sigma)
    }
    let lambda = Swift.max(0, sigma - lowest)
    return result(q, boundary: true, hard: false, lambda: lambda)
  }
}
