/// The Moré–Thuente line search for a step satisfying the strong Wolfe conditions.
///
/// Finds α > 0 with
///
/// ```
/// φ(α)    ≤ φ(0) + c1·α·φ′(0)        (sufficient decrease)
/// |φ′(α)| ≤ c2·|φ′(0)|               (curvature)
/// ```
///
/// where c1 (μ in the paper) is ``c1`` and c2 (η) is ``c2``, 0 < c1 ≤ c2 < 1 (the paper's
/// functions 4–6 use c1 = c2 = 0.001). The search keeps an interval of uncertainty that,
/// once it brackets a minimizer, shrinks by a factor of at least 0.66 every two trials; new
/// trials come from safeguarded cubic and quadratic interpolation (``MoreThuenteInterval``). Until a point with ψ(α) ≤ 0 and φ′(α) ≥ 0 appears
/// it works on the auxiliary function ψ(α) = φ(α) − φ(0) − c1·α·φ′(0), which is what
/// guarantees sufficient decrease.
///
/// Use it with quasi-Newton (BFGS, L-BFGS) and conjugate-gradient methods: the curvature
/// condition keeps yᵀs > 0, so BFGS updates stay positive definite.
///
/// Safeguards, each ending in ``LineSearchOutcome/failed(reason:)`` with the lowest finite
/// point seen rather than a crash:
/// - a NaN or infinite φ(α) or φ′(α) counts as a step too long: the next trial is halfway
///   back to the best finite point, and no later trial goes that far again;
/// - a flat or noisy φ: the search stops when the interval is narrower than
///   ``intervalTolerance`` relative to its right end;
/// - the step reaching ``minStep`` or ``maxStep``, or ``maxEvaluations`` calls of φ.
///
/// Defaults: c1 = 1e-4 and c2 = 0.9 (Nocedal & Wright §3.1, for Newton and quasi-Newton
/// directions; use c2 = 0.1 for conjugate gradients); interval tolerance 1e-10; steps in
/// [1e-20, 1e20]; at most 100 evaluations (the paper's tests need under 20).
///
/// - Note: LineSearches.jl's `MoreThuente` and MINPACK-2's `dcsrch` implement the same
///   algorithm; this is written from the paper. Unlike them, a step limit or a collapsed
///   interval is reported as a failure unless the returned point meets both conditions.
///
/// ## References
/// - J. J. Moré and D. J. Thuente, "Line search algorithms with guaranteed sufficient
///   decrease", ACM TOMS 20(3), 286–307, 1994.
/// - J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., 2006, eq. (3.7).
public struct StrongWolfe: LineSearch {
  /// The sufficient-decrease constant c1 (μ).
  public var c1: Double
  /// The curvature constant c2 (η).
  public var c2: Double
  /// The relative width below which the bracketing interval counts as collapsed.
  public var intervalTolerance: Double
  /// The smallest step tried.
  public var minStep: Double
  /// The largest step tried.
  public var maxStep: Double
  /// The most calls of φ.
  public var maxEvaluations: Int

  public init(
    c1: Double = 1e-4, c2: Double = 0.9, intervalTolerance: Double = 1e-10,
    minStep: Double = 1e-20, maxStep: Double = 1e20, maxEvaluations: Int = 100
  ) {
    precondition(
      0 < c1 && c1 <= c2 && c2 < 1,
      "StrongWolfe: need 0 < c1 ≤ c2 < 1, got c1 = \(c1), c2 = \(c2)")
    precondition(
      intervalTolerance >= 0, "StrongWolfe: intervalTolerance = \(intervalTolerance) must be ≥ 0")
    precondition(
      0 <= minStep && minStep < maxStep,
      "StrongWolfe: need 0 ≤ minStep < maxStep, got \(minStep) and \(maxStep)")
    precondition(maxEvaluations > 0, "StrongWolfe: maxEvaluations = \(maxEvaluations) must be > 0")
    self.c1 = c1
    self.c2 = c2
    self.intervalTolerance = intervalTolerance
    self.minStep = minStep
    self.maxStep = maxStep
    self.maxEvaluations = maxEvaluations
  }

