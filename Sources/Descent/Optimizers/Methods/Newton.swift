/// Newton's method with the exact Hessian: plain (full steps), or with the Hessian modified to
/// be positive definite and a line search.
///
/// With A = H + λI (λ the ``damping``, 0 by default):
///
/// ```
/// modified: LLᵀ = A + τI,  τ ≥ 0 from NewtonHessianModification (N&W Algorithm 3.3, β = 1e-3)
///           d = −(A + τI)⁻¹g,   xₖ₊₁ = xₖ + αₖd,  αₖ from the line search started at α = 1
/// plain:    d = −A⁻¹g (LU with partial pivoting),   xₖ₊₁ = xₖ + d
/// ```
///
/// Plain Newton goes to the nearest stationary point of the quadratic model, a saddle or a
/// maximum as readily as a minimum; it stops with ``StopReason/singularHessian`` when A is
/// exactly singular (a zero pivot) or the solve overflows, keeping x. The modified method
/// descends at every step: A + τI is positive definite, so d is a descent direction.
///
/// The default line search is ``BacktrackingArmijo`` (c1 = 1e-4, ρ = ½), as N&W's line-search
/// Newton (§3.5): the Newton step has its own scale, so α = 1 is tried first and accepted near
/// a minimizer, and a direction shaped by a large τ may point where f is unbounded below,
/// where the curvature condition of strong Wolfe cannot hold.
///
/// Each iteration costs one `h` (f, ∇f and H at x) plus the line search's `g`s (one for the
/// plain step). A Hessian that is not finite stops the run with ``StopReason/nonFinite``.
///
/// Where the promised decrease is below the rounding of f the full step is taken
/// (``NewtonLineSearch``).
///
/// ## References
/// - J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., 2006, Algorithm 3.2 and
///   Algorithm 3.3 (Cholesky with added multiple of the identity).
public struct Newton: IterativeMethod {
  /// Whether H is shifted to positive definite and a line search used.
  public var modified: Bool
  /// λ ≥ 0 added to the diagonal before anything else (Levenberg-style damping).
  public var damping: Double
  /// The line search of the modified method.
  public var lineSearch: any LineSearch

  /// Newton's method, modified by default, with `damping` λ and `lineSearch`.
  public init(
    modified: Bool = true, damping: Double = 0, lineSearch: any LineSearch = BacktrackingArmijo()
  ) {
    precondition(
      damping >= 0 && damping.isFinite, "Newton: damping = \(damping) must be finite and ≥ 0")
    self.modified = modified
    self.damping = damping
    self.lineSearch = lineSearch
  }

  /// What evolves between iterations: counts of Hessian modifications.
  public struct State: Codable, Equatable, Sendable {
    /// Iterations on which the Hessian needed a shift τ > 0.
    public var modifications = 0
    /// τ of the last iteration (0 for plain Newton).
    public var lastShift = 0.0
  }

  public var name: String { "newton" }
  public var usesGradient: Bool { true }
  public var learningRateIsBoundedByCurvature: Bool { false }

  public var hyperparameters: JSONValue {
    var entries: [String: JSONValue] = [
      "modified": .bool(modified), "damping": .number(damping),
    ]
    if modified {
      entries["beta"] = .number(NewtonHessianModification.beta)
      entries["linesearch"] = DirectionalSearch.describe(lineSearch)
    } else {
      entries["step"] = .number(1)
    }
    return .object(entries)
  }

  /// Nil: α comes from the line search (1 for plain Newton).
  public func learningRate(in state: State) -> Double? { nil }

  public func initialState(at start: Iterate, evaluator: ObjectiveEvaluator) throws -> State {
    State()
  }

  public func step(from current: Iterate, state: inout State, evaluator: ObjectiveEvaluator) throws
    -> StepOutcome
  {
    let (_, _, h) = try evaluator.valueGradientAndHessian(at: current.x)
    guard h.isFinite else { return .stopped(.nonFinite) }
    let a = Matrices.shifted(h, by: damping)
    let g = Tensor(current.gradient)
    if !modified {
      guard let solution = try? Tensor.solve(a, g), solution.isFinite else {
        return .stopped(.singularHessian)
      }
      let x = zip(current.x, solution.scalars).map { $0 - $1 }
      let (value, gradient) = try evaluator.valueAndGradient(at: x)
      state.lastShift = 0
      return .moved(Iterate(x: x, value: value, gradient: gradient), learningRate: 1)
    }
    guard let (factor, shift) = NewtonHessianModification.factor(a),
      let solution = try? factor.choleskySolve(g), solution.isFinite
    else { return .stopped(.singularHessian) }
    state.lastShift = shift
    if shift > 0 { state.modifications += 1 }
    let direction = solution.scalars.map { -$0 }
    return try NewtonLineSearch.step(
      lineSearch, from: current, along: direction, evaluator: evaluator)
  }
}
