/// The rate multiplied by `factor` when the observed metric stops improving for more than
/// `patience` observations (PyTorch's `ReduceLROnPlateau`). Stateful: the rate depends on
/// the metrics seen, kept in a ``State`` that is saved with the run.
///
/// After each observation m (the loss after an update or an epoch, or in `max` mode a
/// quantity to maximize such as accuracy):
///
/// ```
/// better   = m < best·(1 − threshold)   (min, rel)     m < best − threshold   (min, abs)
///            m > best·(1 + threshold)   (max, rel)     m > best + threshold   (max, abs)
/// if better: best ← m, num_bad_epochs ← 0   else: num_bad_epochs ← num_bad_epochs + 1
/// if cooldown_counter > 0: cooldown_counter ← cooldown_counter − 1, num_bad_epochs ← 0
/// if num_bad_epochs > patience:
///     new ← max(lr · factor, min_lr);  if lr − new > eps: lr ← new
///     cooldown_counter ← cooldown;  num_bad_epochs ← 0
/// ```
///
/// starting from best = +∞ (min) or −∞ (max). The rate never increases. Defaults are
/// PyTorch's: `mode` min, `factor` 0.1, `patience` 10, `threshold` 10⁻⁴, `threshold_mode`
/// rel, `cooldown` 0, `min_lr` 0, `eps` 10⁻⁸.
///
/// Source: `torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode, factor, patience,
/// threshold, threshold_mode, cooldown, min_lr, eps)` on an optimizer whose `lr` is `lr`,
/// with `scheduler.step(metric)` for ``observe(_:state:)``; the same operations in the same
/// order, so the rates agree exactly. As in PyTorch, the relative threshold in `min` mode
/// assumes positive metrics (for a negative best, best·(1 − threshold) lies above best).
/// Optax's `contrib.reduce_on_plateau` scales updates rather than setting the rate and
/// averages the metric over `accumulation_size` steps; it is not followed here.
///
/// `lr` and `min_lr` must be finite and ≥ 0, `factor` in [0, 1) (PyTorch rejects
/// `factor` ≥ 1), `patience` and `cooldown` ≥ 0, `threshold` and `eps` finite and ≥ 0.
public struct ReduceOnPlateau: StatefulSchedule, Equatable {
  public static let name = "reduce-on-plateau"

  /// Whether the metric should go down (a loss) or up (an accuracy).
  public enum Mode: String, Codable, Sendable, CaseIterable {
    case min
    case max
  }

  /// Whether `threshold` is relative to the best metric or absolute.
  public enum ThresholdMode: String, Codable, Sendable, CaseIterable {
    case rel
    case abs
  }

  /// The rate before any reduction (the optimizer's `lr` in PyTorch).
  public var learningRate: Double
  /// Whether the metric is minimized or maximized.
  public var mode: Mode
  /// The multiplier of a reduction.
  public var factor: Double
  /// Observations without improvement tolerated before a reduction.
  public var patience: Int
  /// How much better than the best a metric must be to count as an improvement.
  public var threshold: Double
  /// Whether `threshold` is relative or absolute.
  public var thresholdMode: ThresholdMode
  /// Observations after a reduction during which bad observations are not counted.
  public var cooldown: Int
  /// The floor of the rate.
  public var minimumLearningRate: Double
  /// Reductions smaller than this are skipped.
  public var epsilon: Double

  /// Reduce-on-plateau starting at `learningRate`, with PyTorch's defaults.
  public init(
    learningRate: Double, mode: Mode = .min, factor: Double = 0.1, patience: Int = 10,
    threshold: Double = 1e-4, thresholdMode: ThresholdMode = .rel, cooldown: Int = 0,
    minimumLearningRate: Double = 0, epsilon: Double = 1e-8
  ) {
    ScheduleCheck.require(
      Self.problem(
        learningRate: learningRate, factor: factor, patience: patience, threshold: threshold,
        cooldown: cooldown, minimumLearningRate: minimumLearningRate, epsilon: epsilon),
      in: "ReduceOnPlateau")
    self.learningRate = learningRate
    self.mode = mode
    self.factor = factor
    self.patience = patience
    self.threshold = threshold
    self.thresholdMode = thresholdMode
    self.cooldown = cooldown
    self.minimumLearningRate = minimumLearningRate
    self.epsilon = epsilon
  }

  static func problem(
    learningRate: Double, factor: Double, patience: Int, threshold: Double, cooldown: Int,
    minimumLearningRate: Double, epsilon: Double
  ) -> ScheduleProblem? {
    ScheduleCheck.first(
      ScheduleCheck.nonNegative(learningRate, "lr"),
      ScheduleCheck.within(factor, "factor", 0, 1, lowerIncluded: true, upperIncluded: false),
      ScheduleCheck.atLeast(patience, 0, "patience"),
      ScheduleCheck.nonNegative(threshold, "threshold"),
      ScheduleCheck.atLeast(cooldown, 0, "cooldown"),
      ScheduleCheck.nonNegative(minimumLearningRate, "min_lr"),
      ScheduleCheck.nonNegative(epsilon, "eps"))
  }

  public func initialState() -> State {
    State(
      best: mode == .min ? .infinity : -.infinity, badEpochs: 0, cooldownCounter: 0,
      learningRate: learningRate, epochs: 0)
  }

  public func learningRate(state: State) -> Double { state.learningRate }

  /// Whether `metric` improves on `best` by more than the threshold (PyTorch's `is_better`).
  func isBetter(_ metric: Double, than best: Double) -> Bool {
    switch (mode, thresholdMode) {
    case (.min, .rel): return metric < best * (1 - threshold)
    case (.min, .abs): return metric < best - threshold
    case (.max, .rel): return metric > best * (threshold + 1)
    case (.max, .abs): return metric > best + threshold
    }
  }

  public func observe(_ metric: Double, state: inout State) {
    state.epochs += 1
    if isBetter(metric, than: state.best) {
      state.best = metric
      state.badEpochs = 0
    } else {
      state.badEpochs += 1
    }
    if state.cooldownCounter > 0 {
      state.cooldownCounter -= 1
      state.badEpochs = 0  // bad observations during the cooldown are ignored
    }
    if state.badEpochs > patience {
      let reduced = Swift.max(state.learningRate * factor, minimumLearningRate)
      if state.learningRate - reduced > epsilon { state.learningRate = reduced }
      state.cooldownCounter = cooldown
      state.badEpochs = 0
    }
  }

  enum CodingKeys: String, CodingKey {
    case learningRate = "lr"
    case mode
    case factor
    case patience
    case threshold
    case thresholdMode = "threshold_mode"
    case cooldown
    case minimumLearningRate = "min_lr"
    case epsilon = "eps"
  }
}