  public func search(
    _ phi: (Double) throws -> (value: Double, slope: Double), initialStep: Double,
    value0: Double, slope0: Double
  ) throws -> LineSearchResult {
    precondition(
      initialStep > 0 && initialStep.isFinite,
      "StrongWolfe: initialStep = \(initialStep) must be positive and finite")
    if let failure = LineSearchStart.failure(value0: value0, slope0: slope0) { return failure }
    let start = LineSearchPoint(step: 0, value: value0, slope: slope0)
    let decreaseSlope = c1 * slope0
    var interval = MoreThuenteInterval(start: start)
    var lowest = start
    var auxiliary = true  // Stage 1 of the paper: work on ψ.
    var width = maxStep - minStep
    var previousWidth = 2 * width
    var (lower, upper) = (0.0, initialStep * 5)
    // Steps at or beyond this gave non-finite values.
    var ceiling = Double.infinity
    var step = min(max(initialStep, minStep), maxStep)

    func finish(_ point: LineSearchPoint, _ evaluations: Int, _ reason: String?)
      -> LineSearchResult
    {
      if let reason {
        return LineSearchResult(
          step: lowest.step, value: lowest.value, slope: lowest.slope, evaluations: evaluations,
          outcome: .failed(reason: reason))
      }
      return LineSearchResult(
        step: point.step, value: point.value, slope: point.slope, evaluations: evaluations,
        outcome: .accepted)
    }

    for evaluations in 1...maxEvaluations {
      let (value, slope) = try phi(step)
      guard value.isFinite && slope.isFinite else {
        ceiling = step
        step = interval.best.step + 0.5 * (step - interval.best.step)
        if step <= minStep || step == interval.best.step {
          return finish(
            lowest, evaluations, "φ is NaN or infinite at every trial, down to α = \(ceiling).")
        }
        continue
      }
      let trial = LineSearchPoint(step: step, value: value, slope: slope)
      if value < lowest.value { lowest = trial }
      let sufficientDecrease = value <= value0 + step * decreaseSlope
      if sufficientDecrease && abs(slope) <= c2 * -slope0 {
        return finish(trial, evaluations, nil)
      }
      if auxiliary && sufficientDecrease && slope >= 0 { auxiliary = false }
      if interval.bracketed && (step <= lower || step >= upper) {
        return finish(trial, evaluations, "Rounding errors prevent progress in the interval.")
      }
      if interval.bracketed && upper - lower <= intervalTolerance * upper {
        return finish(
          trial, evaluations,
          "The interval [\(lower), \(upper)] is below the tolerance with no strong Wolfe point "
            + "(φ is flat or noisy at this scale).")
      }
      if step == maxStep && sufficientDecrease && slope <= decreaseSlope {
        return finish(
          trial, evaluations, "The step reached maxStep = \(maxStep): φ may be unbounded below.")
      }
      if step == minStep && (!sufficientDecrease || slope >= decreaseSlope) {
        return finish(
          trial, evaluations, "The step reached minStep = \(minStep) without sufficient decrease.")
      }

      // In stage 1 a trial that is lower than αₗ but fails sufficient decrease is judged by ψ.
      if auxiliary && value <= interval.best.value && !sufficientDecrease {
        interval.best = interval.best.shifted(by: decreaseSlope)
        interval.other = interval.other.shifted(by: decreaseSlope)
        step = interval.update(with: trial.shifted(by: decreaseSlope), lower: lower, upper: upper)
        interval.best = interval.best.shifted(by: -decreaseSlope)
        interval.other = interval.other.shifted(by: -decreaseSlope)
      } else {
        step = interval.update(with: trial, lower: lower, upper: upper)
      }

      let (x, y) = (interval.best.step, interval.other.step)
      if interval.bracketed {
        // Bisect if the interval did not shrink enough over the last two trials.
        if abs(y - x) >= 0.66 * previousWidth { step = x + 0.5 * (y - x) }
        previousWidth = width
        width = abs(y - x)
        (lower, upper) = (min(x, y), max(x, y))
      } else {
        // Extrapolation bounds for the next update: between 1.1 and 4 times the last
        // distance beyond the new trial (the paper's δ bounds of §4).
        (lower, upper) = (step + 1.1 * (step - x), step + 4 * (step - x))
      }
      step = min(max(step, minStep), maxStep)
      if step >= ceiling { step = x + 0.5 * (ceiling - x) }
      if interval.bracketed
        && (step <= lower || step >= upper || upper - lower <= intervalTolerance * upper)
      {
        step = x
      }
    }
    return finish(lowest, maxEvaluations, "No strong Wolfe point in \(maxEvaluations) evaluations.")
  }
}
