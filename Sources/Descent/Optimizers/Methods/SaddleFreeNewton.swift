/// Saddle-free Newton: Newton's step with the Hessian's eigenvalues replaced by their absolute
/// values, so that negative curvature repels instead of attracting.
///
/// With H = V·diag(λᵢ)·Vᵀ (``SymmetricEigendecomposition``):
///
/// ```
/// |H|_δ = V·diag(max(|λᵢ|, δ))·Vᵀ
/// d = −|H|_δ⁻¹·g = −Σ (vᵢᵀg / max(|λᵢ|, δ))·vᵢ
/// xₖ₊₁ = xₖ + αₖd,  αₖ from the line search started at α = 1
/// ```
///
/// (Dauphin et al. 2014, eq. (10), computed exactly rather than in a Krylov subspace.) Along
/// an eigenvector of positive curvature this is the Newton step; along one of negative
/// curvature it is the Newton step reversed, downhill and away from the saddle. δ, the
/// ``damping``, floors the eigenvalues so that a flat direction does not give an unbounded
/// step (default 10⁻⁴; the paper tunes a damping of this role on a grid). d is a descent
/// direction whenever g ≠ 0. At a point where g = 0 exactly there is no step to take.
///
/// The default line search is ``BacktrackingArmijo``, as for ``Newton``: away from a saddle f
/// is often unbounded below along d, where strong Wolfe's curvature condition cannot hold.
/// Each iteration costs one `h` and the line search's `g`s; a Hessian that is not finite
/// stops the run with ``StopReason/nonFinite``.
///
/// Where the promised decrease is below the rounding of f the full step is taken
/// (``NewtonLineSearch``).
///
/// ## References
/// - Y. Dauphin, R. Pascanu, C. Gulcehre, K. Cho, S. Ganguli and Y. Bengio, "Identifying and
///   attacking the saddle point problem in high-dimensional non-convex optimization",
///   NeurIPS 2014, eq. (10).
public struct SaddleFreeNewton: IterativeMethod {
  /// δ > 0, the floor on |λᵢ|.
  public var damping: Double
  /// The line search along d.
  public var lineSearch: any LineSearch

  /// Saddle-free Newton with eigenvalue floor `damping` and `lineSearch`.
  public init(damping: Double = 1e-4, lineSearch: any LineSearch = BacktrackingArmijo()) {
    precondition(
      damping > 0 && damping.isFinite,
      "SaddleFreeNewton: damping = \(damping) must be positive and finite")
    self.damping = damping
    self.lineSearch = lineSearch
  }

  /// What evolves between iterations: a count of saddle regions crossed.
  public struct State: Codable, Equatable, Sendable {
    /// Iterations at which H had a negative eigenvalue.
    public var negativeCurvature = 0
  }

  public var name: String { "saddle-free" }
  public var usesGradient: Bool { true }
  public var learningRateIsBoundedByCurvature: Bool { false }

  public var hyperparameters: JSONValue {
    .object(["damping": .number(damping), "linesearch": DirectionalSearch.describe(lineSearch)])
  }

  /// Nil: the step comes from the line search.
  public func learningRate(in state: State) -> Double? { nil }

  public func initialState(at start: Iterate, evaluator: ObjectiveEvaluator) throws -> State {
    State()
  }

  /// −|H|_δ⁻¹g from the decomposition of H.
  func direction(gradient g: [Double], eigen: SymmetricEigendecomposition) -> [Double] {
    var d = [Double](repeating: 0, count: g.count)
    for (value, vector) in zip(eigen.eigenvalues, eigen.eigenvectors) {
      let coefficient = -Vectors.dot(vector, g) / Swift.max(Swift.abs(value), damping)
      for j in d.indices { d[j] += coefficient * vector[j] }
    }
    return d
  }

  public func step(from current: Iterate, state: inout State, evaluator: ObjectiveEvaluator) throws
    -> StepOutcome
  {
    let (_, _, h) = try evaluator.valueGradientAndHessian(at: current.x)
    guard h.isFinite, let eigen = try? SymmetricEigendecomposition(h) else {
      return .stopped(.nonFinite)
    }
    if let lowest = eigen.eigenvalues.first, lowest < 0 { state.negativeCurvature += 1 }
    let d = direction(gradient: current.gradient, eigen: eigen)
    return try NewtonLineSearch.step(lineSearch, from: current, along: d, evaluator: evaluator)
  }
}
