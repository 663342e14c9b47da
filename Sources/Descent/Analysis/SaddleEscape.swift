import Foundation

/// Any method, made to leave saddle points: where the gradient is small and the Hessian has a
/// negative eigenvalue, one step goes along that eigenvector instead of the base method's.
///
/// At the current point x with g = ∇f(x), when ‖g‖₂ < `gradientThreshold` the lowest
/// eigenpair (λ, u) of H = ∇²f(x) is computed (LAPACK's `dsyevd` on the full Hessian for
/// n ≤ `denseLimit`, else ``Lanczos`` bottom-1 from Hessian-vector products). If
/// λ < −`curvatureTolerance`, the step is
///
/// ```
/// u ← −u if gᵀu > 0                    (descend: the linear term is ≤ 0)
/// m(t) = f(x) + t·gᵀu + ½·λ·t²         (the quadratic model along u; unbounded below)
/// t₀ = √(2Δ/|λ|),  Δ = decrease·max(1, |f(x)|)
/// t = t₀·½ʲ for the first j with f(x + t·u) ≤ f(x) + ½·(t·gᵀu + ½·λ·t²)
/// ```
///
/// The model has no minimiser along u, so the length is chosen for a set predicted decrease
/// Δ of its curvature term ½|λ|t² (a fraction `decrease` of the loss, 10 % by default, so that
/// the step is large where the curvature is weak and small where it is strong), then halved
/// until f itself falls by at least half the model's prediction (an Armijo test on the
/// model; at most 30 halvings). If no length passes, or λ ≥ −tolerance, the base method takes
/// the step. Escapes are counted in the state.
///
/// ``continuesPastStationaryPoint(_:state:evaluator:)`` returns true at a point with
/// λ < −tolerance, so the loop does not stop at the saddle when ‖∇f‖∞ ≤ gtol.
///
/// Cost: the eigenproblem is solved at every iteration with ‖g‖ below the threshold (one
/// counted Hessian `h`, or the Lanczos steps as `hvp`), including near a minimum: keep the
/// threshold small, but above the loop's gradient tolerance (an ∞-norm; ‖g‖∞ ≤ ‖g‖₂), so
/// that a point where the loop would stop is always examined. Near a degenerate minimum (an
/// over-parameterised network) λmin may be slightly negative: every escape there decreases f,
/// but many of them cost many Hessians; raise `curvatureTolerance` to stop them.
///
/// ## References
/// - J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed. (2006), §4.3 ("the hard
///   case") and §6.3 (directions of negative curvature).
/// - C. Jin, R. Ge, P. Netrapalli, S. Kakade and M. Jordan, *How to escape saddle points
///   efficiently*, ICML 2017 (the gradient threshold as the trigger).
/// - Y. Dauphin et al., *Identifying and attacking the saddle point problem in
///   high-dimensional non-convex optimization*, NeurIPS 2014.
public struct SaddleEscape<Base: IterativeMethod>: IterativeMethod {
  /// The method that takes every other step.
  public var base: Base
  /// ‖∇f‖₂ below which the curvature is examined.
  public var gradientThreshold: Double
  /// λmin must be below −tolerance for an escape.
  public var curvatureTolerance: Double
  /// Δ as a fraction of max(1, |f|): the decrease the model predicts for the first trial.
  public var decrease: Double
  /// Largest n for the dense eigendecomposition; Lanczos above.
  public var denseLimit: Int
  /// Seeds the Lanczos start vectors (varied by the escape count).
  public var seed: UInt64

  /// Wraps `base`; defaults: threshold 1e-3, tolerance 1e-6, decrease 0.1, dense up to 500.
  public init(
    _ base: Base, gradientThreshold: Double = 1e-3, curvatureTolerance: Double = 1e-6,
    decrease: Double = 0.1, denseLimit: Int = 500, seed: UInt64 = 0
  ) {
    precondition(
      gradientThreshold >= 0 && curvatureTolerance >= 0 && decrease > 0 && denseLimit >= 0,
      "SaddleEscape: gradientThreshold = \(gradientThreshold), curvatureTolerance = "
        + "\(curvatureTolerance), decrease = \(decrease), denseLimit = \(denseLimit)")
    self.base = base
    self.gradientThreshold = gradientThreshold
    self.curvatureTolerance = curvatureTolerance
    self.decrease = decrease
    self.denseLimit = denseLimit
    self.seed = seed
  }

