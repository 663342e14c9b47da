/// The rate scaled by a factor that moves linearly from `start_factor` to `end_factor` over
/// `total_iters` updates (PyTorch's `LinearLR`): the usual linear warm-up.
///
/// ```
/// ηₜ = lr · (start_factor + (end_factor − start_factor) · min(t, total_iters) / total_iters)
/// ```
///
/// where t is the number of updates already applied. With `start_factor` < `end_factor` it
/// warms up (monotonically non-decreasing), with `start_factor` > `end_factor` it decays;
/// from t = `total_iters` the factor stays at `end_factor`. Defaults are PyTorch's:
/// `start_factor` 1/3, `end_factor` 1, `total_iters` 5. For a warm-up into another schedule,
/// join the two with ``SequentialSchedule`` at `total_iters`.
///
/// Source: `torch.optim.lr_scheduler.LinearLR(optimizer, start_factor, end_factor,
/// total_iters)` on an optimizer whose `lr` is `lr`. PyTorch multiplies the previous rate by
/// 1 + (end − start)/(total_iters · start + (t − 1)(end − start)) at each step (its
/// chainable form); this is its closed form (`_get_closed_form_lr`), equal up to a few
/// roundings per step of the warm-up. Optax's `linear_schedule(init_value, end_value,
/// transition_steps)` is the same line written with absolute values: see
/// ``PolynomialDecay`` with `power` 1.
///
/// ## References
///
/// Goyal et al., *Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour*, 2017, §2.2
/// (gradual warm-up).
///
/// `lr` must be finite and ≥ 0, `start_factor` in (0, 1] and `end_factor` in [0, 1]
/// (PyTorch's ranges), `total_iters` ≥ 1.
public struct LinearWarmup: Schedule, Equatable {
  public static let name = "linear-warmup"

  /// The base rate the factors multiply (the optimizer's `lr` in PyTorch).
  public var learningRate: Double
  /// The factor at t = 0.
  public var startFactor: Double
  /// The factor from t = `totalIters` on.
  public var endFactor: Double
  /// Updates over which the factor moves.
  public var totalIters: Int

  /// A rate `learningRate` times a factor moving linearly from `startFactor` to `endFactor`
  /// over `totalIters` updates.
  public init(
    learningRate: Double, startFactor: Double = 1.0 / 3, endFactor: Double = 1,
    totalIters: Int = 5
  ) {
    ScheduleCheck.require(
      Self.problem(
        learningRate: learningRate, startFactor: startFactor, endFactor: endFactor,
        totalIters: totalIters),
      in: "LinearWarmup")
    self.learningRate = learningRate
    self.startFactor = startFactor
    self.endFactor = endFactor
    self.totalIters = totalIters
  }

  static func problem(
    learningRate: Double, startFactor: Double, endFactor: Double, totalIters: Int
  ) -> ScheduleProblem? {
    ScheduleCheck.first(
      ScheduleCheck.nonNegative(learningRate, "lr"),
      ScheduleCheck.within(
        startFactor, "start_factor", 0, 1, lowerIncluded: false, upperIncluded: true),
      ScheduleCheck.within(
        endFactor, "end_factor", 0, 1, lowerIncluded: true, upperIncluded: true),
      ScheduleCheck.atLeast(totalIters, 1, "total_iters"))
  }

  public func learningRate(atStep step: Int) -> Double {
    precondition(step >= 0, "LinearWarmup: step = \(step) is negative")
    // PyTorch: base_lr * (start_factor + (end_factor - start_factor)
    //                     * min(total_iters, last_epoch) / total_iters)
    let progress = Double(Swift.min(totalIters, step))
    return learningRate
      * (startFactor + (endFactor - startFactor) * progress / Double(totalIters))
  }

  enum CodingKeys: String, CodingKey {
    case learningRate = "lr"
    case startFactor = "start_factor"
    case endFactor = "end_factor"
    case totalIters = "total_iters"
  }
}
