/// L-BFGS-B: limited-memory BFGS for box constraints l ≤ x ≤ u (``Bounds``).
///
/// Each iteration, from a feasible x with gradient g and the limited-memory matrix B of the
/// last m pairs (compact form, ``CompactForm``):
///
/// ```
/// 1. x^c = generalized Cauchy point: first minimiser of m(z) = gᵀ(z−x) + ½(z−x)ᵀB(z−x)
///          along the projected gradient path P(x − t·g)           (Byrd et al. 1995, §4)
/// 2. x̄   = minimiser of m over the variables free at x^c, projected onto the box
///                                        (§5.1, with Morales & Nocedal 2011's projection)
/// 3. xₖ₊₁ = P(x + α·(x̄ − x)), α from a strong Wolfe search with α ≤ the longest feasible step
/// 4. store (s, y) = (xₖ₊₁ − x, gₖ₊₁ − g) unless sᵀy ≤ 1e-10·‖s‖‖y‖; keep the newest m
/// ```
///
/// With no pair, B = I, and the first search starts at α₀ = min(1, 1/‖x̄ − x‖₂) as in
/// L-BFGS-B; later ones at α₀ = 1. When every variable is free at the Cauchy point, step 2's
/// minimiser is x − B⁻¹g, and it is computed by ``LBFGS``'s two-loop recursion (then
/// projected), which is more accurate than the compact form on badly scaled pairs; so with
/// infinite bounds the method is ``LBFGS``.
///
/// The loop's gradient tolerance compares the projected gradient ‖P(x − g) − x‖∞ (SciPy's
/// `pgtol`), zero exactly at a point satisfying the KKT conditions. A start outside the box is
/// projected onto it, as SciPy does: the first iteration is the move to P(x₀) (one gradient
/// evaluation), and the stationarity there is checked before any search.
///
/// Safeguards: a direction that is not a descent direction, a singular compact form, or a
/// failed line search clears the memory and tries again from B = I; a search that still finds
/// no step ends the run with ``StopReason/lineSearchFailed`` at the last point. A search that
/// stops at the box boundary with sufficient decrease is accepted (the boundary is the step).
///
/// Defaults: m = 10 (SciPy's `maxcor`); ``StrongWolfe`` with c1 = 1e-4 and c2 = 0.9 (SciPy's
/// L-BFGS-B runs MINPACK-2's `dcsrch` with ftol = 1e-3, gtol = 0.9); SciPy's `pgtol` = 1e-5
/// and `factr` = 1e7 are the loop's `gradientTolerance` and value tolerance, whose defaults
/// here are 1e-8 and off.
///
/// ## References
/// - R. H. Byrd, P. Lu, J. Nocedal and C. Zhu, "A limited memory algorithm for bound
///   constrained optimization", SIAM J. Sci. Comput. 16(5), 1995.
/// - C. Zhu, R. H. Byrd, P. Lu and J. Nocedal, "Algorithm 778: L-BFGS-B", ACM TOMS 23(4), 1997.
/// - J. L. Morales and J. Nocedal, "Remark on 'Algorithm 778: L-BFGS-B'", ACM TOMS 38(1), 2011.
public struct LBFGSB: IterativeMethod {
  /// The number of (s, y) pairs kept.
  public var memory: Int
  /// The box.
  public var bounds: Bounds
  /// The line search; its `maxStep` is lowered to the longest feasible step on each search.
  public var lineSearch: StrongWolfe

  /// L-BFGS-B keeping `memory` pairs, inside `bounds`, searching with `lineSearch`.
  public init(
    memory: Int = 10, bounds: Bounds, lineSearch: StrongWolfe = StrongWolfe(c1: 1e-4, c2: 0.9)
  ) {
    precondition(memory > 0, "LBFGSB: memory = \(memory) must be > 0")
    self.memory = memory
    self.bounds = bounds
    self.lineSearch = lineSearch
  }

  public struct State: Codable, Equatable, Sendable {
    /// The stored steps sᵢ, oldest first.
    public var s: [[Double]] = []
    /// The stored gradient changes yᵢ, oldest first.
    public var y: [[Double]] = []
    /// Pairs not stored because sᵀy ≤ 1e-10·‖s‖‖y‖.
    public var skipped = 0
    /// Times the memory was cleared.
    public var resets = 0
  }

  public var name: String { "lbfgsb" }
  public var usesGradient: Bool { true }
  public var learningRateIsBoundedByCurvature: Bool { false }

  public var hyperparameters: JSONValue {
    func number(_ v: Double) -> JSONValue {
      v.isFinite ? .number(v) : .string(v > 0 ? "Infinity" : "-Infinity")
    }
    return .object([
      "maxcor": .number(Double(memory)), "linesearch": DirectionalSearch.describe(lineSearch),
      "lower": .array(bounds.lower.map(number)), "upper": .array(bounds.upper.map(number)),
      "skip_curvature": .number(1e-10),
    ])
  }

  /// Nil: the step comes from the line search.
  public func learningRate(in state: State) -> Double? { nil }

