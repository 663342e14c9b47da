/// Truncated Newton (Newton-CG, line-search variant): the Newton system solved inexactly by
/// conjugate gradients with Hessian-vector products only, then a line search.
///
/// CG on Hd = −g from z₀ = 0 with residual rⱼ = g + Hzⱼ (Nocedal & Wright, Algorithm 7.1):
///
/// ```
/// εₖ = min(0.5, √‖gₖ‖)·‖gₖ‖                      (forcing term, superlinear convergence)
/// pⱼ₊₁ = −rⱼ₊₁ + βⱼpⱼ,  αⱼ = rⱼᵀrⱼ / pⱼᵀHpⱼ, …   (CG)
/// stop when ‖rⱼ‖ ≤ εₖ: d = zⱼ
/// stop when pⱼᵀHpⱼ ≤ 0: d = zⱼ, or d = −g if j = 0
/// xₖ₊₁ = xₖ + αₖd, αₖ from the line search started at α = 1
/// ```
///
/// A product that is not finite stops the run with ``StopReason/nonFinite``. The line search
/// is ``NewtonLineSearch``: the full step where f cannot tell steps apart any more.
///
/// d is always a descent direction (CG iterates decrease the model from z₀ = 0), at most
/// ``maxIterations`` products per iteration (default 20·n, SciPy's `cg_maxiter`). The CG
/// products are counted as `hvp`, the line search's trials as `g`.
///
/// The default line search is ``StrongWolfe`` with c1 = 1e-4, c2 = 0.9, as SciPy's
/// `newton-cg` (`line_search_wolfe12`): a truncated direction, or −g after negative
/// curvature, has no reliable scale, and the Moré–Thuente search can extrapolate beyond α = 1.
///
/// ## References
/// - R. S. Dembo and T. Steihaug, "Truncated-Newton algorithms for large-scale unconstrained
///   optimization", Math. Programming 26, 1983.
/// - J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., 2006, Algorithm 7.1.
public struct NewtonCG: IterativeMethod {
  /// The line search along d.
  public var lineSearch: any LineSearch
  /// The most CG iterations per Newton iteration; nil: 20·n.
  public var maxIterations: Int?

  /// Newton-CG with `lineSearch`.
  public init(
    lineSearch: any LineSearch = StrongWolfe(c1: 1e-4, c2: 0.9), maxIterations: Int? = nil
  ) {
    precondition(
      maxIterations.map { $0 > 0 } ?? true,
      "NewtonCG: maxIterations = \(String(describing: maxIterations)) must be > 0")
    self.lineSearch = lineSearch
    self.maxIterations = maxIterations
  }

  /// What evolves between iterations: CG counts.
  public struct State: Codable, Equatable, Sendable {
    /// CG iterations (Hessian-vector products) so far.
    public var conjugateGradientIterations = 0
    /// Iterations whose CG met negative curvature.
    public var negativeCurvature = 0
  }

  public var name: String { "newton-cg" }
  public var usesGradient: Bool { true }
  public var learningRateIsBoundedByCurvature: Bool { false }

  public var hyperparameters: JSONValue {
    .object([
      "linesearch": DirectionalSearch.describe(lineSearch),
      "cg_maxiter": maxIterations.map { .number(Double($0)) } ?? .string("20*n"),
      "forcing": .string("min(0.5, sqrt(|g|))*|g|"),
    ])
  }

  /// Nil: the step comes from the line search.
  public func learningRate(in state: State) -> Double? { nil }

  public func initialState(at start: Iterate, evaluator: ObjectiveEvaluator) throws -> State {
    State()
  }

  /// The truncated-CG direction at `x` with gradient `g`, the products used and whether
  /// negative curvature ended CG; a non-finite direction when a product was not finite.
  static func direction(
    gradient g: [Double], maxIterations: Int, product: ([Double]) throws -> [Double]
  ) rethrows -> (direction: [Double], products: Int, negativeCurvature: Bool) {
    let n = g.count
    let gNorm = Vectors.norm(g)
    let tolerance = Swift.min(0.5, gNorm.squareRoot()) * gNorm
    var z = [Double](repeating: 0, count: n)
    var r = g
    var p = g.map { -$0 }
    var rr = Vectors.dot(r, r)
    var products = 0
    while products < maxIterations, rr.squareRoot() > tolerance {
      let hp = try product(p)
      products += 1
      let curvature = Vectors.dot(p, hp)
      guard curvature.isFinite else { return (g.map { _ in .nan }, products, false) }
      if !(curvature > 0) {
        return (products == 1 ? g.map { -$0 } : z, products, true)
      }
      let alpha = rr / curvature
      for i in 0..<n {
        z[i] += alpha * p[i]
        r[i] += alpha * hp[i]
      }
      let rrNext = Vectors.dot(r, r)
      let beta = rrNext / rr
      rr = rrNext
      for i in 0..<n { p[i] = -r[i] + beta * p[i] }
    }
    return (products == 0 ? g.map { -$0 } : z, products, false)
  }

  public func step(from current: Iterate, state: inout State, evaluator: ObjectiveEvaluator) throws
    -> StepOutcome
  {
    let x = current.x
    let (d, products, negative) = try Self.direction(
      gradient: current.gradient, maxIterations: maxIterations ?? Swift.max(20 * x.count, 1)
    ) { try evaluator.hessianVectorProduct(at: x, along: $0) }
    state.conjugateGradientIterations += products
    if negative { state.negativeCurvature += 1 }
    guard d.allSatisfy({ $0.isFinite }) else { return .stopped(.nonFinite) }
    return try NewtonLineSearch.step(lineSearch, from: current, along: d, evaluator: evaluator)
  }
}
