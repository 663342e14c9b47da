/// The BFGS quasi-Newton method: a dense approximation H of the inverse Hessian, updated from
/// each step and gradient change, and a strong Wolfe line search along −H·g.
///
/// With sₖ = xₖ₊₁ − xₖ, yₖ = gₖ₊₁ − gₖ and ρₖ = 1/(yₖᵀsₖ),
///
/// ```
/// dₖ   = −Hₖ·gₖ,   xₖ₊₁ = xₖ + αₖ·dₖ          (αₖ from the line search)
/// Hₖ₊₁ = (I − ρₖ·sₖyₖᵀ)·Hₖ·(I − ρₖ·yₖsₖᵀ) + ρₖ·sₖsₖᵀ
/// H₀   = I;  with `.scaled`, replaced by (yᵀs / yᵀy)·I just before the first update
/// ```
///
/// (Nocedal & Wright, Algorithm 6.1 with eq. 6.17 and the scaling 6.20). After each update
/// the secant equation Hₖ₊₁·yₖ = sₖ holds; on a strictly convex quadratic with exact line
/// searches the method ends in at most n steps with Hₙ the inverse Hessian (in exact
/// arithmetic; in floating point H₀ = I keeps this to rounding, while the rescaled H₀ lets
/// rounding grow with the condition number: 3e-5 in x after 8 steps at κ = 1e3).
///
/// The first line search (and the first after a reset) starts at α₀ = min(1, 1/‖g‖₂), since
/// −g carries no scale; later ones at α₀ = 1, the quasi-Newton step.
///
/// Safeguards:
/// - an update with yᵀs ≤ 1e-10·‖s‖‖y‖ is skipped (it would not keep H positive definite;
///   counted in the state), as ``LBFGS`` here does;
/// - a direction that is not a descent direction (gᵀd ≥ 0, from rounding), or a line search
///   that fails with H ≠ I, resets H to the identity and searches again along −g (counted as
///   a reset); a search that fails along −g ends the run with ``StopReason/lineSearchFailed``,
///   keeping the last point.
///
/// Defaults: ``StrongWolfe`` with c1 = 1e-4 and c2 = 0.9 (Nocedal & Wright §3.1; SciPy's BFGS
/// uses the same constants), scaled H₀ (N&W's recommendation, eq. 6.20). SciPy's BFGS keeps
/// H₀ = I unscaled and starts each search at min(1, 1.01·2(fₖ − fₖ₋₁)/gₖᵀdₖ); Optim.jl's
/// starts from I too (or a multiple set by `initial_stepnorm`). On 31 Moré–Garbow–Hillstrom
/// instances at gradientTolerance 1e-5 the scaled H₀ solved 30 with a median of 34
/// evaluations, I 29 with 37.
///
/// The state holds H (n² numbers, row-major), so a saved run resumes bit for bit; use it for
/// n up to a few hundred and ``LBFGS`` beyond.
///
/// ## References
/// - J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., 2006, §6.1,
///   Algorithm 6.1, eqs. (6.17), (6.20).
/// - R. Fletcher, *Practical Methods of Optimization*, 2nd ed., 1987, §3.4 (quadratic
///   termination of BFGS with exact line searches).
public struct BFGS: IterativeMethod {
  /// The inverse-Hessian approximation before the first update.
  public enum InitialInverseHessian: String, Codable, Sendable {
    /// H₀ = I throughout (SciPy's and Optim.jl's default).
    case identity
    /// H₀ = (yᵀs / yᵀy)·I before the first update (N&W eq. 6.20).
    case scaled
  }

  /// The line search along d.
  public var lineSearch: any LineSearch
  /// How H₀ is chosen.
  public var initialInverseHessian: InitialInverseHessian

  /// BFGS with `lineSearch` and H₀ chosen by `initialInverseHessian`.
  public init(
    lineSearch: any LineSearch = StrongWolfe(c1: 1e-4, c2: 0.9),
    initialInverseHessian: InitialInverseHessian = .scaled
  ) {
    self.lineSearch = lineSearch
    self.initialInverseHessian = initialInverseHessian
  }

  public struct State: Codable, Equatable, Sendable {
    /// n.
    public var dimension: Int
    /// H, row-major n×n.
    public var inverseHessian: [Double]
    /// Updates applied since the start or the last reset (0: H is still H₀ = I).
    public var updates = 0
    /// Updates skipped because yᵀs ≤ 1e-10·‖s‖‖y‖.
    public var skipped = 0
    /// Times H was reset to I.
    public var resets = 0