  /// The empty memory; throws ``BoundsError/dimensionMismatch(bounds:variables:)`` when the
  /// box does not have one interval per variable.
  public func initialState(at start: Iterate, evaluator: ObjectiveEvaluator) throws -> State {
    try bounds.validate(dimension: start.x.count)
    return State()
  }

  /// ‖P(x − g) − x‖∞, or +∞ at a point outside the box (the start, before its projection).
  public func stationarity(at current: Iterate, state: State) -> Double {
    guard bounds.contains(current.x) else { return .infinity }
    return bounds.projectedGradientNorm(at: current.x, gradient: current.gradient)
  }

  /// x̄ from the Cauchy point and the subspace minimisation, or nil when the compact form of
  /// the stored pairs is singular.
  func target(from current: Iterate, state: State) -> [Double]? {
    guard let model = CompactForm(s: state.s, y: state.y) else { return nil }
    let cauchy = LBFGSB.cauchyPoint(
      x: current.x, gradient: current.gradient, bounds: bounds, model: model)
    if cauchy.point.indices.allSatisfy({
      bounds.lower[$0] < cauchy.point[$0] && cauchy.point[$0] < bounds.upper[$0]
    }) {
      // Every variable is free at x^c: the subspace minimiser is the unconstrained one,
      // x − B⁻¹g, computed by the two-loop recursion, which stays accurate on badly scaled
      // pairs where the compact form's x^c + d̂ loses digits to cancellation.
      let d = LBFGS(memory: memory).direction(
        current.gradient, state: LBFGS.State(s: state.s, y: state.y))
      let end = bounds.projected(zip(current.x, d).map { $0 + $1 })
      if Vectors.dot(current.gradient, Vectors.difference(end, current.x)) < 0 { return end }
    }
    return LBFGSB.subspaceMinimum(
      x: current.x, gradient: current.gradient, cauchy: cauchy, bounds: bounds, model: model)
  }

  public func step(from start: Iterate, state: inout State, evaluator: ObjectiveEvaluator) throws
    -> StepOutcome
  {
    if !bounds.contains(start.x) {
      // The first iteration from a start outside the box is its projection, so that the loop
      // checks stationarity there (P(x₀) may already be the constrained minimiser).
      let x = bounds.projected(start.x)
      let (value, gradient) = try evaluator.valueAndGradient(at: x)
      return .moved(Iterate(x: x, value: value, gradient: gradient), learningRate: nil)
    }
    let current = start
    let g = current.gradient
    // At most two searches: with the memory, then, after clearing it, with B = I.
    while true {
      let hasMemory = !state.s.isEmpty
      if let end = target(from: current, state: state) {
        let d = Vectors.difference(end, current.x)
        let slope = Vectors.dot(g, d)
        if slope < 0 && slope.isFinite {
          if let (next, step) = try search(
            from: current, along: d, slope: slope, state: state,
            evaluator: evaluator)
          {
            remember(
              &state, s: Vectors.difference(next.x, current.x),
              y: Vectors.difference(next.gradient, g))
            return .moved(next, learningRate: step)
          }
        }
      }
      guard hasMemory else { return .stopped(.lineSearchFailed) }
      state.s.removeAll()
      state.y.removeAll()
      state.resets += 1
    }
  }

  /// The strong Wolfe search along d from the feasible `current`, trial points projected onto
  /// the box; nil when no step with sufficient decrease was found.
  func search(
    from current: Iterate, along d: [Double], slope: Double, state: State,
    evaluator: ObjectiveEvaluator
  ) throws -> (Iterate, Double)? {
    let feasible = bounds.maxStep(from: current.x, along: d, limit: lineSearch.maxStep)
    let maxStep = max(1, feasible)
    let initialStep = state.s.isEmpty ? min(1, 1 / Vectors.norm(d)) : 1
    guard initialStep > 0, initialStep.isFinite, maxStep > lineSearch.minStep else { return nil }
    var search = lineSearch
    search.maxStep = maxStep
    var trials: [(step: Double, iterate: Iterate)] = []
    let phi = { (step: Double) throws -> (value: Double, slope: Double) in
      var x = current.x
      for i in x.indices { x[i] += step * d[i] }
      x = self.bounds.projected(x)
      let (value, gradient) = try evaluator.valueAndGradient(at: x)
      trials.append((step, Iterate(x: x, value: value, gradient: gradient)))
      return (value, Vectors.dot(gradient, d))
    }
    let result = try search.search(
      phi, initialStep: min(initialStep, maxStep), value0: current.value, slope0: slope)
    guard result.step > 0,
      result.isAccepted || result.value <= current.value + search.c1 * result.step * slope,
      let trial = trials.last(where: { $0.step == result.step })
    else { return nil }
    return (trial.iterate, result.step)
  }

  /// Stores (s, y) unless sᵀy ≤ 1e-10·‖s‖‖y‖, keeping the newest `memory` pairs.
  func remember(_ state: inout State, s: [Double], y: [Double]) {
    let sy = Vectors.dot(s, y)
    guard sy > 1e-10 * Vectors.norm(s) * Vectors.norm(y), sy.isFinite else {
      state.skipped += 1
      return
    }
    state.s.append(s)
    state.y.append(y)
    if state.s.count > memory {
      state.s.removeFirst()
      state.y.removeFirst()
    }
  }
}
