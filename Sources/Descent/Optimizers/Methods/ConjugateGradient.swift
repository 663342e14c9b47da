/// Nonlinear conjugate gradients: each direction is −g plus a multiple of the previous
/// direction, with a strong Wolfe line search.
///
/// ```
/// d₀ = −g₀,   xₖ₊₁ = xₖ + αₖ·dₖ,   dₖ₊₁ = −gₖ₊₁ + βₖ₊₁·dₖ
/// Fletcher–Reeves:   βₖ₊₁ = gₖ₊₁ᵀgₖ₊₁ / gₖᵀgₖ
/// Polak–Ribière +:   βₖ₊₁ = max(0, gₖ₊₁ᵀ(gₖ₊₁ − gₖ) / gₖᵀgₖ)
/// ```
///
/// (Nocedal & Wright, Algorithm 5.4, eqs. 5.41a and 5.44–5.45). The direction restarts as
/// dₖ = −gₖ every ``restartEvery`` iterations (n, the dimension, by default) and whenever
/// dₖ is not a descent direction (gₖᵀdₖ ≥ 0), which FR with an inexact search can produce.
///
/// The first search starts at α₀ = min(1, 1/‖g₀‖₂), as the gradient carries no scale; later ones at the step that repeats the last first-order
/// change (N&W eq. 3.60), α₀ = αₖ₋₁·gₖ₋₁ᵀdₖ₋₁ / gₖᵀdₖ, capped at 100·αₖ₋₁ (a guard against
/// a nearly orthogonal new direction) and floored at 1e-10·αₖ₋₁.
///
/// With exact line searches on a strictly convex quadratic both variants coincide with linear
/// CG and end in at most n iterations (N&W Theorem 5.1/§5.2).
///
/// Defaults: PR+ (N&W's recommendation; SciPy's `CG` uses PR+ too); ``StrongWolfe`` with
/// c1 = 1e-4 and c2 = 0.1 (N&W §5.2: c2 < ½ is needed for FR to produce descent directions);
/// restart every n iterations.
///
/// ## References
/// - R. Fletcher and C. M. Reeves, "Function minimization by conjugate gradients", Comput. J.
///   7, 1964.
/// - E. Polak and G. Ribière, "Note sur la convergence de méthodes de directions conjuguées",
///   RIRO 3(16), 1969; J. C. Gilbert and J. Nocedal, SIAM J. Optim. 2(1), 1992 (PR+).
/// - J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., 2006, §5.2.
public struct ConjugateGradient: IterativeMethod {
  /// The formula for β.
  public enum Variant: String, Codable, Sendable {
    /// β = max(0, gₖ₊₁ᵀ(gₖ₊₁ − gₖ) / gₖᵀgₖ).
    case polakRibierePlus = "PR+"
    /// β = gₖ₊₁ᵀgₖ₊₁ / gₖᵀgₖ.
    case fletcherReeves = "FR"
  }

  /// The formula for β.
  public var variant: Variant
  /// The line search along d.
  public var lineSearch: any LineSearch
  /// Restart with −g every this many iterations; nil: every n (the dimension).
  public var restartEvery: Int?

  /// Conjugate gradients with `variant`, `lineSearch`, restarting every `restartEvery`
  /// iterations (nil: n).
  public init(
    variant: Variant = .polakRibierePlus,
    lineSearch: any LineSearch = StrongWolfe(c1: 1e-4, c2: 0.1), restartEvery: Int? = nil
  ) {
    precondition(
      restartEvery.map { $0 > 0 } ?? true,
      "ConjugateGradient: restartEvery = \(restartEvery ?? 0) must be > 0")
    self.variant = variant
    self.lineSearch = lineSearch
    self.restartEvery = restartEvery
  }

  public struct State: Codable, Equatable, Sendable {
    /// The previous direction dₖ₋₁ (empty before the first iteration).
    public var direction: [Double] = []
    /// gₖ₋₁ (empty before the first iteration).
    public var previousGradient: [Double] = []
    /// αₖ₋₁·gₖ₋₁ᵀdₖ₋₁, the last first-order change, for the initial step.
    public var previousChange = 0.0
    /// The last accepted step αₖ₋₁.
    public var previousStep = 0.0
    /// Iterations since the last restart.
    public var sinceRestart = 0
    /// Restarts because dₖ was not a descent direction.
    public var resets = 0
  }

  public var name: String { "cg" }
  public var usesGradient: Bool { true }
  public var learningRateIsBoundedByCurvature: Bool { false }

  public var hyperparameters: JSONValue {
    var object: [String: JSONValue] = [
      "variant": .string(variant.rawValue), "linesearch": DirectionalSearch.describe(lineSearch),
    ]
    object["restart_every"] = restartEvery.map { .number(Double($0)) } ?? .string("n")
    return .object(object)
  }

  /// Nil: the step comes from the line search.
  public func learningRate(in state: State) -> Double? { nil }

  public func initialState(at start: Iterate, evaluator: ObjectiveEvaluator) throws -> State {
    State()
  }

  /// dₖ from gₖ and the state: −gₖ + βₖ·dₖ₋₁, or −gₖ at a restart.
  func direction(_ g: [Double], state: State) -> [Double] {
    let period = restartEvery ?? g.count
    let previous = state.previousGradient
    guard !state.direction.isEmpty, state.sinceRestart < period else { return g.map { -$0 } }
    let denominator = Vectors.dot(previous, previous)
    let beta: Double
    switch variant {
    case .fletcherReeves:
      beta = Vectors.dot(g, g) / denominator
    case .polakRibierePlus:
      beta = max(0, (Vectors.dot(g, g) - Vectors.dot(g, previous)) / denominator)
    }
    guard beta.isFinite else { return g.map { -$0 } }
    var d = state.direction
    for i in d.indices { d[i] = -g[i] + beta * d[i] }
    return d
  }

  public func step(from current: Iterate, state: inout State, evaluator: ObjectiveEvaluator) throws
    -> StepOutcome
  {
    let g = current.gradient
    var d = direction(g, state: state)
    var restarted = state.direction.isEmpty || d == g.map { -$0 }
    var slope = Vectors.dot(g, d)
    if !(slope < 0) || !slope.isFinite {
      if !restarted { state.resets += 1 }
      d = g.map { -$0 }
      slope = Vectors.dot(g, d)
      restarted = true
    }
    var initialStep = min(1, 1 / Vectors.norm(g))
    if state.previousStep > 0 {
      let guess = state.previousChange / slope
      initialStep = min(max(guess, 1e-10 * state.previousStep), 100 * state.previousStep)
    }
    guard initialStep > 0, initialStep.isFinite else { return .stopped(.lineSearchFailed) }
    let outcome = try DirectionalSearch.run(
      lineSearch, from: current, along: d, initialStep: initialStep, evaluator: evaluator)
    guard case .accepted(let next, let step) = outcome else { return .stopped(.lineSearchFailed) }
    state.direction = d
    state.previousGradient = g
    state.previousChange = step * slope
    state.previousStep = step
    state.sinceRestart = restarted ? 1 : state.sinceRestart + 1
    return .moved(next, learningRate: step)
  }
}