  public struct State: Codable, Equatable, Sendable {
    /// The base method's state.
    public var base: Base.State
    /// Steps taken along a direction of negative curvature.
    public var escapes: Int
  }

  public var name: String { "\(base.name)+saddle-escape" }
  public var usesGradient: Bool { true }
  public var learningRateIsBoundedByCurvature: Bool { base.learningRateIsBoundedByCurvature }

  public var hyperparameters: JSONValue {
    var object: [String: JSONValue] = [:]
    if case .object(let fields) = base.hyperparameters { object = fields }
    object["saddle_escape"] = .object([
      "gradient_threshold": .number(gradientThreshold),
      "curvature_tolerance": .number(curvatureTolerance),
      "decrease": .number(decrease), "dense_limit": .number(Double(denseLimit)),
      "seed": .number(Double(seed)),
    ])
    return .object(object)
  }

  public func learningRate(in state: State) -> Double? { base.learningRate(in: state.base) }

  public func initialState(at start: Iterate, evaluator: ObjectiveEvaluator) throws -> State {
    State(base: try base.initialState(at: start, evaluator: evaluator), escapes: 0)
  }

  public func stationarity(at current: Iterate, state: State) -> Double {
    base.stationarity(at: current, state: state.base)
  }

  /// True when λmin(∇²f) < −tolerance at `current`.
  public func continuesPastStationaryPoint(
    _ current: Iterate, state: State, evaluator: ObjectiveEvaluator
  ) throws -> Bool {
    if try base.continuesPastStationaryPoint(current, state: state.base, evaluator: evaluator) {
      return true
    }
    let (lambda, _) = try lowestEigenpair(at: current.x, escapes: state.escapes, evaluator)
    return lambda < -curvatureTolerance
  }

  public func step(from current: Iterate, state: inout State, evaluator: ObjectiveEvaluator) throws
    -> StepOutcome
  {
    if Lanczos.norm(current.gradient) < gradientThreshold {
      let (lambda, vector) = try lowestEigenpair(
        at: current.x, escapes: state.escapes, evaluator)
      if lambda < -curvatureTolerance,
        let next = try escape(from: current, along: vector, curvature: lambda, evaluator)
      {
        state.escapes += 1
        return .moved(next, learningRate: nil)
      }
    }
    return try base.step(from: current, state: &state.base, evaluator: evaluator)
  }

  /// The backtracking step along ±u described in the type's comment; nil when none passes.
  func escape(
    from current: Iterate, along u: [Double], curvature lambda: Double,
    _ evaluator: ObjectiveEvaluator
  ) throws -> Iterate? {
    var slope = Lanczos.dot(current.gradient, u)
    var direction = u
    if slope > 0 {
      direction = u.map { -$0 }
      slope = -slope
    }
    let target = decrease * Swift.max(1, Swift.abs(current.value))
    var t = (2 * target / Swift.abs(lambda)).squareRoot()
    for _ in 0...30 {
      let x = zip(current.x, direction).map { $0 + t * $1 }
      let predicted = t * slope + 0.5 * lambda * t * t
      let value = try evaluator.value(at: x)
      if value.isFinite, value <= current.value + 0.5 * predicted {
        let (f, g) = try evaluator.valueAndGradient(at: x)
        return Iterate(x: x, value: f, gradient: g)
      }
      t *= 0.5
    }
    return nil
  }

  /// (λmin, unit eigenvector) of ∇²f(x): dense for n ≤ denseLimit, Lanczos otherwise.
  func lowestEigenpair(at x: [Double], escapes: Int, _ evaluator: ObjectiveEvaluator) throws
    -> (Double, [Double])
  {
    if x.count <= denseLimit {
      let (_, _, hessian) = try evaluator.valueGradientAndHessian(at: x)
      let eigen = try SymmetricEigendecomposition(hessian)
      return (eigen.eigenvalues[0], eigen.eigenvectors[0])
    }
    let pairs = try Lanczos.extremeEigenpairs(
      dimension: x.count, largest: 0, smallest: 1, tolerance: 1e-6,
      seed: seed &+ UInt64(escapes)
    ) { v in try evaluator.hessianVectorProduct(at: x, along: v) }
    return (pairs.smallest[0], pairs.smallestVectors[0])
  }
}
