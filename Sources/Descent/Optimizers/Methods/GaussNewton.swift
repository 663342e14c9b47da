/// Gauss–Newton for a sum of squares f = Σ rᵢ²: the step solves the linearized least-squares
/// problem, then a backtracking line search on f makes it a descent method.
///
/// ```
/// dₖ = argmin_d ‖J(xₖ)·d + r(xₖ)‖₂       (minimum-norm solution, by the SVD)
/// xₖ₊₁ = xₖ + αₖ·dₖ,   αₖ the first of 1, ρ, ρ², … with f(xₖ + α·dₖ) ≤ f(xₖ) + c1·α·∇f(xₖ)ᵀdₖ
/// ```
///
/// The step is Newton's step with the Hessian ∇²f = 2JᵀJ + 2Σ rᵢ∇²rᵢ replaced by 2JᵀJ: exact
/// where the residuals vanish at the solution (quadratic convergence near a zero-residual
/// minimum), linear otherwise, at a rate set by the size of the neglected term.
///
/// Rank-deficient J is repaired by the minimum-norm solution d = −J⁺r (singular values below
/// max(m, n)·ε·σ₁ dropped), which is still a descent direction: ∇fᵀd = −2‖P r‖² with P the
/// projection on the range of J. Beyond repair — J = 0, or a d that does not descend — the
/// run stops with ``StopReason/singularHessian`` (as when the SVD fails to converge); a
/// Jacobian with NaN or infinite entries stops it with ``StopReason/nonFinite``; a line search that finds no decrease in
/// ``maxShrinks`` halvings stops it with ``StopReason/lineSearchFailed``.
///
/// Evaluations: r and J once per iteration at the accepted point (counted `g`, see
/// ``ObjectiveEvaluator/residualsAndJacobian(at:)``), f once per trial step (counted `f`).
/// Needs a ``ResidualObjective``.
///
/// Defaults: c1 = 1e-4, ρ = ½, at most 30 halvings (α ≥ 2⁻³⁰ ≈ 1e-9), Nocedal & Wright's
/// Algorithm 3.1 constants.
///
/// ## References
/// - J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., 2006, §10.3
///   (eq. 10.23, Theorem 10.1) and Algorithm 3.1.
/// - Å. Björck, *Numerical Methods for Least Squares Problems*, SIAM 1996, §9.2.1.
public struct GaussNewton: IterativeMethod {
  /// The sufficient-decrease constant of the line search.
  public var c1: Double
  /// The factor applied to a rejected step.
  public var shrinkFactor: Double
  /// The most halvings before the line search gives up.
  public var maxShrinks: Int

  /// Gauss–Newton with a backtracking Armijo line search.
  public init(c1: Double = 1e-4, shrinkFactor: Double = 0.5, maxShrinks: Int = 30) {
    precondition(c1 > 0 && c1 < 1, "GaussNewton: c1 = \(c1) must lie in (0, 1)")
    precondition(
      shrinkFactor > 0 && shrinkFactor < 1,
      "GaussNewton: shrinkFactor = \(shrinkFactor) must lie in (0, 1)")
    precondition(maxShrinks >= 0, "GaussNewton: maxShrinks = \(maxShrinks) must be ≥ 0")
    self.c1 = c1
    self.shrinkFactor = shrinkFactor
    self.maxShrinks = maxShrinks
  }

  /// What carries over between iterations: the linear model at the current point and the
  /// last step length.
  public struct State: Codable, Equatable, Sendable {
    /// r and J at the current point.
    public var model: LinearizedResiduals
    /// The step α accepted by the last line search, nil before the first.
    public var previousStep: Double?
  }

  public var name: String { "gauss-newton" }
  public var usesGradient: Bool { true }
  public var learningRateIsBoundedByCurvature: Bool { false }

  public var hyperparameters: JSONValue {
    .object([
      "linesearch": .object([
        "name": .string("backtracking"), "c1": .number(c1), "rho": .number(shrinkFactor),
        "maxiter": .number(Double(maxShrinks)),
      ])
    ])
  }

  /// The step α of the last line search.
  public func learningRate(in state: State) -> Double? { state.previousStep }

  public func initialState(at start: Iterate, evaluator: ObjectiveEvaluator) throws -> State {
    State(model: try LinearizedResiduals(at: start.x, evaluator: evaluator), previousStep: nil)
  }

  public func step(from current: Iterate, state: inout State, evaluator: ObjectiveEvaluator) throws
    -> StepOutcome
  {
    let model = state.model
    let solved: LeastSquaresSolution
    do {
      solved = try model.jacobianTensor.leastSquares(model.residuals.map { -$0 })
    } catch LinearAlgebraError.nonFinite {
      return .stopped(.nonFinite)
    } catch LinearAlgebraError.noConvergence {
      return .stopped(.singularHessian)
    }
    let direction = solved.solution
    let slope = Vectors.dot(current.gradient, direction)
    guard solved.rank > 0, slope < 0, slope.isFinite else { return .stopped(.singularHessian) }
    var alpha = 1.0
    for _ in 0...maxShrinks {
      let x = zip(current.x, direction).map { $0 + alpha * $1 }
      let value = try evaluator.value(at: x)
      if value.isFinite && value <= current.value + c1 * alpha * slope {
        state.model = try LinearizedResiduals(at: x, evaluator: evaluator)
        state.previousStep = alpha
        return .moved(state.model.iterate(at: x), learningRate: alpha)
      }
      alpha *= shrinkFactor
    }
    return .stopped(.lineSearchFailed)
  }
}

/// r(x) and J(x) at one point, kept in a method's state: the linear model r + J·d of the
/// residuals that Gauss–Newton and Levenberg–Marquardt minimize.
public struct LinearizedResiduals: Codable, Equatable, Sendable {
  /// r(x), m values.
  public var residuals: [Double]
  /// J(x), row-major m×n.
  public var jacobian: [Double]
  /// n.
  public var dimension: Int

  /// Evaluates r and J at `x` (one counted `g`).
  init(at x: [Double], evaluator: ObjectiveEvaluator) throws {
    let (r, j) = try evaluator.residualsAndJacobian(at: x)
    precondition(
      j.shape == [r.count, x.count],
      "residualsAndJacobian: a Jacobian of shape \(j.shape) for \(r.count) residuals and "
        + "\(x.count) variables")
    self.residuals = r
    self.jacobian = j.scalars
    self.dimension = x.count
  }

  /// m.
  var residualCount: Int { residuals.count }
  /// J as an m×n tensor.
  var jacobianTensor: Tensor {
    Tensor(uncheckedShape: [residualCount, dimension], storage: jacobian)
  }
  /// f = Σ rᵢ².
  var value: Double { residuals.reduce(0) { $0 + $1 * $1 } }

  /// Jᵀv for m values v.
  func transposedProduct(_ v: [Double]) -> [Double] {
    var out = [Double](repeating: 0, count: dimension)
    for i in 0..<residualCount {
      let vi = v[i]
      for j in 0..<dimension { out[j] += jacobian[i * dimension + j] * vi }
    }
    return out
  }

  /// J·d for n values d.
  func product(_ d: [Double]) -> [Double] {
    (0..<residualCount).map { i in
      var s = 0.0
      for j in 0..<dimension { s += jacobian[i * dimension + j] * d[j] }
      return s
    }
  }

  /// ∇f = 2Jᵀr.
  var gradient: [Double] { transposedProduct(residuals).map { 2 * $0 } }

  /// The iterate at `x` (f and ∇f from r and J).
  func iterate(at x: [Double]) -> Iterate { Iterate(x: x, value: value, gradient: gradient) }
}
