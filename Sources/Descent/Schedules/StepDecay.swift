import Foundation

/// The rate multiplied by `gamma` every `step_size` updates (PyTorch's `StepLR`).
///
/// ```
/// ηₜ = lr · gamma^⌊t / step_size⌋
/// ```
///
/// where t is the number of updates already applied. Defaults: `gamma` = 0.1, as PyTorch;
/// `step_size` has no default. For example `StepDecay(learningRate: 0.1, stepSize: 30)` gives
/// 0.1 for the first 30 updates, 0.01 for the next 30, and so on.
///
/// Source: `torch.optim.lr_scheduler.StepLR(optimizer, step_size, gamma)` on an optimizer
/// whose `lr` is `lr`. PyTorch multiplies the previous rate by `gamma` at each multiple of
/// `step_size` (its chainable form); this evaluates the closed form above (PyTorch's
/// `_get_closed_form_lr`), so after k decays the two differ by at most about k roundings.
///
/// `lr` must be finite and ≥ 0, `step_size` ≥ 1, `gamma` finite and > 0.
public struct StepDecay: Schedule, Equatable {
  public static let name = "step"

  /// The initial rate (the optimizer's `lr` in PyTorch).
  public var learningRate: Double
  /// Updates between decays.
  public var stepSize: Int
  /// The multiplier applied at each decay.
  public var gamma: Double

  /// A rate `learningRate` multiplied by `gamma` every `stepSize` updates.
  public init(learningRate: Double, stepSize: Int, gamma: Double = 0.1) {
    ScheduleCheck.require(
      Self.problem(learningRate: learningRate, stepSize: stepSize, gamma: gamma),
      in: "StepDecay")
    self.learningRate = learningRate
    self.stepSize = stepSize
    self.gamma = gamma
  }

  static func problem(learningRate: Double, stepSize: Int, gamma: Double) -> ScheduleProblem? {
    ScheduleCheck.first(
      ScheduleCheck.nonNegative(learningRate, "lr"),
      ScheduleCheck.atLeast(stepSize, 1, "step_size"),
      ScheduleCheck.positive(gamma, "gamma"))
  }

  public func learningRate(atStep step: Int) -> Double {
    precondition(step >= 0, "StepDecay: step = \(step) is negative")
    return learningRate * pow(gamma, Double(step / stepSize))
  }

  enum CodingKeys: String, CodingKey {
    case learningRate = "lr"
    case stepSize = "step_size"
    case gamma
  }
}
