import Foundation

/// Random search: sample candidates around the current point, move to the best one if it is
/// better; the baseline every other method should beat. Seeded, so a run is reproducible, and
/// resumable bit for bit (the generator's state is part of the method state).
///
/// Each iteration draws `candidates` = k points with z ~ N(0, I), evaluates them, and keeps
/// the best if it improves on f(x):
///
/// ```
/// yⱼ = x + σ·zⱼ,  j = 1…k;      y* = argminⱼ f(yⱼ)
/// success:  f(y*) < f(x)  →  x ← y*,  σ ← σ·exp(1/3)
/// failure:                    x kept,  σ ← σ·exp(−1/12)
/// ```
///
/// The step size follows Rechenberg's 1/5 success rule in its one-step form (Kern et al. 2004,
/// §4.1): log σ drifts by (1/3)·p − (1/12)·(1 − p) per iteration, which is zero exactly when
/// the success rate p is 1/5 — so σ grows while more than one iteration in five succeeds (far
/// from a minimum, where steps are too timid) and shrinks otherwise (near it). With
/// `adaptive` false σ stays fixed: the plain lecture baseline, which stalls at a distance of
/// order σ from the minimum. A candidate whose value is NaN is never taken.
///
/// The run stops with ``StopReason/stepTolerance`` once σ falls below `minimumStepSize`
/// (no point within σ improves f any more).
///
/// Defaults: k = 1 — the (1+1) evolution strategy, for which the 1/5 rule was derived
/// (with k > 1 the rule keeps the success rate of the best of k at 1/5, a larger σ); σ₀ = 0.1;
/// `minimumStepSize` = 1e-10; seed 0. None of these comes from a library: SciPy and Optim.jl
/// have no random search.
///
/// ## References
/// - I. Rechenberg, *Evolutionsstrategie*, Frommann-Holzboog, 1973 (the 1/5 success rule).
/// - S. Kern, S. D. Müller, N. Hansen, D. Büche, J. Ocenasek, P. Koumoutsakos, "Learning
///   probability distributions in continuous evolutionary algorithms — a comparative review",
///   Natural Computing 3, 2004, §4.1.
/// - J. Matyas, "Random optimization", Automation and Remote Control 26, 1965.
public struct RandomSearch: IterativeMethod {
  /// Candidates drawn per iteration, k.
  public var candidates: Int
  /// σ₀, the standard deviation of the first candidates.
  public var initialStepSize: Double
  /// Whether σ follows the 1/5 success rule (true) or stays at σ₀ (false).
  public var adaptive: Bool
  /// σ below which the run stops.
  public var minimumStepSize: Double
  /// Seeds the generator of the candidates.
  public var seed: UInt64

  /// The factor on σ after a success, exp(1/3).
  public static let growth = Foundation.exp(1.0 / 3)
  /// The factor on σ after a failure, exp(−1/12) = growth^(−1/4).
  public static let shrinkage = Foundation.exp(-1.0 / 12)

  /// Random search with k `candidates` per iteration from step size `initialStepSize`.
  public init(
    candidates: Int = 1, initialStepSize: Double = 0.1, adaptive: Bool = true,
    minimumStepSize: Double = 1e-10, seed: UInt64 = 0
  ) throws(HyperparameterError) {
    guard candidates > 0 else {
      throw HyperparameterError(
        name: "candidates", value: "\(candidates)", valid: "an integer > 0")
    }
    guard initialStepSize.isFinite, initialStepSize > 0 else {
      throw HyperparameterError(
        name: "sigma", value: "\(initialStepSize)", valid: "a finite number > 0")
    }
    try HyperparameterError.requireNonNegative(minimumStepSize, name: "min_sigma")
    self.candidates = candidates
    self.initialStepSize = initialStepSize
    self.adaptive = adaptive
    self.minimumStepSize = minimumStepSize
    self.seed = seed
  }

  /// The generator (so a resumed run draws the same candidates), σ and the tallies of the
  /// 1/5 rule.
  public struct State: Codable, Equatable, Sendable {
    /// Draws the candidates.
    public var generator: SeededGenerator
    /// σ for the next iteration.
    public var stepSize: Double
    /// Iterations that moved.
    public var successes = 0
    /// Iterations that did not.
    public var failures = 0
  }

  public var name: String { "random" }
  public var usesGradient: Bool { false }
  public var learningRateIsBoundedByCurvature: Bool { false }

  public var hyperparameters: JSONValue {
    .object([
      "candidates": .number(Double(candidates)), "sigma": .number(initialStepSize),
      "adaptive": .bool(adaptive), "min_sigma": .number(minimumStepSize),
      "seed": .number(Double(seed)),
    ])
  }

  /// σ, reported as the learning rate (the scale of the next step).
  public func learningRate(in state: State) -> Double? { state.stepSize }

  public func initialState(at start: Iterate, evaluator: ObjectiveEvaluator) throws -> State {
    State(generator: SeededGenerator(seed: seed), stepSize: initialStepSize)
  }

  public func step(from current: Iterate, state: inout State, evaluator: ObjectiveEvaluator) throws
    -> StepOutcome
  {
    let sigma = state.stepSize
    guard sigma >= minimumStepSize else { return .stopped(.stepTolerance) }
    var best = current
    var candidate = current.x
    for _ in 0..<candidates {
      for i in candidate.indices {
        candidate[i] = current.x[i] + sigma * state.generator.nextNormal()
      }
      let value = try evaluator.value(at: candidate)
      if value < best.value { best = Iterate(x: candidate, value: value, gradient: []) }
    }
    let moved = best.value < current.value
    if moved { state.successes += 1 } else { state.failures += 1 }
    if adaptive { state.stepSize = sigma * (moved ? Self.growth : Self.shrinkage) }
    return .moved(best, learningRate: sigma)
  }
}
