/// A one-dimensional search for a step length along a descent direction.
///
/// A line search sees the objective only through its restriction to the ray from the current
/// point x along a direction d:
///
/// ```
/// φ(α)  = f(x + α·d)
/// φ′(α) = ∇f(x + α·d)ᵀd
/// ```
///
/// and looks for a step α > 0 that decreases φ enough (and, for some searches, flattens it
/// enough). The direction must be a descent direction, φ′(0) < 0; otherwise the search reports
/// ``LineSearchOutcome/failed(reason:)`` without evaluating φ.
///
/// Searches are pluggable, in the manner of Optim.jl's LineSearches.jl: a method that needs a
/// step length takes any `LineSearch` and hands it φ as a closure. Numerical trouble (a
/// non-finite trial value, an interval that collapses) is data — an outcome in the result —
/// never a crash; only an error thrown by `phi` itself propagates.
///
/// ## References
/// - J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., Springer 2006, §3.1.
/// - P. K. Mogensen and A. N. Riseth, "Optim: A mathematical optimization package for Julia",
///   JOSS 3(24), 2018 (LineSearches.jl).
public protocol LineSearch: Sendable {
  /// Searches for a step along the ray.
  ///
  /// - Parameters:
  ///   - phi: φ and φ′ at a step α > 0: `(value: φ(α), slope: φ′(α))`.
  ///   - initialStep: the first trial step α₀ > 0 (1 for Newton and quasi-Newton methods).
  ///   - value0: φ(0) = f(x), already known to the caller.
  ///   - slope0: φ′(0) = ∇f(x)ᵀd, which must be negative.
  /// - Returns: the step, φ and φ′ there, the number of calls to `phi`, and the outcome. On
  ///   failure the step is the lowest finite point seen (possibly α = 0, the start).
  /// - Throws: only what `phi` throws.
  func search(
    _ phi: (Double) throws -> (value: Double, slope: Double), initialStep: Double,
    value0: Double, slope0: Double
  ) throws -> LineSearchResult
}

/// How a line search ended.
public enum LineSearchOutcome: Equatable, Sendable {
  /// The step satisfies the search's acceptance conditions.
  case accepted
  /// No acceptable step was found; the sentence says why.
  case failed(reason: String)
}

/// The step a line search returns, with φ and φ′ there and its cost.
public struct LineSearchResult: Equatable, Sendable {
  /// The step α (0 when no point better than the start was found).
  public var step: Double
  /// φ(α).
  public var value: Double
  /// φ′(α).
  public var slope: Double
  /// Calls made to φ, not counting φ(0) and φ′(0), which the caller supplies.
  public var evaluations: Int
  /// Whether the step was accepted.
  public var outcome: LineSearchOutcome

  public init(
    step: Double, value: Double, slope: Double, evaluations: Int, outcome: LineSearchOutcome
  ) {
    self.step = step
    self.value = value
    self.slope = slope
    self.evaluations = evaluations
    self.outcome = outcome
  }

  /// True when the outcome is ``LineSearchOutcome/accepted``.
  public var isAccepted: Bool { outcome == .accepted }
}

/// Checks shared by every line search.
enum LineSearchStart {
  /// The failure to report before any evaluation, or nil when the search may proceed: φ(0)
  /// and φ′(0) must be finite and φ′(0) negative.
  static func failure(value0: Double, slope0: Double) -> LineSearchResult? {
    let reason: String
    if !value0.isFinite || !slope0.isFinite {
      reason = "φ(0) = \(value0) or φ′(0) = \(slope0) is not finite."
    } else if slope0 >= 0 {
      reason = "φ′(0) = \(slope0) ≥ 0: the direction is not a descent direction."
    } else {
      return nil
    }
    return LineSearchResult(
      step: 0, value: value0, slope: slope0, evaluations: 0, outcome: .failed(reason: reason))
  }
}
