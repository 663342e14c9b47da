import Foundation

/// Levenberg–Marquardt for a sum of squares f = Σ rᵢ²: Gauss–Newton steps damped toward
/// (scaled) gradient descent, the damping adapted by how well the linear model predicted
/// the decrease.
///
/// ```
/// hₖ = argmin_h ‖J·h + r‖² + μₖ‖D·h‖²     ⇔   (JᵀJ + μₖD²)·hₖ = −Jᵀr
/// ρ  = (f(xₖ) − f(xₖ + hₖ)) / (‖r‖² − ‖r + J·hₖ‖²)          (actual / predicted decrease)
/// ρ > 0:  xₖ₊₁ = xₖ + hₖ,  μ ← μ·max(⅓, 1 − (2ρ − 1)³),  ν ← 2
/// ρ ≤ 0:  reject,          μ ← μ·ν,  ν ← 2ν
/// ```
///
/// This is Nielsen's damping update (Madsen, Nielsen & Tingleff, Algorithm 3.16), which
/// avoids the oscillation of the classical ×10 / ÷10 rule. h is computed from the augmented
/// least-squares problem [J; √μ·D]·h ≈ [−r; 0] by the SVD rather than from the normal
/// equations, which would square J's condition number.
///
/// Scaling (``scaled``, default on, as MINPACK's `lmder` with `mode = 1`): D² = diag(JᵀJ),
/// each entry the largest seen so far (a zero column counts as 1), so that the method is
/// invariant to rescaling the variables; μ₀ = τ. Off: D = I and μ₀ = τ·max diag(JᵀJ) (the
/// book's choice). τ = ``initialDamping``, default 10⁻³.
///
/// One iteration is one accepted step; the rejected trials in between (each one counted `f`)
/// are bounded by ``maxRejections``, after which the run stops with
/// ``StopReason/lineSearchFailed`` (no acceptable step could be found). When the step no
/// longer changes x in floating point the run stops with ``StopReason/stepTolerance``
/// (MINPACK's `xtol` test at machine precision), and when the decrease the linear model
/// predicts is below 4ε·f — too small to measure — with ``StopReason/valueTolerance``
/// (MINPACK's `ftol` test at machine precision). r and J are evaluated once per accepted
/// point (counted `g`). A Jacobian with NaN or infinite entries stops the run with
/// ``StopReason/nonFinite``, an SVD that does not converge with
/// ``StopReason/singularHessian``. Needs a ``ResidualObjective``.
///
/// - Note: SciPy's `least_squares(method='lm')` calls MINPACK, whose damping is the
///   trust-region form (Moré 1978); the iterates differ, the minima do not.
///
/// ## References
/// - K. Madsen, H. B. Nielsen and O. Tingleff, *Methods for Non-Linear Least Squares
///   Problems*, 2nd ed., DTU 2004, §3.2, eq. (3.13)–(3.16) and Algorithm 3.16.
/// - J. J. Moré, "The Levenberg–Marquardt algorithm: implementation and theory", Lecture
///   Notes in Mathematics 630, 1978, pp. 105–116 (the scaling D).
/// - H. B. Nielsen, "Damping parameter in Marquardt's method", IMM-REP-1999-05, DTU 1999.
public struct LevenbergMarquardt: IterativeMethod {
  /// τ: the initial damping μ₀ relative to the scale of JᵀJ.
  public var initialDamping: Double
  /// Whether D² = diag(JᵀJ) (running maximum) scales the damping, as MINPACK does.
  public var scaled: Bool
  /// The most rejected trials within one iteration.
  public var maxRejections: Int

  /// Levenberg–Marquardt with Nielsen's damping update.
  public init(initialDamping: Double = 1e-3, scaled: Bool = true, maxRejections: Int = 60) {
    precondition(
      initialDamping > 0 && initialDamping.isFinite,
      "LevenbergMarquardt: initialDamping = \(initialDamping) must be positive and finite")
    precondition(
      maxRejections >= 1, "LevenbergMarquardt: maxRejections = \(maxRejections) must be ≥ 1")
    self.initialDamping = initialDamping
    self.scaled = scaled
    self.maxRejections = maxRejections
  }

