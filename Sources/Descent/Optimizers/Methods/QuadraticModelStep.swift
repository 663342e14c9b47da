/// Gradient descent with the lecture's optimal step for the local quadratic model: one
/// Hessian-vector product per iteration gives the exact line minimiser of the model along −g.
///
/// Along x − εg the second-order model of f is
///
/// ```
/// m(ε) = f(x) − ε·gᵀg + ½ε²·gᵀHg
/// ```
///
/// with g = ∇f(x) and H = ∇²f(x). When gᵀHg > 0 it is a parabola opening upwards;
/// m′(ε) = −gᵀg + ε·gᵀHg = 0 gives
///
/// ```
/// ε = gᵀg / gᵀHg,   xₖ₊₁ = xₖ − ε·g
/// ```
///
/// On a quadratic f the model is exact, so ε is the exact minimiser of f along −g. Hg costs
/// one Hessian-vector product (counted as `hvp`), the new point one gradient evaluation. The
/// step is taken as is: no decrease test (far from a minimum the model may be poor).
///
/// When gᵀHg ≤ 0 or is not finite the model has no minimum along −g (negative curvature, a
/// saddle) and the step falls back to ``fallback``, a line search along −g started at
/// ``fallbackInitialStep``. The default fallback is ``BacktrackingArmijo``: along a direction
/// of negative curvature f may be unbounded below, where strong Wolfe's curvature condition
/// cannot be met but sufficient decrease can. The count of fallbacks is kept in the state.
///
/// ## References
/// - J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., 2006, eq. (3.26)
///   (the exact step of steepest descent on a quadratic).
public struct QuadraticModelStep: IterativeMethod {
  /// The line search used when gᵀHg ≤ 0.
  public var fallback: any LineSearch
  /// The first trial step of the fallback line search.
  public var fallbackInitialStep: Double

  /// The quadratic-model step with `fallback` for directions of non-positive curvature.
  public init(fallback: any LineSearch = BacktrackingArmijo(), fallbackInitialStep: Double = 1) {
    precondition(
      fallbackInitialStep > 0 && fallbackInitialStep.isFinite,
      "QuadraticModelStep: fallbackInitialStep = \(fallbackInitialStep) must be positive and finite"
    )
    self.fallback = fallback
    self.fallbackInitialStep = fallbackInitialStep
  }

  public struct State: Codable, Equatable, Sendable {
    /// The iterations whose step came from the fallback line search.
    public var fallbacks: Int
  }

  public var name: String { "gd-optimal" }
  public var usesGradient: Bool { true }
  public var learningRateIsBoundedByCurvature: Bool { false }

  public var hyperparameters: JSONValue {
    .object([
      "fallback_linesearch": DirectionalSearch.describe(fallback),
      "fallback_initial_step": .number(fallbackInitialStep),
    ])
  }

  /// Nil: ε is known only once Hg is.
  public func learningRate(in state: State) -> Double? { nil }

  public func initialState(at start: Iterate, evaluator: ObjectiveEvaluator) throws -> State {
    State(fallbacks: 0)
  }

  public func step(from current: Iterate, state: inout State, evaluator: ObjectiveEvaluator) throws
    -> StepOutcome
  {
    let g = current.gradient
    let hg = try evaluator.hessianVectorProduct(at: current.x, along: g)
    let curvature = Vectors.dot(g, hg)
    if curvature > 0, curvature.isFinite {
      let epsilon = Vectors.dot(g, g) / curvature
      if epsilon.isFinite {
        let x = zip(current.x, g).map { $0 - epsilon * $1 }
        let (value, gradient) = try evaluator.valueAndGradient(at: x)
        return .moved(Iterate(x: x, value: value, gradient: gradient), learningRate: epsilon)
      }
    }
    state.fallbacks += 1
    let outcome = try DirectionalSearch.run(
      fallback, from: current, along: g.map { -$0 }, initialStep: fallbackInitialStep,
      evaluator: evaluator)
    guard case .accepted(let next, let step) = outcome else { return .stopped(.lineSearchFailed) }
    return .moved(next, learningRate: step)
  }
}
