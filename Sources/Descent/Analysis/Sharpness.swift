/// The sharpness λmax(∇²f(x)) of a point, and the learning-rate bound it implies.
///
/// Gradient descent θₜ₊₁ = θₜ − η·∇f(θₜ) on a quadratic f(θ) = ½θᵀHθ multiplies the component
/// along each eigenvector uᵢ of H by (1 − η·λᵢ) per step, so
///
/// ```
/// GD is stable  ⇔  |1 − η·λᵢ| < 1 for every λᵢ > 0  ⇔  η < 2/λmax
/// ```
///
/// (at η = 2/λmax the top component oscillates with constant amplitude; above, it grows
/// geometrically). On a non-quadratic loss the bound applies to the local quadratic model:
/// tracking λmax during training against 2/η shows "progressive sharpening" up to the edge of
/// stability (Cohen et al. 2021). λmax is found by ``Lanczos`` from Hessian-vector products
/// only (usually 10–40 of them; power iteration needs many more when λmax is close to λ₂).
///
/// ## References
/// - J. Cohen, S. Kaur, Y. Li, J. Z. Kolter, A. Talwalkar, *Gradient descent on neural
///   networks typically occurs at the edge of stability*, ICLR 2021, §2 and eq. (1).
/// - J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed. (2006), §3.3 (steepest
///   descent on a quadratic).
public enum Sharpness {
  /// λmax of a symmetric H from its products: the largest Ritz value once its residual is
  /// below `tolerance`·max|θ| (see ``Lanczos/extremeEigenpairs(dimension:largest:smallest:tolerance:maxSteps:computeVectors:seed:product:)``).
  /// - Returns: the value, its residual bound, the products used and whether it converged.
  public static func topEigenvalue(
    dimension: Int, tolerance: Double = 1e-6, maxSteps: Int? = nil, seed: UInt64 = 0,
    product: @escaping HessianVectorProduct
  ) throws -> (value: Double, residual: Double, productCount: Int, converged: Bool) {
    let pairs = try Lanczos.extremeEigenpairs(
      dimension: dimension, largest: 1, smallest: 0, tolerance: tolerance, maxSteps: maxSteps,
      computeVectors: false, seed: seed, product: product)
    return (pairs.largest[0], pairs.largestResiduals[0], pairs.productCount, pairs.converged)
  }

  /// λmax of ∇²f(x) from `objective`'s Hessian-vector products.
  public static func topEigenvalue(
    of objective: some TwiceDifferentiableObjective, at point: [Double],
    tolerance: Double = 1e-6, maxSteps: Int? = nil, seed: UInt64 = 0
  ) throws -> (value: Double, residual: Double, productCount: Int, converged: Bool) {
    try topEigenvalue(
      dimension: objective.dimension, tolerance: tolerance, maxSteps: maxSteps, seed: seed
    ) { v in try objective.hessianVectorProduct(at: point, along: v) }
  }

  /// 2/λmax, the largest stable learning rate of gradient descent on the local quadratic
  /// model; +∞ when λmax ≤ 0 (no positive curvature bounds the step).
  public static func stableLearningRateBound(topEigenvalue: Double) -> Double {
    topEigenvalue > 0 ? 2 / topEigenvalue : .infinity
  }
}