  /// What carries over between iterations: the linear model at the current point, the
  /// damping and its growth factor, and the scaling.
  public struct State: Codable, Equatable, Sendable {
    /// r and J at the current point.
    public var model: LinearizedResiduals
    /// μ, the damping of the next trial.
    public var damping: Double
    /// ν, the factor μ grows by after the next rejection.
    public var growth: Double
    /// The diagonal of D² (all ones when not scaled).
    public var scale: [Double]
  }

  public var name: String { "lm" }
  public var usesGradient: Bool { true }
  public var learningRateIsBoundedByCurvature: Bool { false }

  public var hyperparameters: JSONValue {
    .object([
      "tau": .number(initialDamping), "scaled": .bool(scaled),
      "max_rejections": .number(Double(maxRejections)),
    ])
  }

  /// No learning rate: the damping μ plays that part inversely.
  public func learningRate(in state: State) -> Double? { nil }

  /// diag(JᵀJ) of `model`.
  private static func columnSquares(_ model: LinearizedResiduals) -> [Double] {
    var out = [Double](repeating: 0, count: model.dimension)
    for i in 0..<model.residualCount {
      for j in 0..<model.dimension {
        let a = model.jacobian[i * model.dimension + j]
        out[j] += a * a
      }
    }
    return out
  }

  public func initialState(at start: Iterate, evaluator: ObjectiveEvaluator) throws -> State {
    let model = try LinearizedResiduals(at: start.x, evaluator: evaluator)
    let squares = Self.columnSquares(model)
    if scaled {
      return State(
        model: model, damping: initialDamping, growth: 2,
        scale: squares.map { $0 > 0 ? $0 : 1 })
    }
    let largest = squares.max() ?? 1
    return State(
      model: model, damping: initialDamping * (largest > 0 ? largest : 1), growth: 2,
      scale: Array(repeating: 1, count: model.dimension))
  }

  public func step(from current: Iterate, state: inout State, evaluator: ObjectiveEvaluator) throws
    -> StepOutcome
  {
    let model = state.model
    let (m, n) = (model.residualCount, model.dimension)
    let rhs = model.residuals.map { -$0 } + [Double](repeating: 0, count: n)
    for _ in 0..<maxRejections {
      // [J; √μ·D] h ≈ [−r; 0]
      var augmented = model.jacobian + [Double](repeating: 0, count: n * n)
      for j in 0..<n { augmented[(m + j) * n + j] = (state.damping * state.scale[j]).squareRoot() }
      let matrix = Tensor(uncheckedShape: [m + n, n], storage: augmented)
      let h: [Double]
      do {
        h = try matrix.leastSquares(rhs).solution
      } catch LinearAlgebraError.nonFinite {
        return .stopped(.nonFinite)
      } catch LinearAlgebraError.noConvergence {
        return .stopped(.singularHessian)
      }
      let x = zip(current.x, h).map { $0 + $1 }
      if x == current.x { return .stopped(.stepTolerance) }
      let linearized = zip(model.residuals, model.product(h)).map { $0 + $1 }
      let predicted = model.value - linearized.reduce(0) { $0 + $1 * $1 }
      // A decrease below f's rounding cannot be measured: converged to machine precision.
      if predicted <= 4 * Double.ulpOfOne * model.value { return .stopped(.valueTolerance) }
      let value = try evaluator.value(at: x)
      let actual = current.value - value
      if value.isFinite && predicted > 0 && actual > 0 {
        let rho = actual / predicted
        let cube = (2 * rho - 1) * (2 * rho - 1) * (2 * rho - 1)
        state.damping *= Swift.max(1.0 / 3.0, 1 - cube)
        state.growth = 2
        state.model = try LinearizedResiduals(at: x, evaluator: evaluator)
        if scaled {
          state.scale = zip(state.scale, Self.columnSquares(state.model)).map { Swift.max($0, $1) }
        }
        return .moved(state.model.iterate(at: x), learningRate: nil)
      }
      state.damping *= state.growth
      state.growth *= 2
      guard state.damping.isFinite else { break }
    }
    return .stopped(.lineSearchFailed)
  }
}
