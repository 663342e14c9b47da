/// The schedules by the names typed on the command line (`--schedule cosine`), with the
/// parameters each accepts.
///
/// Build one from a name and parameters with ``makeSchedule(name:parameters:learningRate:)``
/// (or ``makeLearningRateSchedule(name:parameters:learningRate:)``, which also accepts
/// reduce-on-plateau).
public enum ScheduleName: String, CaseIterable, Sendable {
  case constant
  case step
  case multistep
  case exponential
  case inverseTime = "inverse-time"
  case inverseSquareRoot = "inverse-sqrt"
  case polynomial
  case cosine
  case cosineRestarts = "cosine-restarts"
  case linearWarmup = "linear-warmup"
  case warmupCosine = "warmup-cosine"
  case oneCycle = "one-cycle"
  case sequential
  case reduceOnPlateau = "reduce-on-plateau"

  /// The schedule named `text`, ignoring case and treating `_` as `-`.
  ///
  /// - Throws: ``ScheduleError`` naming the nearest valid names (by edit distance) when
  ///   there are any, and listing all of them.
  public init(parsing text: String) throws {
    let normalized = String(text.lowercased().map { $0 == "_" ? "-" : $0 })
    if let name = ScheduleName(rawValue: normalized) {
      self = name
      return
    }
    let names = Self.allCases.map(\.rawValue)
    let suggestion = NameSuggestion.didYouMean(text, among: names) ?? ""
    throw ScheduleError(
      schedule: nil,
      message: "unknown schedule '\(text)'\(suggestion) (valid: \(names.joined(separator: ", ")))"
    )
  }

  /// Whether the schedule depends on observed metrics (reduce-on-plateau) rather than on
  /// the step alone.
  public var isStateful: Bool { self == .reduceOnPlateau }

  /// The parameters the schedule accepts, under PyTorch's (or Optax's) argument names. The
  /// parts of `sequential` take theirs prefixed by the part's index: `0.start_factor`,
  /// `1.T_max`.
  public var parameterNames: [String] {
    switch self {
    case .constant: return ["lr", "factor", "total_iters"]
    case .step: return ["lr", "step_size", "gamma"]
    case .multistep: return ["lr", "milestones", "gamma"]
    case .exponential: return ["lr", "gamma"]
    case .inverseTime: return ["lr", "decay_rate", "decay_steps", "staircase"]
    case .inverseSquareRoot: return ["lr", "warmup_updates", "warmup_init_lr"]
    case .polynomial: return ["lr", "total_iters", "power", "end_value"]
    case .cosine: return ["lr", "T_max", "eta_min"]
    case .cosineRestarts: return ["lr", "T_0", "T_mult", "eta_min"]
    case .linearWarmup: return ["lr", "start_factor", "end_factor", "total_iters"]
    case .warmupCosine:
      return ["init_value", "peak_value", "warmup_steps", "decay_steps", "end_value", "exponent"]
    case .oneCycle:
      return [
        "max_lr", "total_steps", "pct_start", "anneal_strategy", "div_factor",
        "final_div_factor", "three_phase",
      ]
    case .sequential: return ["lr", "schedulers", "milestones"]
    case .reduceOnPlateau:
      return [
        "lr", "mode", "factor", "patience", "threshold", "threshold_mode", "cooldown", "min_lr",
        "eps",
      ]
    }
  }
}
