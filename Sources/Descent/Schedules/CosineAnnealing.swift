import Foundation

/// The rate following half a cosine from `lr` down to `eta_min` over `T_max` updates
/// (PyTorch's `CosineAnnealingLR`).
///
/// ```
/// ηₜ = eta_min + (lr − eta_min) · (1 + cos(π t / T_max)) / 2
/// ```
///
/// where t is the number of updates already applied. ηₜ falls monotonically from `lr` at
/// t = 0 to `eta_min` at t = `T_max`; beyond it the cosine goes on, so the rate climbs back
/// to `lr` at t = 2 `T_max` and repeats with period 2 `T_max`, as PyTorch's does. To stay at
/// `eta_min`, join a ``ConstantSchedule`` after it (``SequentialSchedule``), or use
/// ``WarmupCosineDecay`` (Optax's form, which holds its end value). Default: `eta_min` 0, as
/// PyTorch; `T_max` has no default.
///
/// Source: `torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max, eta_min)` on an
/// optimizer whose `lr` is `lr`. PyTorch steps a recursion that multiplies the previous
/// rate's excess over `eta_min` by a ratio of cosines (its chainable form, with a special
/// case at t = T_max + 1 mod 2 T_max); this is its closed form (`_get_closed_form_lr`). Near
/// the bottom of each half-period the ratio divides two small numbers, so the two forms
/// differ there by more than elsewhere — about 10⁻¹⁴ of `lr` rather than a rounding.
///
/// ## References
///
/// Loshchilov & Hutter, *SGDR: Stochastic Gradient Descent with Warm Restarts*, ICLR 2017,
/// equation (5) (without the restarts: see ``CosineAnnealingWarmRestarts``).
///
/// `lr` and `eta_min` must be finite and ≥ 0, `T_max` ≥ 1.
public struct CosineAnnealing: Schedule, Equatable {
  public static let name = "cosine"

  /// The rate at t = 0 (the optimizer's `lr` in PyTorch).
  public var learningRate: Double
  /// Updates from `learningRate` down to `minimumLearningRate` (PyTorch's `T_max`).
  public var halfPeriod: Int
  /// The rate at t = `halfPeriod` (PyTorch's `eta_min`).
  public var minimumLearningRate: Double

  /// A cosine from `learningRate` to `minimumLearningRate` over `halfPeriod` updates.
  public init(learningRate: Double, halfPeriod: Int, minimumLearningRate: Double = 0) {
    ScheduleCheck.require(
      Self.problem(
        learningRate: learningRate, halfPeriod: halfPeriod,
        minimumLearningRate: minimumLearningRate),
      in: "CosineAnnealing")
    self.learningRate = learningRate
    self.halfPeriod = halfPeriod
    self.minimumLearningRate = minimumLearningRate
  }

  static func problem(
    learningRate: Double, halfPeriod: Int, minimumLearningRate: Double
  ) -> ScheduleProblem? {
    ScheduleCheck.first(
      ScheduleCheck.nonNegative(learningRate, "lr"),
      ScheduleCheck.atLeast(halfPeriod, 1, "T_max"),
      ScheduleCheck.nonNegative(minimumLearningRate, "eta_min"))
  }

  public func learningRate(atStep step: Int) -> Double {
    precondition(step >= 0, "CosineAnnealing: step = \(step) is negative")
    // PyTorch: eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * last_epoch / T_max)) / 2
    let angle = Double.pi * Double(step) / Double(halfPeriod)
    return minimumLearningRate + (learningRate - minimumLearningRate) * (1 + cos(angle)) / 2
  }

  enum CodingKeys: String, CodingKey {
    case learningRate = "lr"
    case halfPeriod = "T_max"
    case minimumLearningRate = "eta_min"
  }
}
