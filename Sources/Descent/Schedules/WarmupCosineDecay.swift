import Foundation

/// A linear warm-up from `init_value` to `peak_value`, then a cosine decay to `end_value`
/// (Optax's `warmup_cosine_decay_schedule`).
///
/// ```
/// ηₜ = init_value + (peak_value − init_value) · t / warmup_steps        for t < warmup_steps
/// ηₜ = peak_value · ((1 − α) · c^exponent + α)                          for t ≥ warmup_steps
///      c = (1 + cos(π · min(t − warmup_steps, D) / D)) / 2,  D = decay_steps − warmup_steps,
///      α = end_value / peak_value (0 when peak_value is 0)
/// ```
///
/// where t is the number of updates already applied. `decay_steps` counts the whole
/// schedule, warm-up included, as in Optax. The rate rises linearly (non-decreasing) during
/// the warm-up, is `peak_value` at t = `warmup_steps`, falls (non-increasing) to
/// `end_value` at t = `decay_steps` and stays there. Defaults are Optax's: `end_value` 0,
/// `exponent` 1; the others have none.
///
/// Source: `optax.warmup_cosine_decay_schedule(init_value, peak_value, warmup_steps,
/// decay_steps, end_value, exponent)`, which joins `linear_schedule` and
/// `cosine_decay_schedule` at `warmup_steps`; evaluated here with the same operations in the
/// same order (so the end value is `peak_value · (end_value / peak_value)`, within a rounding
/// of `end_value`). PyTorch has no single class for it: `SequentialLR` of `LinearLR` and
/// `CosineAnnealingLR` is the same curve when `init_value` = `start_factor · lr` and
/// `end_value` = `eta_min`, but `CosineAnnealingLR` rises again after `T_max`.
///
/// ## References
///
/// Loshchilov & Hutter, *SGDR: Stochastic Gradient Descent with Warm Restarts*, ICLR 2017,
/// equation (5); Goyal et al., *Accurate, Large Minibatch SGD*, 2017, §2.2 (warm-up).
///
/// `init_value`, `peak_value` and `end_value` must be finite and ≥ 0, `warmup_steps` ≥ 0,
/// `decay_steps` > `warmup_steps` (Optax rejects a cosine part of no length), `exponent`
/// finite and > 0.
public struct WarmupCosineDecay: Schedule, Equatable {
  public static let name = "warmup-cosine"

  /// The rate at t = 0.
  public var initialValue: Double
  /// The rate at the end of the warm-up, t = `warmupSteps`.
  public var peakValue: Double
  /// Updates of linear warm-up.
  public var warmupSteps: Int
  /// Updates until the rate reaches `endValue`, warm-up included.
  public var decaySteps: Int
  /// The rate from `decaySteps` on.
  public var endValue: Double
  /// The power of the cosine factor (1: the plain half cosine).
  public var exponent: Double

  /// A warm-up from `initialValue` to `peakValue` over `warmupSteps` updates, then a cosine
  /// down to `endValue` at `decaySteps` updates in all.
  public init(
    initialValue: Double, peakValue: Double, warmupSteps: Int, decaySteps: Int,
    endValue: Double = 0, exponent: Double = 1
  ) {
    ScheduleCheck.require(
      Self.problem(
        initialValue: initialValue, peakValue: peakValue, warmupSteps: warmupSteps,
        decaySteps: decaySteps, endValue: endValue, exponent: exponent),
      in: "WarmupCosineDecay")
    self.initialValue = initialValue
    self.peakValue = peakValue
    self.warmupSteps = warmupSteps
    self.decaySteps = decaySteps
    self.endValue = endValue
    self.exponent = exponent
  }

  static func problem(
    initialValue: Double, peakValue: Double, warmupSteps: Int, decaySteps: Int,
    endValue: Double, exponent: Double
  ) -> ScheduleProblem? {
    ScheduleCheck.first(
      ScheduleCheck.nonNegative(initialValue, "init_value"),
      ScheduleCheck.nonNegative(peakValue, "peak_value"),
      ScheduleCheck.atLeast(warmupSteps, 0, "warmup_steps"),
      decaySteps > warmupSteps
        ? nil
        : ScheduleProblem(
          name: "decay_steps", value: "\(decaySteps)",
          expected: "an integer > warmup_steps = \(warmupSteps) (it includes the warm-up)"),
      ScheduleCheck.nonNegative(endValue, "end_value"),
      ScheduleCheck.positive(exponent, "exponent"))
  }

  public func learningRate(atStep step: Int) -> Double {
    precondition(step >= 0, "WarmupCosineDecay: step = \(step) is negative")
    if step < warmupSteps {
      // optax.linear_schedule: (init - peak) * (1 - count / transition_steps) + peak
      let remaining = 1 - Double(step) / Double(warmupSteps)
      return (initialValue - peakValue) * remaining + peakValue
    }
    // optax.cosine_decay_schedule(peak_value, decay_steps - warmup_steps, alpha, exponent)
    let alpha = peakValue == 0 ? 0 : endValue / peakValue
    let length = Double(decaySteps - warmupSteps)
    let count = Swift.min(Double(step - warmupSteps), length)
    let cosine = 0.5 * (1 + cos(Double.pi * count / length))
    return peakValue * ((1 - alpha) * pow(cosine, exponent) + alpha)
  }

  enum CodingKeys: String, CodingKey {
    case initialValue = "init_value"
    case peakValue = "peak_value"
    case warmupSteps = "warmup_steps"
    case decaySteps = "decay_steps"
    case endValue = "end_value"
    case exponent
  }
}
