import Foundation

/// The rate decayed as a power of the remaining fraction of `total_iters` updates
/// (PyTorch's `PolynomialLR`; Optax's `polynomial_schedule` with an end value).
///
/// ```
/// ηₜ = (lr − end_value) · (1 − min(t, total_iters) / total_iters)^power + end_value
/// ```
///
/// where t is the number of updates already applied: ηₜ goes from `lr` at t = 0 to
/// `end_value` at t = `total_iters` and stays there. Defaults are PyTorch's: `total_iters` 5,
/// `power` 1; `end_value` 0.
///
/// ## PyTorch and Optax
///
/// With `end_value` 0 (the default) this is
/// `torch.optim.lr_scheduler.PolynomialLR(optimizer, total_iters, power)` on an optimizer
/// whose `lr` is `lr`, evaluated in PyTorch's closed form `lr · (1 − min(t, T)/T)^power`.
/// PyTorch itself multiplies the previous rate by a ratio of such terms at each step (its
/// chainable form), so the two agree to a few roundings per step.
///
/// With an `end_value` it is `optax.polynomial_schedule(init_value: lr, end_value, power,
/// transition_steps: total_iters)` (with `transition_begin` 0), operation for operation;
/// `end_value` > `lr` makes a warm-up (Optax's `linear_schedule` is `power` 1).
///
/// `lr` and `end_value` must be finite and ≥ 0, `total_iters` ≥ 1, `power` finite and ≥ 0.
public struct PolynomialDecay: Schedule, Equatable {
  public static let name = "polynomial"

  /// The rate at t = 0 (PyTorch: the optimizer's `lr`; Optax: `init_value`).
  public var learningRate: Double
  /// Updates until the rate reaches `endValue` (Optax's `transition_steps`).
  public var totalIters: Int
  /// The exponent of the remaining fraction.
  public var power: Double
  /// The rate from `totalIters` on.
  public var endValue: Double

  /// A rate from `learningRate` to `endValue` over `totalIters` updates, following the
  /// remaining fraction to the power `power`.
  public init(learningRate: Double, totalIters: Int = 5, power: Double = 1, endValue: Double = 0) {
    ScheduleCheck.require(
      Self.problem(
        learningRate: learningRate, totalIters: totalIters, power: power, endValue: endValue),
      in: "PolynomialDecay")
    self.learningRate = learningRate
    self.totalIters = totalIters
    self.power = power
    self.endValue = endValue
  }

  static func problem(
    learningRate: Double, totalIters: Int, power: Double, endValue: Double
  ) -> ScheduleProblem? {
    let power =
      power.isFinite && power >= 0
      ? nil : ScheduleProblem(name: "power", value: "\(power)", expected: "a finite number ≥ 0")
    return ScheduleCheck.first(
      ScheduleCheck.nonNegative(learningRate, "lr"),
      ScheduleCheck.atLeast(totalIters, 1, "total_iters"), power,
      ScheduleCheck.nonNegative(endValue, "end_value"))
  }

  public func learningRate(atStep step: Int) -> Double {
    precondition(step >= 0, "PolynomialDecay: step = \(step) is negative")
    let remaining = 1 - Double(Swift.min(step, totalIters)) / Double(totalIters)
    return (learningRate - endValue) * pow(remaining, power) + endValue
  }

  enum CodingKeys: String, CodingKey {
    case learningRate = "lr"
    case totalIters = "total_iters"
    case power
    case endValue = "end_value"
  }
}
