import Foundation

/// The rate divided by 1 + k·t (inverse-time decay, as Keras's `InverseTimeDecay`).
///
/// ```
/// ηₜ = lr / (1 + decay_rate · p),   p = t / decay_steps   (⌊t / decay_steps⌋ if staircase)
/// ```
///
/// where t is the number of updates already applied; with `decay_steps` 1 this is
/// η/(1 + k t), k = `decay_rate`. Defaults: `decay_steps` 1, `staircase` false;
/// `decay_rate` has no default.
///
/// Neither PyTorch nor Optax has this schedule; it follows
/// `keras.optimizers.schedules.InverseTimeDecay(initial_learning_rate, decay_steps,
/// decay_rate, staircase)` (TensorFlow's `tf.compat.v1.train.inverse_time_decay`),
/// operation for operation. It is the classical 1/t step size of stochastic approximation
/// (Robbins & Monro 1951) shifted so that η₀ = lr.
///
/// `lr` must be finite and ≥ 0, `decay_rate` finite and ≥ 0, `decay_steps` ≥ 1.
public struct InverseTimeDecay: Schedule, Equatable {
  public static let name = "inverse-time"

  /// The initial rate (Keras's `initial_learning_rate`).
  public var learningRate: Double
  /// k in η/(1 + k t), per `decaySteps` updates.
  public var decayRate: Double
  /// The number of updates over which t is counted as one unit.
  public var decaySteps: Int
  /// Whether t / `decaySteps` is rounded down, so the rate changes in steps.
  public var staircase: Bool

  /// A rate `learningRate / (1 + decayRate · t / decaySteps)`.
  public init(learningRate: Double, decayRate: Double, decaySteps: Int = 1, staircase: Bool = false)
  {
    ScheduleCheck.require(
      Self.problem(learningRate: learningRate, decayRate: decayRate, decaySteps: decaySteps),
      in: "InverseTimeDecay")
    self.learningRate = learningRate
    self.decayRate = decayRate
    self.decaySteps = decaySteps
    self.staircase = staircase
  }

  static func problem(learningRate: Double, decayRate: Double, decaySteps: Int) -> ScheduleProblem?
  {
    ScheduleCheck.first(
      ScheduleCheck.nonNegative(learningRate, "lr"),
      ScheduleCheck.nonNegative(decayRate, "decay_rate"),
      ScheduleCheck.atLeast(decaySteps, 1, "decay_steps"))
  }

  public func learningRate(atStep step: Int) -> Double {
    precondition(step >= 0, "InverseTimeDecay: step = \(step) is negative")
    var p = Double(step) / Double(decaySteps)
    if staircase { p = p.rounded(.down) }
    return learningRate / (1 + decayRate * p)
  }

  enum CodingKeys: String, CodingKey {
    case learningRate = "lr"
    case decayRate = "decay_rate"
    case decaySteps = "decay_steps"
    case staircase
  }
}
