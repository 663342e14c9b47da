/// Half the squared gradient norm of another objective, as an objective of its own: its
/// minima with value 0 are the critical points of the base — minima, maxima and saddles
/// alike — which is why it finds saddle points that descent on the base avoids.
///
/// ```
/// q(θ)  = ½‖∇L(θ)‖²
/// ∇q(θ) = ∇²L(θ)·∇L(θ)          one gradient and one Hessian-vector product
/// ```
///
/// A local minimum of q with q > 0 (∇²L·∇L = 0 with ∇L ≠ 0) is not a critical point of L;
/// callers check ‖∇L‖ at the end (``MinimumRatioExperiment`` excludes such points).
///
/// ## References
///
/// J. Pennington and Y. Bahri, *Geometry of Neural Network Loss Surfaces via Random Matrix
/// Theory*, ICML 2017, §4 (critical points found by minimising ‖∇L‖²). Y. Dauphin et al.,
/// *Identifying and attacking the saddle point problem in high-dimensional non-convex
/// optimization*, NeurIPS 2014, §5.
public struct GradientNormObjective<Base: TwiceDifferentiableObjective>: DifferentiableObjective {
  /// L.
  public let base: Base

  /// ½‖∇L‖² of `base`.
  public init(_ base: Base) { self.base = base }

  /// The dimension of L.
  public var dimension: Int { base.dimension }

  /// ½‖∇L(θ)‖² (one gradient of L).
  public func value(at x: [Double]) throws -> Double {
    let g = try base.valueAndGradient(at: x).gradient
    return 0.5 * Vectors.dot(g, g)
  }

  /// ½‖∇L(θ)‖² and ∇²L(θ)·∇L(θ) (one gradient and one Hessian-vector product of L).
  public func valueAndGradient(at x: [Double]) throws -> (value: Double, gradient: [Double]) {
    let g = try base.valueAndGradient(at: x).gradient
    let hg = try base.hessianVectorProduct(at: x, along: g)
    return (0.5 * Vectors.dot(g, g), hg)
  }
}
