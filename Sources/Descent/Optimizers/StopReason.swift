/// Why a run stopped: the `stopReason` of a result (CLI.md). Numerical failure is data, not
/// an exception: a run that stops on ``diverged`` or ``nonFinite`` still returns the last
/// finite point.
public enum StopReason: String, Codable, Sendable, CaseIterable {
  /// ‖∇f‖∞ fell to the gradient tolerance: a critical point to that accuracy.
  case gradientTolerance
  /// The change of f over one iteration fell below the value tolerance.
  case valueTolerance
  /// The step ‖xₖ₊₁ − xₖ‖ fell below the step tolerance.
  case stepTolerance
  /// The iteration limit was reached without meeting a convergence criterion.
  case maxIterations
  /// The evaluation limit (objective plus gradient evaluations) was reached.
  case maxEvaluations
  /// The time limit ran out.
  case timeLimit
  /// The observer asked to stop.
  case callback
  /// A line search found no acceptable step.
  case lineSearchFailed
  /// The Newton (or Gauss–Newton) system could not be solved: the Hessian (or JᵀJ) is
  /// singular; the modified, damped or trust-region variants handle this case.
  case singularHessian
  /// f grew beyond the divergence bound: the run is blowing up (often a learning rate too
  /// large for the curvature); or f fell below the bound's negative: the objective looks
  /// unbounded below.
  case diverged
  /// The objective or its gradient became NaN or infinite.
  case nonFinite

  /// True for the reasons that mean a convergence criterion fired.
  public var isConvergence: Bool {
    self == .gradientTolerance || self == .valueTolerance || self == .stepTolerance
  }
}
