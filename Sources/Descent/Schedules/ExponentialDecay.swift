import Foundation

/// The rate multiplied by `gamma` after every update (PyTorch's `ExponentialLR`).
///
/// ```
/// ηₜ = lr · gamma^t
/// ```
///
/// where t is the number of updates already applied. `gamma` has no default, as in PyTorch;
/// `gamma` > 1 makes the rate grow, which is allowed.
///
/// Source: `torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma)` on an optimizer whose
/// `lr` is `lr`. PyTorch multiplies the previous rate by `gamma` at every step (its
/// chainable form), accumulating one rounding per step; this evaluates `lr · pow(gamma, t)`,
/// PyTorch's closed form. Optax's `exponential_decay` is the same curve written
/// `init_value · decay_rate^(t / transition_steps)`: `gamma` = `decay_rate` when
/// `transition_steps` = 1.
///
/// `lr` must be finite and ≥ 0, `gamma` finite and > 0.
public struct ExponentialDecay: Schedule, Equatable {
  public static let name = "exponential"

  /// The initial rate (the optimizer's `lr` in PyTorch).
  public var learningRate: Double
  /// The multiplier per update.
  public var gamma: Double

  /// A rate `learningRate` multiplied by `gamma` after every update.
  public init(learningRate: Double, gamma: Double) {
    ScheduleCheck.require(
      Self.problem(learningRate: learningRate, gamma: gamma), in: "ExponentialDecay")
    self.learningRate = learningRate
    self.gamma = gamma
  }

  static func problem(learningRate: Double, gamma: Double) -> ScheduleProblem? {
    ScheduleCheck.first(
      ScheduleCheck.nonNegative(learningRate, "lr"), ScheduleCheck.positive(gamma, "gamma"))
  }

  public func learningRate(atStep step: Int) -> Double {
    precondition(step >= 0, "ExponentialDecay: step = \(step) is negative")
    return learningRate * pow(gamma, Double(step))
  }

  enum CodingKeys: String, CodingKey {
    case learningRate = "lr"
    case gamma
  }
}
