/// A schedule built from a name: a function of the step, or reduce-on-plateau, which also
/// depends on the metrics observed (see ``StatefulSchedule``).
public enum LearningRateSchedule: Sendable {
  /// A pure function of the number of updates applied.
  case stepwise(any Schedule)
  /// Reduce-on-plateau; its state is kept and saved by the caller.
  case plateau(ReduceOnPlateau)

  /// The name typed on the command line.
  public var name: String {
    switch self {
    case .stepwise(let schedule): return type(of: schedule).name
    case .plateau: return ReduceOnPlateau.name
    }
  }
}

/// Builds the schedule called `name` from parameters typed as text, for a command line.
///
/// `parameters` maps PyTorch's (or Optax's) argument names — `step_size`, `gamma`, `T_max`,
/// `warmup_steps` — to their values as typed; keys ignore case and `-` matches `_`. Numbers
/// are decimal, booleans `true`/`false`, lists comma-separated (`milestones: "30,80"`).
/// Absent parameters take the schedule's defaults (see each type). The base rate is the
/// parameter `lr` — or `max_lr` for `one-cycle`, `peak_value` for `warmup-cosine` — and
/// `learningRate` (the optimizer's `lr`) when that is not given.
///
/// `sequential` takes `schedulers` (names, comma-separated), `milestones`, and each part's
/// parameters prefixed by its 0-based index: `["schedulers": "linear-warmup,cosine",
/// "milestones": "10", "0.start_factor": "0.1", "0.total_iters": "10", "1.T_max": "90"]`.
/// A part's `lr` defaults to the sequence's `lr`, then to `learningRate`.
///
/// - Throws: ``ScheduleError`` for an unknown name (with the nearest valid names), an
///   unknown parameter (likewise), a missing required one, text that is not a value of the
///   expected kind, or a value the schedule does not accept (`step_size` = 0, `gamma` ≤ 0,
///   …), and for `reduce-on-plateau`, which is not a function of the step: use
///   ``makeLearningRateSchedule(name:parameters:learningRate:)`` to accept it too.
public func makeSchedule(
  name: String, parameters: [String: String], learningRate: Double? = nil
) throws -> any Schedule {
  if try ScheduleName(parsing: name).isStateful {
    throw ScheduleError(
      schedule: ReduceOnPlateau.name,
      message: "depends on the observed loss, not on the step alone, so it cannot be used here")
  }
  guard
    case .stepwise(let schedule) = try makeLearningRateSchedule(
      name: name, parameters: parameters, learningRate: learningRate)
  else { preconditionFailure("a stepwise name made a stateful schedule") }
  return schedule
}

/// Builds the schedule called `name`, reduce-on-plateau included; see
/// ``makeSchedule(name:parameters:learningRate:)`` for the parameters.
///
/// - Throws: ``ScheduleError`` as ``makeSchedule(name:parameters:learningRate:)`` does.
public func makeLearningRateSchedule(
  name: String, parameters: [String: String], learningRate: Double? = nil
) throws -> LearningRateSchedule {
  let schedule = try ScheduleName(parsing: name)
  var reader = try ScheduleParameters(
    schedule: schedule.rawValue, parameters, fallbackLearningRate: learningRate)
  if schedule == .sequential {
    // Parts' parameters ("1.T_max") are checked by the parts.
    try reader.rejectUnknown(valid: schedule.parameterNames) { key in
      key.split(separator: ".", maxSplits: 1).first.flatMap { Int($0) } != nil
    }
  } else {
    try reader.rejectUnknown(valid: schedule.parameterNames)
  }
  return try schedule.make(&reader)
}

