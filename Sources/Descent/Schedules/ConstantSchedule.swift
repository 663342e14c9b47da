/// A constant learning rate, optionally scaled by a factor for the first updates.
///
/// ```
/// ηₜ = lr · factor   for t < total_iters
/// ηₜ = lr            for t ≥ total_iters
/// ```
///
/// where t is the number of updates already applied. With the defaults (`factor` 1,
/// `total_iters` 0) the rate is `lr` throughout, as `optax.constant_schedule(lr)`.
///
/// ## Differences from PyTorch and Optax
///
/// With a `factor` this is `torch.optim.lr_scheduler.ConstantLR(factor, total_iters)` on an
/// optimizer whose `lr` is `lr`. PyTorch's defaults are `factor` = 1/3 and `total_iters` = 5;
/// here a `constant` schedule is constant unless told otherwise, so the defaults are 1 and 0.
/// PyTorch undoes the factor at `total_iters` by multiplying by 1/`factor`, which can leave
/// the rate one rounding away from `lr`; this returns `lr` itself.
///
/// `lr` must be finite and ≥ 0, `factor` in [0, 1] (PyTorch's range), `total_iters` ≥ 0.
public struct ConstantSchedule: Schedule, Equatable {
  public static let name = "constant"

  /// The rate from `total_iters` on (PyTorch: the optimizer's `lr`; Optax: `value`).
  public var learningRate: Double
  /// The multiplier of the first `totalIters` updates.
  public var factor: Double
  /// How many updates use `learningRate · factor`.
  public var totalIters: Int

  /// A rate `learningRate`, times `factor` for the first `totalIters` updates.
  public init(learningRate: Double, factor: Double = 1, totalIters: Int = 0) {
    ScheduleCheck.require(
      Self.problem(learningRate: learningRate, factor: factor, totalIters: totalIters),
      in: "ConstantSchedule")
    self.learningRate = learningRate
    self.factor = factor
    self.totalIters = totalIters
  }

  static func problem(learningRate: Double, factor: Double, totalIters: Int) -> ScheduleProblem? {
    ScheduleCheck.first(
      ScheduleCheck.nonNegative(learningRate, "lr"),
      ScheduleCheck.within(factor, "factor", 0, 1, lowerIncluded: true, upperIncluded: true),
      ScheduleCheck.atLeast(totalIters, 0, "total_iters"))
  }

  public func learningRate(atStep step: Int) -> Double {
    precondition(step >= 0, "ConstantSchedule: step = \(step) is negative")
    return step < totalIters ? learningRate * factor : learningRate
  }

  enum CodingKeys: String, CodingKey {
    case learningRate = "lr"
    case factor
    case totalIters = "total_iters"
  }
}