    /// The identity in n dimensions.
    init(dimension: Int) {
      self.dimension = dimension
      inverseHessian = BFGS.identity(dimension)
    }
  }

  public var name: String { "bfgs" }
  public var usesGradient: Bool { true }
  public var learningRateIsBoundedByCurvature: Bool { false }

  public var hyperparameters: JSONValue {
    .object([
      "linesearch": DirectionalSearch.describe(lineSearch),
      "hess_inv0": .string(initialInverseHessian == .scaled ? "scaled" : "identity"),
      "skip_curvature": .number(1e-10),
    ])
  }

  /// Nil: the step comes from the line search.
  public func learningRate(in state: State) -> Double? { nil }

  public func initialState(at start: Iterate, evaluator: ObjectiveEvaluator) throws -> State {
    State(dimension: start.x.count)
  }

  static func identity(_ n: Int) -> [Double] {
    var h = [Double](repeating: 0, count: n * n)
    for i in 0..<n { h[i * n + i] = 1 }
    return h
  }

  /// H·v for the row-major n×n `h`.
  static func times(_ h: [Double], _ v: [Double]) -> [Double] {
    let n = v.count
    var r = [Double](repeating: 0, count: n)
    h.withUnsafeBufferPointer { h in
      for i in 0..<n {
        var sum = 0.0
        let row = i * n
        for j in 0..<n { sum += h[row + j] * v[j] }
        r[i] = sum
      }
    }
    return r
  }

  /// Applies the BFGS update with the pair (s, y) to `state`, or counts it as skipped.
  func update(_ state: inout State, s: [Double], y: [Double]) {
    let sy = Vectors.dot(s, y)
    guard sy > 1e-10 * Vectors.norm(s) * Vectors.norm(y), sy.isFinite else {
      state.skipped += 1
      return
    }
    let n = state.dimension
    if state.updates == 0 && initialInverseHessian == .scaled {
      let gamma = sy / Vectors.dot(y, y)
      state.inverseHessian = BFGS.identity(n).map { $0 * gamma }
    }
    let rho = 1 / sy
    let hy = BFGS.times(state.inverseHessian, y)
    let factor = rho * rho * Vectors.dot(y, hy) + rho
    state.inverseHessian.withUnsafeMutableBufferPointer { h in
      for i in 0..<n {
        let (si, hyi) = (s[i], hy[i])
        // The upper triangle, mirrored, so that H stays exactly symmetric.
        for j in i..<n {
          let value = h[i * n + j] + factor * si * s[j] - rho * (hyi * s[j] + si * hy[j])
          h[i * n + j] = value
          h[j * n + i] = value
        }
      }
    }
    state.updates += 1
  }

  public func step(from current: Iterate, state: inout State, evaluator: ObjectiveEvaluator) throws
    -> StepOutcome
  {
    let g = current.gradient
    var outcome = DirectionalSearch.Outcome.failed
    // At most two searches: along −H·g, then, after a reset, along −g.
    while true {
      var d = BFGS.times(state.inverseHessian, g).map { -$0 }
      let slope = Vectors.dot(g, d)
      if state.updates > 0 && (!(slope < 0) || !slope.isFinite) {
        reset(&state)
        d = g.map { -$0 }
      }
      let initialStep = state.updates == 0 ? min(1, 1 / Vectors.norm(g)) : 1
      guard initialStep > 0, initialStep.isFinite else { return .stopped(.lineSearchFailed) }
      outcome = try DirectionalSearch.run(
        lineSearch, from: current, along: d, initialStep: initialStep, evaluator: evaluator)
      if case .accepted = outcome { break }
      guard state.updates > 0 else { return .stopped(.lineSearchFailed) }
      reset(&state)
    }
    guard case .accepted(let next, let step) = outcome else { return .stopped(.lineSearchFailed) }
    update(
      &state, s: Vectors.difference(next.x, current.x),
      y: Vectors.difference(next.gradient, g))
    return .moved(next, learningRate: step)
  }

  /// H ← I, counted.
  func reset(_ state: inout State) {
    state.inverseHessian = BFGS.identity(state.dimension)
    state.updates = 0
    state.resets += 1
  }
}