extension ScheduleName {
  /// The schedule with the parameters in `p`, each checked as the initialisers would.
  func make(_ p: inout ScheduleParameters) throws -> LearningRateSchedule {
    switch self {
    case .constant:
      let (lr, factor) = (try p.baseRate(), try p.double("factor", default: 1))
      let totalIters = try p.int("total_iters", default: 0)
      try p.check(
        ConstantSchedule.problem(learningRate: lr, factor: factor, totalIters: totalIters))
      return .stepwise(ConstantSchedule(learningRate: lr, factor: factor, totalIters: totalIters))
    case .step:
      let lr = try p.baseRate()
      let stepSize = try p.int("step_size", required: "updates between decays")
      let gamma = try p.double("gamma", default: 0.1)
      try p.check(StepDecay.problem(learningRate: lr, stepSize: stepSize, gamma: gamma))
      return .stepwise(StepDecay(learningRate: lr, stepSize: stepSize, gamma: gamma))
    case .multistep:
      let lr = try p.baseRate()
      let milestones = try p.intList("milestones", required: "update counts, e.g. 30,80")
      let gamma = try p.double("gamma", default: 0.1)
      try p.check(MultiStepDecay.problem(learningRate: lr, milestones: milestones, gamma: gamma))
      return .stepwise(MultiStepDecay(learningRate: lr, milestones: milestones, gamma: gamma))
    case .exponential:
      let lr = try p.baseRate()
      let gamma = try p.double("gamma", required: "the multiplier per update")
      try p.check(ExponentialDecay.problem(learningRate: lr, gamma: gamma))
      return .stepwise(ExponentialDecay(learningRate: lr, gamma: gamma))
    case .inverseTime:
      let lr = try p.baseRate()
      let rate = try p.double("decay_rate", required: "k in lr / (1 + k t)")
      let steps = try p.int("decay_steps", default: 1)
      let staircase = try p.bool("staircase", default: false)
      try p.check(InverseTimeDecay.problem(learningRate: lr, decayRate: rate, decaySteps: steps))
      return .stepwise(
        InverseTimeDecay(
          learningRate: lr, decayRate: rate, decaySteps: steps, staircase: staircase))
    case .inverseSquareRoot:
      let lr = try p.baseRate()
      let warmup = try p.int("warmup_updates", default: 4000)
      let initial = try p.double("warmup_init_lr", default: 0)
      try p.check(
        InverseSquareRootDecay.problem(
          learningRate: lr, warmupUpdates: warmup, warmupInitialLearningRate: initial))
      return .stepwise(
        InverseSquareRootDecay(
          learningRate: lr, warmupUpdates: warmup, warmupInitialLearningRate: initial))
    case .polynomial:
      let lr = try p.baseRate()
      let totalIters = try p.int("total_iters", default: 5)
      let power = try p.double("power", default: 1)
      let end = try p.double("end_value", default: 0)
      try p.check(
        PolynomialDecay.problem(
          learningRate: lr, totalIters: totalIters, power: power, endValue: end))
      return .stepwise(
        PolynomialDecay(learningRate: lr, totalIters: totalIters, power: power, endValue: end))
    case .cosine:
      let lr = try p.baseRate()
      let halfPeriod = try p.int("T_max", required: "updates from lr down to eta_min")
      let minimum = try p.double("eta_min", default: 0)
      try p.check(
        CosineAnnealing.problem(
          learningRate: lr, halfPeriod: halfPeriod, minimumLearningRate: minimum))
      return .stepwise(
        CosineAnnealing(learningRate: lr, halfPeriod: halfPeriod, minimumLearningRate: minimum))
    case .cosineRestarts:
      let lr = try p.baseRate()
      let first = try p.int("T_0", required: "the length of the first cycle")
      let multiplier = try p.int("T_mult", default: 1)
      let minimum = try p.double("eta_min", default: 0)
      try p.check(
        CosineAnnealingWarmRestarts.problem(
          learningRate: lr, firstCycle: first, cycleMultiplier: multiplier,
          minimumLearningRate: minimum))
      return .stepwise(
        CosineAnnealingWarmRestarts(
          learningRate: lr, firstCycle: first, cycleMultiplier: multiplier,
          minimumLearningRate: minimum))
    case .linearWarmup:
      let lr = try p.baseRate()
      let start = try p.double("start_factor", default: 1.0 / 3)
      let end = try p.double("end_factor", default: 1)
      let totalIters = try p.int("total_iters", default: 5)
      try p.check(
        LinearWarmup.problem(
          learningRate: lr, startFactor: start, endFactor: end, totalIters: totalIters))
      return .stepwise(
        LinearWarmup(learningRate: lr, startFactor: start, endFactor: end, totalIters: totalIters))
    case .warmupCosine:
      return .stepwise(try makeWarmupCosine(&p))
    case .oneCycle:
      return .stepwise(try makeOneCycle(&p))
    case .sequential:
      return .stepwise(try makeSequential(&p))
    case .reduceOnPlateau:
      return .plateau(try makeReduceOnPlateau(&p))
    }
  }
}
