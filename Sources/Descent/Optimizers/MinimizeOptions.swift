/// Limits and convergence criteria of the driver loop. A criterion set to 0 (or nil) is off.
///
/// Defaults follow Optim.jl's `Optim.Options` where it has the criterion (`g_tol = 1e-8`,
/// `iterations = 1000`); tolerances on f and x are off unless set, as there.
public struct MinimizeOptions: Sendable {
  /// Stop after this many iterations (updates applied).
  public var maxIterations = 1000
  /// Stop when ‖∇f‖∞ ≤ this (SciPy's `gtol`, Optim.jl's `g_tol`).
  public var gradientTolerance = 1e-8
  /// Stop when |fₖ₊₁ − fₖ| ≤ absolute + relative·|fₖ|.
  public var valueTolerance: (absolute: Double, relative: Double) = (0, 0)
  /// Stop when ‖xₖ₊₁ − xₖ‖∞ ≤ this.
  public var stepTolerance = 0.0
  /// Stop when objective plus gradient evaluations reach this.
  public var maxEvaluations: Int?
  /// Stop after this many seconds.
  public var timeLimit: Double?
  /// A run whose f exceeds this bound has diverged, and one whose f falls below its negative
  /// has found an objective unbounded below. nil: max(10¹⁰, 10⁶·|f₀|) (f₀ the start value),
  /// far beyond any value a converging run of a sane problem passes through.
  public var divergenceBound: Double?
  /// Keep one trace entry per iteration (entry 0 the start) in the result.
  public var recordTrace = true

  /// The defaults.
  public init() {}
}

/// One entry of a run's trace (CLI.md): the step, the point, f, ‖∇f‖₂ and the learning
/// rate where the method has one.
public struct TraceEntry: Codable, Equatable, Sendable {
  public var step: Int
  public var x: [Double]
  public var value: Double
  public var gradNorm: Double?
  public var lr: Double?
}

/// What the observer answers after each iteration.
public enum ObserverVerdict: Sendable {
  case proceed
  case stop
}

/// Where and why a run diverged, with a hint a person can act on.
public struct DivergenceReport: Codable, Equatable, Sendable {
  /// The iteration whose result was not finite or beyond the bound.
  public var step: Int
  /// One sentence: what happened and what to try.
  public var hint: String
}

/// The outcome of a run (the result object of CLI.md).
public struct MinimizeResult: Sendable {
  public var method: String
  public var hyperparameters: JSONValue
  /// The final point: the last finite iterate.
  public var x: [Double]
  public var value: Double
  public var gradient: [Double]
  /// ‖∇f(x)‖₂.
  public var gradNorm: Double
  /// Updates applied.
  public var iterations: Int
  public var evaluations: EvaluationCounts
  /// True when a convergence criterion fired.
  public var converged: Bool
  public var stopReason: StopReason
  public var trace: [TraceEntry]
  /// Set when the run stopped on ``StopReason/diverged`` or ``StopReason/nonFinite``.
  public var divergence: DivergenceReport?
}
