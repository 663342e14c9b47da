/// Backtracking to the Armijo sufficient-decrease condition.
///
/// Tries α₀, ρα₀, ρ²α₀, … and accepts the first step with
///
/// ```
/// φ(α) ≤ φ(0) + c1·α·φ′(0)
/// ```
///
/// where c1 is ``c1`` and ρ is ``shrinkFactor``. A trial whose φ is NaN or infinite counts as
/// too long and is shrunk like any other rejected step, so a search that starts outside the
/// domain of f walks back into it. Only φ is used; φ′(α) is returned for the caller.
///
/// Use it with methods whose direction already has a good scale (Newton, or gradient descent
/// when a cheap step is enough); quasi-Newton methods want the curvature condition of
/// ``StrongWolfe`` to keep their Hessian approximation positive definite.
///
/// Defaults: c1 = 1e-4 and ρ = ½ (Nocedal & Wright, §3.1 and Algorithm 3.1); at most 50
/// shrinks, after which α₀·2⁻⁵⁰ ≈ 1e-15·α₀ is below any useful step.
///
/// - Note: LineSearches.jl's `BackTracking` interpolates (quadratic, then cubic) between
///   trials; this one shrinks by a fixed factor, so the accepted step is exactly the first of
///   α₀, ρα₀, ρ²α₀, … that satisfies the condition.
///
/// ## References
/// - L. Armijo, "Minimization of functions having Lipschitz continuous first partial
///   derivatives", Pacific J. Math. 16(1), 1966.
/// - J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., 2006, eq. (3.4) and
///   Algorithm 3.1.
public struct BacktrackingArmijo: LineSearch {
  /// The sufficient-decrease constant c1 ∈ (0, 1).
  public var c1: Double
  /// The factor ρ ∈ (0, 1) applied to a rejected step.
  public var shrinkFactor: Double
  /// The most shrinks before the search gives up.
  public var maxShrinks: Int

  public init(c1: Double = 1e-4, shrinkFactor: Double = 0.5, maxShrinks: Int = 50) {
    precondition(c1 > 0 && c1 < 1, "BacktrackingArmijo: c1 = \(c1) must lie in (0, 1)")
    precondition(
      shrinkFactor > 0 && shrinkFactor < 1,
      "BacktrackingArmijo: shrinkFactor = \(shrinkFactor) must lie in (0, 1)")
    precondition(maxShrinks >= 0, "BacktrackingArmijo: maxShrinks = \(maxShrinks) must be ≥ 0")
    self.c1 = c1
    self.shrinkFactor = shrinkFactor
    self.maxShrinks = maxShrinks
  }

  public func search(
    _ phi: (Double) throws -> (value: Double, slope: Double), initialStep: Double,
    value0: Double, slope0: Double
  ) throws -> LineSearchResult {
    precondition(
      initialStep > 0 && initialStep.isFinite,
      "BacktrackingArmijo: initialStep = \(initialStep) must be positive and finite")
    if let failure = LineSearchStart.failure(value0: value0, slope0: slope0) { return failure }
    // The lowest finite trial, returned if no step is accepted.
    var best = LineSearchResult(
      step: 0, value: value0, slope: slope0, evaluations: 0, outcome: .accepted)
    var step = initialStep
    for evaluations in 1...(maxShrinks + 1) {
      let (value, slope) = try phi(step)
      if value.isFinite {
        if value <= value0 + c1 * step * slope0 {
          return LineSearchResult(
            step: step, value: value, slope: slope, evaluations: evaluations,
            outcome: .accepted)
        }
        if value < best.value { (best.step, best.value, best.slope) = (step, value, slope) }
      }
      best.evaluations = evaluations
      step *= shrinkFactor
    }
    best.outcome = .failed(
      reason: "No step in \(maxShrinks) shrinks of α₀ = \(initialStep) satisfied "
        + "sufficient decrease (φ may be flat or noisy at this scale).")
    return best
  }
}
