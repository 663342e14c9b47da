import Foundation

/// The learning rate of the 1cycle policy: up from `max_lr / div_factor` to `max_lr`, then
/// down to far below the start (PyTorch's `OneCycleLR`, learning-rate part).
///
/// With T = `total_steps`, p = `pct_start`, η_init = `max_lr / div_factor` and
/// η_min = η_init / `final_div_factor`, the phases end at update counts
///
/// ```
/// two phases (default):  e₁ = p·T − 1: η_init → max_lr,   e₂ = T − 1: max_lr → η_min
/// three_phase:           e₁ = p·T − 1: η_init → max_lr,   e₂ = 2p·T − 2: max_lr → η_init,
///                        e₃ = T − 1: η_init → η_min
/// ```
///
/// and within the phase from update count s to e, going from a to b,
///
/// ```
/// ηₜ = b + (a − b) · (1 + cos(π x)) / 2    (anneal_strategy "cos")
/// ηₜ = (b − a) · x + a                      (anneal_strategy "linear"),   x = (t − s)/(e − s)
/// ```
///
/// where t is the number of updates already applied. The rate rises monotonically to
/// `max_lr` at t = e₁ and falls monotonically after it (three-phase: falls to η_init at e₂,
/// then to η_min). Defaults are PyTorch's: `pct_start` 0.3, `anneal_strategy` "cos",
/// `div_factor` 25, `final_div_factor` 10⁴, `three_phase` false; `max_lr` and `total_steps`
/// have none.
///
/// ## Differences from PyTorch and Optax
///
/// Source: `torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr, total_steps, pct_start,
/// anneal_strategy, div_factor, final_div_factor, three_phase)` stepped once per update;
/// PyTorch evaluates this closed form at every step, so the two agree to the rounding of the
/// cosine. PyTorch also cycles the optimizer's momentum (or Adam's β₁) inversely to the
/// rate, between `base_momentum` 0.85 and `max_momentum` 0.95, when `cycle_momentum` is
/// true (its default); **this schedule does not** — it only gives the learning rate, so a
/// run with it matches PyTorch's with `cycle_momentum=False`. PyTorch raises after
/// `total_steps` updates (and at exactly `total_steps` extrapolates the last phase past
/// η_min); here the rate stays at η_min for t ≥ T − 1. Optax's `cosine_onecycle_schedule`
/// places the peak at update p·T rather than p·T − 1, so its values differ from these.
///
/// ## References
///
/// Smith & Topin, *Super-Convergence: Very Fast Training of Neural Networks Using Large
/// Learning Rates*, 2017 (arXiv:1708.07120); the two-phase default follows fastai.
///
/// `max_lr` must be finite and ≥ 0, `div_factor` and `final_div_factor` finite and > 0,
/// `pct_start` in [0, 1], and every phase at least one update long: p·T > 1 and p < 1
/// (three-phase: p·T > 1 and (1 − 2p)·T > −1); PyTorch would divide by zero or run a phase
/// backwards otherwise.
public struct OneCycle: Schedule, Equatable {
  public static let name = "one-cycle"

  /// How the rate moves within a phase.
  public enum AnnealStrategy: String, Codable, Sendable, CaseIterable {
    /// Half a cosine between the phase's end values.
    case cos
    /// A straight line between them.
    case linear
  }

  /// The peak rate.
  public var maximumLearningRate: Double
  /// The length of the cycle in updates.
  public var totalSteps: Int
  /// The fraction of the cycle spent rising.
  public var percentStart: Double
  /// How the rate moves within a phase.
  public var annealStrategy: AnnealStrategy
  /// `maximumLearningRate / divFactor` is the starting rate.
  public var divFactor: Double
  /// The starting rate divided by `finalDivFactor` is the final rate.
  public var finalDivFactor: Double
  /// Whether to come back down to the starting rate before annealing to the final one
  /// (the paper's form) instead of annealing straight to it (fastai's).
  public var threePhase: Bool

