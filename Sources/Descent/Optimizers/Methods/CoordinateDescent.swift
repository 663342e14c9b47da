/// Coordinate descent: one coordinate at a time, each minimised exactly along its axis by
/// ``Brent``'s derivative-free method; one iteration is one sweep over all coordinates.
///
/// For a sweep over the coordinates i in order (cyclic 1, 2, …, n, or a seeded random
/// permutation per sweep), with eᵢ the i-th unit vector,
///
/// ```
/// tᵢ = argmin_t f(x + t·eᵢ)      (Brent from the bracket t ∈ (0, initialStep))
/// x ← x + tᵢ·eᵢ                  (only if f(x + tᵢ·eᵢ) < f(x))
/// ```
///
/// The 1-D minimisation uses values only — a bracket by golden-section expansion, then Brent's
/// parabolic/golden iteration — so the method needs no gradient and finds the minimum along
/// each axis even where f is not differentiable or the minimum lies several steps away. (A
/// gradient-based alternative, a Newton step on ∂f/∂xᵢ, would need ∂²f/∂xᵢ² and fail where f
/// is not convex along the axis.) Each coordinate costs about 10–40 evaluations of f.
///
/// The run stops with ``StopReason/valueTolerance`` once a sweep decreased f by no more than
/// `tolerance` relative to |f| (Powell's criterion in SciPy's `fmin_powell`):
///
/// ```
/// 2·(f_before − f_after) ≤ tolerance·(|f_before| + |f_after|) + 10⁻²⁰
/// ```
///
/// The criterion is relative: where the minimum value is 0 and the sweeps converge linearly
/// (Rosenbrock's valley: about 0.5% of f per sweep), it is met only when f is near 10⁻²⁰ —
/// set the loop's value or step tolerance for an absolute stop.
///
/// Defaults: `tolerance` = 1e-10 (a sweep that gains ten digits less than f holds has
/// stalled); Brent's xtol = 1.48e-8 (SciPy's); the start bracket (0, 1) along each axis
/// (SciPy's default bracket, as its Powell method uses). Coordinate descent converges on
/// smooth strictly convex functions but can stall on non-smooth ones and zig-zags in curved
/// valleys (Rosenbrock) — the reason it is a baseline.
///
/// ## References
/// - S. J. Wright, "Coordinate descent algorithms", Math. Programming 151, 2015, Algorithm 1
///   and §2 (cyclic and randomised orders).
/// - M. J. D. Powell, "On search directions for minimization algorithms", Math. Programming 4,
///   1973 (where exact cyclic coordinate search can cycle without converging).
/// - R. P. Brent, *Algorithms for Minimization without Derivatives*, 1973, ch. 5.
public struct CoordinateDescent: IterativeMethod {
  /// The order in which a sweep visits the coordinates.
  public enum Order: Equatable, Sendable {
    /// 1, 2, …, n in every sweep.
    case cyclic
    /// A fresh random permutation per sweep, drawn from a generator seeded with `seed`.
    case randomized(seed: UInt64)
  }

  /// The order of the coordinates within a sweep.
  public var order: Order
  /// The relative decrease of f over a sweep below which the run stops.
  public var tolerance: Double
  /// The 1-D minimiser used along each axis.
  public var lineMinimizer: Brent
  /// The second point of the start bracket (0, `initialStep`) along each axis.
  public var initialStep: Double

  /// Coordinate descent in `order`, stopping when a sweep decreases f by less than `tolerance`.
  public init(
    order: Order = .cyclic, tolerance: Double = 1e-10, lineMinimizer: Brent? = nil,
    initialStep: Double = 1
  ) throws(HyperparameterError) {
    try HyperparameterError.requireNonNegative(tolerance, name: "ftol")
    guard initialStep.isFinite, initialStep > 0 else {
      throw HyperparameterError(
        name: "initial_step", value: "\(initialStep)", valid: "a finite number > 0")
    }
    self.order = order
    self.tolerance = tolerance
    if let lineMinimizer {
      self.lineMinimizer = lineMinimizer
    } else {
      self.lineMinimizer = try Brent()
    }
    self.initialStep = initialStep
  }

  /// What a sweep leaves for the next: the values around the last sweep, the generator of a
  /// randomised order, and a count of failed bracketings.
  public struct State: Codable, Equatable, Sendable {
    /// f before and after the last sweep; nil before the first.
    public var lastSweep: [Double]?
    /// Draws the permutations of a randomised order (nil for cyclic).
    public var generator: SeededGenerator?
    /// One-dimensional minimisations whose bracketing failed (f unbounded, flat or NaN
    /// along the axis); the coordinate kept the best point seen.
    public var bracketFailures = 0
  }

  public var name: String { "coordinate" }
  public var usesGradient: Bool { false }
  public var learningRateIsBoundedByCurvature: Bool { false }

  public var hyperparameters: JSONValue {
    var object: [String: JSONValue] = [
      "ftol": .number(tolerance), "xtol": .number(lineMinimizer.tolerance),
      "maxiter_1d": .number(Double(lineMinimizer.maxIterations)),
      "initial_step": .number(initialStep), "order": .string("cyclic"),
    ]
    if case .randomized(let seed) = order {
      object["order"] = .string("randomized")
      object["seed"] = .number(Double(seed))
    }
    return .object(object)
  }

  /// Nil: the steps come from the 1-D minimisations.
  public func learningRate(in state: State) -> Double? { nil }

  public func initialState(at start: Iterate, evaluator: ObjectiveEvaluator) throws -> State {
    var state = State()
    if case .randomized(let seed) = order { state.generator = SeededGenerator(seed: seed) }
    return state
  }

  public func step(from current: Iterate, state: inout State, evaluator: ObjectiveEvaluator) throws
    -> StepOutcome
  {
    if let sweep = state.lastSweep, sweep.count == 2 {
      let (before, after) = (sweep[0], sweep[1])
      if 2 * (before - after) <= tolerance * (Swift.abs(before) + Swift.abs(after)) + 1e-20 {
        return .stopped(.valueTolerance)
      }
    }
    var coordinates = Array(current.x.indices)
    if state.generator != nil { coordinates.shuffle(using: &state.generator!) }
    var x = current.x
    var value = current.value
    for i in coordinates {
      let origin = x[i]
      var probe = x
      let result = try lineMinimizer.minimize(
        { t in
          probe[i] = origin + t
          return try evaluator.value(at: probe)
        }, from: 0, to: initialStep, valueAtStart: value)
      if result.status == .noBracket { state.bracketFailures += 1 }
      if result.value < value {
        x[i] = origin + result.x
        value = result.value
      }
    }
    state.lastSweep = [current.value, value]
    return .moved(Iterate(x: x, value: value, gradient: []), learningRate: nil)
  }
}
