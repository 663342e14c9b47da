import Foundation

/// The rate multiplied by `gamma` at each milestone (PyTorch's `MultiStepLR`).
///
/// ```
/// ηₜ = lr · gamma^(number of milestones ≤ t)
/// ```
///
/// where t is the number of updates already applied. A milestone listed twice counts twice,
/// as in PyTorch; the order of the list does not matter. Default: `gamma` = 0.1, as PyTorch;
/// `milestones` has no default. For example milestones [30, 80] with `lr` 0.05 give 0.05
/// for t < 30, 0.005 for 30 ≤ t < 80 and 0.0005 from t = 80.
///
/// Source: `torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones, gamma)` on an
/// optimizer whose `lr` is `lr`. PyTorch multiplies the previous rate by `gamma` at each
/// milestone (its chainable form); this evaluates the closed form (PyTorch's
/// `_get_closed_form_lr`), equal up to one rounding per decay.
///
/// `lr` must be finite and ≥ 0, every milestone ≥ 0, `gamma` finite and > 0.
public struct MultiStepDecay: Schedule, Equatable {
  public static let name = "multistep"

  /// The initial rate (the optimizer's `lr` in PyTorch).
  public var learningRate: Double
  /// The update counts at which the rate is multiplied by `gamma`.
  public var milestones: [Int]
  /// The multiplier applied at each milestone.
  public var gamma: Double

  /// A rate `learningRate` multiplied by `gamma` at each of `milestones`.
  public init(learningRate: Double, milestones: [Int], gamma: Double = 0.1) {
    ScheduleCheck.require(
      Self.problem(learningRate: learningRate, milestones: milestones, gamma: gamma),
      in: "MultiStepDecay")
    self.learningRate = learningRate
    self.milestones = milestones
    self.gamma = gamma
  }

  static func problem(learningRate: Double, milestones: [Int], gamma: Double) -> ScheduleProblem? {
    let negative = milestones.first { $0 < 0 }.map {
      ScheduleProblem(
        name: "milestones", value: "\($0)", expected: "update counts ≥ 0")
    }
    return ScheduleCheck.first(
      ScheduleCheck.nonNegative(learningRate, "lr"), negative,
      ScheduleCheck.positive(gamma, "gamma"))
  }

  public func learningRate(atStep step: Int) -> Double {
    precondition(step >= 0, "MultiStepDecay: step = \(step) is negative")
    let passed = milestones.count { $0 <= step }
    return learningRate * pow(gamma, Double(passed))
  }

  enum CodingKeys: String, CodingKey {
    case learningRate = "lr"
    case milestones
    case gamma
  }
}