  /// A one-cycle rate peaking at `maximumLearningRate` over `totalSteps` updates.
  public init(
    maximumLearningRate: Double, totalSteps: Int, percentStart: Double = 0.3,
    annealStrategy: AnnealStrategy = .cos, divFactor: Double = 25, finalDivFactor: Double = 1e4,
    threePhase: Bool = false
  ) {
    ScheduleCheck.require(
      Self.problem(
        maximumLearningRate: maximumLearningRate, totalSteps: totalSteps,
        percentStart: percentStart, divFactor: divFactor, finalDivFactor: finalDivFactor,
        threePhase: threePhase),
      in: "OneCycle")
    self.maximumLearningRate = maximumLearningRate
    self.totalSteps = totalSteps
    self.percentStart = percentStart
    self.annealStrategy = annealStrategy
    self.divFactor = divFactor
    self.finalDivFactor = finalDivFactor
    self.threePhase = threePhase
  }

  static func problem(
    maximumLearningRate: Double, totalSteps: Int, percentStart: Double, divFactor: Double,
    finalDivFactor: Double, threePhase: Bool
  ) -> ScheduleProblem? {
    if let problem = ScheduleCheck.first(
      ScheduleCheck.nonNegative(maximumLearningRate, "max_lr"),
      ScheduleCheck.atLeast(totalSteps, 1, "total_steps"),
      ScheduleCheck.within(
        percentStart, "pct_start", 0, 1, lowerIncluded: true, upperIncluded: true),
      ScheduleCheck.positive(divFactor, "div_factor"),
      ScheduleCheck.positive(finalDivFactor, "final_div_factor"))
    {
      return problem
    }
    var start = 0.0
    for (index, end) in phaseEnds(totalSteps, percentStart, threePhase).enumerated() {
      if end <= start {
        return ScheduleProblem(
          name: "pct_start", value: "\(percentStart)",
          expected: "a fraction giving phase \(index + 1) of \(threePhase ? 3 : 2) at least one "
            + "update with total_steps = \(totalSteps) (it would run from update \(start) "
            + "to \(end))")
      }
      start = end
    }
    return nil
  }

  /// The update counts at which the phases end (PyTorch's `end_step`s).
  static func phaseEnds(_ totalSteps: Int, _ percentStart: Double, _ threePhase: Bool) -> [Double] {
    let total = Double(totalSteps)
    let first = percentStart * total - 1
    return threePhase ? [first, 2 * percentStart * total - 2, total - 1] : [first, total - 1]
  }

  public func learningRate(atStep step: Int) -> Double {
    precondition(step >= 0, "OneCycle: step = \(step) is negative")
    let initial = maximumLearningRate / divFactor
    let minimum = initial / finalDivFactor
    let values =
      threePhase
      ? [(initial, maximumLearningRate), (maximumLearningRate, initial), (initial, minimum)]
      : [(initial, maximumLearningRate), (maximumLearningRate, minimum)]
    let ends = Self.phaseEnds(totalSteps, percentStart, threePhase)
    // Past the cycle the rate stays at its final value (PyTorch raises instead).
    let t = Double(Swift.min(step, totalSteps - 1))
    var start = 0.0
    for (index, end) in ends.enumerated() {
      if t <= end || index == ends.count - 1 {
        let fraction = (t - start) / (end - start)
        return anneal(from: values[index].0, to: values[index].1, fraction)
      }
      start = end
    }
    preconditionFailure("unreachable: the last phase always matches")
  }

  /// PyTorch's `_annealing_cos` / `_annealing_linear`, operation for operation.
  private func anneal(from start: Double, to end: Double, _ fraction: Double) -> Double {
    switch annealStrategy {
    case .cos: return end + (start - end) / 2 * (cos(Double.pi * fraction) + 1)
    case .linear: return (end - start) * fraction + start
    }
  }

  enum CodingKeys: String, CodingKey {
    case maximumLearningRate = "max_lr"
    case totalSteps = "total_steps"
    case percentStart = "pct_start"
    case annealStrategy = "anneal_strategy"
    case divFactor = "div_factor"
    case finalDivFactor = "final_div_factor"
    case threePhase = "three_phase"
  }
}
