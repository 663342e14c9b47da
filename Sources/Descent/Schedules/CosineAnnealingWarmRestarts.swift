import Foundation

/// Cosine annealing restarted every cycle, the cycles growing by a factor `T_mult`
/// (PyTorch's `CosineAnnealingWarmRestarts`; SGDR).
///
/// ```
/// ηₜ = eta_min + (lr − eta_min) · (1 + cos(π T_cur / T_i)) / 2
/// ```
///
/// where t is the number of updates already applied, T_i = T_0 · T_mult^i is the length of
/// the current cycle i, and T_cur = t − (T_0 + T_0 T_mult + … + T_0 T_mult^(i−1)) the updates
/// since the cycle began. At each restart the rate jumps back to `lr`; within a cycle it
/// falls towards `eta_min` (reached only in the limit: the last update of a cycle has
/// T_cur = T_i − 1). Defaults are PyTorch's: `T_mult` 1, `eta_min` 0; `T_0` has no default.
///
/// Source: `torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0, T_mult,
/// eta_min)` stepped once per update on an optimizer whose `lr` is `lr`. PyTorch evaluates
/// the same closed form at every step, with T_cur and T_i kept as integers, so the two agree
/// to the rounding of the cosine. Optax's `sgdr_schedule` builds restarts from a list of
/// `warmup_cosine_decay_schedule`s instead.
///
/// ## References
///
/// Loshchilov & Hutter, *SGDR: Stochastic Gradient Descent with Warm Restarts*, ICLR 2017,
/// equation (5).
///
/// `lr` and `eta_min` must be finite and ≥ 0, `T_0` and `T_mult` ≥ 1.
public struct CosineAnnealingWarmRestarts: Schedule, Equatable {
  public static let name = "cosine-restarts"

  /// The rate at the start of every cycle (the optimizer's `lr` in PyTorch).
  public var learningRate: Double
  /// The length of the first cycle (PyTorch's `T_0`).
  public var firstCycle: Int
  /// The factor by which each cycle is longer than the one before (PyTorch's `T_mult`).
  public var cycleMultiplier: Int
  /// The rate each cycle tends to (PyTorch's `eta_min`).
  public var minimumLearningRate: Double

  /// Cosine cycles from `learningRate` towards `minimumLearningRate`, the first
  /// `firstCycle` updates long, each next one `cycleMultiplier` times longer.
  public init(
    learningRate: Double, firstCycle: Int, cycleMultiplier: Int = 1,
    minimumLearningRate: Double = 0
  ) {
    ScheduleCheck.require(
      Self.problem(
        learningRate: learningRate, firstCycle: firstCycle, cycleMultiplier: cycleMultiplier,
        minimumLearningRate: minimumLearningRate),
      in: "CosineAnnealingWarmRestarts")
    self.learningRate = learningRate
    self.firstCycle = firstCycle
    self.cycleMultiplier = cycleMultiplier
    self.minimumLearningRate = minimumLearningRate
  }

  static func problem(
    learningRate: Double, firstCycle: Int, cycleMultiplier: Int, minimumLearningRate: Double
  ) -> ScheduleProblem? {
    ScheduleCheck.first(
      ScheduleCheck.nonNegative(learningRate, "lr"),
      ScheduleCheck.atLeast(firstCycle, 1, "T_0"),
      ScheduleCheck.atLeast(cycleMultiplier, 1, "T_mult"),
      ScheduleCheck.nonNegative(minimumLearningRate, "eta_min"))
  }

  /// The position in the cycle (T_cur) and the cycle's length (T_i) after `step` updates.
  func cyclePosition(atStep step: Int) -> (current: Int, length: Int) {
    precondition(step >= 0, "CosineAnnealingWarmRestarts: step = \(step) is negative")
    if cycleMultiplier == 1 { return (step % firstCycle, firstCycle) }
    var current = step
    var length = firstCycle
    // Cycles grow geometrically, so this runs O(log step) times.
    while current >= length {
      current -= length
      let (next, overflow) = length.multipliedReportingOverflow(by: cycleMultiplier)
      length = overflow ? Int.max : next
    }
    return (current, length)
  }

  public func learningRate(atStep step: Int) -> Double {
    let (current, length) = cyclePosition(atStep: step)
    // PyTorch: eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2
    let angle = Double.pi * Double(current) / Double(length)
    return minimumLearningRate + (learningRate - minimumLearningRate) * (1 + cos(angle)) / 2
  }

  enum CodingKeys: String, CodingKey {
    case learningRate = "lr"
    case firstCycle = "T_0"
    case cycleMultiplier = "T_mult"
    case minimumLearningRate = "eta_min"
  }
}
