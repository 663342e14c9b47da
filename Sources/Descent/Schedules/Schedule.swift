/// A learning-rate schedule: a pure function of the number of updates already applied.
///
/// `learningRate(atStep: t)` is the rate for the update that follows t updates, t = 0 for
/// the first (Optax's `count` convention). PyTorch's schedulers count epochs of
/// `scheduler.step()` calls in `last_epoch`, starting at 0 after construction: stepping the
/// scheduler once per update, the rate PyTorch uses for update t + 1 is
/// `learningRate(atStep: t)` here. Each schedule's documentation gives its formula and
/// reference.
public protocol Schedule: Encodable, Sendable {
  /// The name typed on the command line (`cosine`, `warmup-cosine`, …).
  static var name: String { get }
  /// ηₜ for the update after `step` updates (step ≥ 0).
  func learningRate(atStep step: Int) -> Double
}

/// A schedule that also depends on what the run observes (reduce-on-plateau). Its state is
/// a value saved with the run, so a resumed run continues exactly; the type says it is
/// stateful, unlike ``Schedule``.
public protocol StatefulSchedule: Encodable, Sendable {
  associatedtype State: Codable, Equatable, Sendable
  /// The name typed on the command line.
  static var name: String { get }
  /// The state before any update.
  func initialState() -> State
  /// The learning rate now.
  func learningRate(state: State) -> Double
  /// Takes in the loss (or metric) observed after an update or an epoch.
  func observe(_ metric: Double, state: inout State)
}
