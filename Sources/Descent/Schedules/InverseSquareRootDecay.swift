import Foundation

/// A linear warm-up, then the rate proportional to 1/√t (fairseq's `inverse_sqrt`).
///
/// ```
/// ηₜ = warmup_init_lr + t · (lr − warmup_init_lr) / warmup_updates   for t < warmup_updates
/// ηₜ = lr · √warmup_updates / √t                                     for t ≥ warmup_updates
/// ```
///
/// where t is the number of updates already applied. The two pieces meet at
/// t = `warmup_updates`, where the rate is `lr`. This is the schedule of "Attention is all
/// you need" (Vaswani et al. 2017, §5.3, `d_model^-0.5 · min(t^-0.5, t · warmup^-1.5)`) with
/// the peak written as `lr`. Defaults are fairseq's: `warmup_updates` 4000,
/// `warmup_init_lr` 0 (fairseq's −1 means 0 when there is a warm-up).
///
/// Neither PyTorch nor Optax has this schedule; it follows
/// `fairseq.optim.lr_scheduler.inverse_square_root_schedule`, whose `step_update(num_updates)`
/// sets the rate after `num_updates` updates — exactly `learningRate(atStep: num_updates)`
/// — with the same operations in the same order.
///
/// `lr` and `warmup_init_lr` must be finite and ≥ 0, `warmup_updates` ≥ 1 (fairseq divides
/// by it).
public struct InverseSquareRootDecay: Schedule, Equatable {
  public static let name = "inverse-sqrt"

  /// The peak rate, reached at t = `warmupUpdates` (fairseq's `--lr`).
  public var learningRate: Double
  /// Updates of linear warm-up.
  public var warmupUpdates: Int
  /// The rate at t = 0.
  public var warmupInitialLearningRate: Double

  /// A warm-up from `warmupInitialLearningRate` to `learningRate` over `warmupUpdates`
  /// updates, then `learningRate · √(warmupUpdates / t)`.
  public init(
    learningRate: Double, warmupUpdates: Int = 4000, warmupInitialLearningRate: Double = 0
  ) {
    ScheduleCheck.require(
      Self.problem(
        learningRate: learningRate, warmupUpdates: warmupUpdates,
        warmupInitialLearningRate: warmupInitialLearningRate),
      in: "InverseSquareRootDecay")
    self.learningRate = learningRate
    self.warmupUpdates = warmupUpdates
    self.warmupInitialLearningRate = warmupInitialLearningRate
  }

  static func problem(
    learningRate: Double, warmupUpdates: Int, warmupInitialLearningRate: Double
  ) -> ScheduleProblem? {
    ScheduleCheck.first(
      ScheduleCheck.nonNegative(learningRate, "lr"),
      ScheduleCheck.atLeast(warmupUpdates, 1, "warmup_updates"),
      ScheduleCheck.nonNegative(warmupInitialLearningRate, "warmup_init_lr"))
  }

  public func learningRate(atStep step: Int) -> Double {
    precondition(step >= 0, "InverseSquareRootDecay: step = \(step) is negative")
    let warmup = Double(warmupUpdates)
    if step < warmupUpdates {
      let increment = (learningRate - warmupInitialLearningRate) / warmup
      return warmupInitialLearningRate + Double(step) * increment
    }
    // fairseq: decay_factor = lr * warmup_updates**0.5; lr = decay_factor * num_updates**-0.5.
    return learningRate * pow(warmup, 0.5) * pow(Double(step), -0.5)
  }

  enum CodingKeys: String, CodingKey {
    case learningRate = "lr"
    case warmupUpdates = "warmup_updates"
    case warmupInitialLearningRate = "warmup_init_lr"
  }
}
