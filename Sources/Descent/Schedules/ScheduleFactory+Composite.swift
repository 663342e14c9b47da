// The factory's cases with many parameters or parts: warm-up + cosine, one-cycle,
// sequential, reduce-on-plateau.

extension ScheduleName {
  func makeWarmupCosine(_ p: inout ScheduleParameters) throws -> WarmupCosineDecay {
    let initial = try p.double("init_value", required: "the rate at step 0")
    let peak = try p.baseRate("peak_value")
    let warmup = try p.int("warmup_steps", required: "updates of linear warm-up")
    let decay = try p.int("decay_steps", required: "updates in all, warm-up included")
    let end = try p.double("end_value", default: 0)
    let exponent = try p.double("exponent", default: 1)
    try p.check(
      WarmupCosineDecay.problem(
        initialValue: initial, peakValue: peak, warmupSteps: warmup, decaySteps: decay,
        endValue: end, exponent: exponent))
    return WarmupCosineDecay(
      initialValue: initial, peakValue: peak, warmupSteps: warmup, decaySteps: decay,
      endValue: end, exponent: exponent)
  }

  func makeOneCycle(_ p: inout ScheduleParameters) throws -> OneCycle {
    let peak = try p.baseRate("max_lr")
    let total = try p.int("total_steps", required: "the length of the cycle in updates")
    let percentStart = try p.double("pct_start", default: 0.3)
    let strategy = try p.choice("anneal_strategy", default: OneCycle.AnnealStrategy.cos)
    let divFactor = try p.double("div_factor", default: 25)
    let finalDivFactor = try p.double("final_div_factor", default: 1e4)
    let threePhase = try p.bool("three_phase", default: false)
    try p.check(
      OneCycle.problem(
        maximumLearningRate: peak, totalSteps: total, percentStart: percentStart,
        divFactor: divFactor, finalDivFactor: finalDivFactor, threePhase: threePhase))
    return OneCycle(
      maximumLearningRate: peak, totalSteps: total, percentStart: percentStart,
      annealStrategy: strategy, divFactor: divFactor, finalDivFactor: finalDivFactor,
      threePhase: threePhase)
  }

  func makeReduceOnPlateau(_ p: inout ScheduleParameters) throws -> ReduceOnPlateau {
    let lr = try p.baseRate()
    let mode = try p.choice("mode", default: ReduceOnPlateau.Mode.min)
    let factor = try p.double("factor", default: 0.1)
    let patience = try p.int("patience", default: 10)
    let threshold = try p.double("threshold", default: 1e-4)
    let thresholdMode = try p.choice("threshold_mode", default: ReduceOnPlateau.ThresholdMode.rel)
    let cooldown = try p.int("cooldown", default: 0)
    let minimum = try p.double("min_lr", default: 0)
    let epsilon = try p.double("eps", default: 1e-8)
    try p.check(
      ReduceOnPlateau.problem(
        learningRate: lr, factor: factor, patience: patience, threshold: threshold,
        cooldown: cooldown, minimumLearningRate: minimum, epsilon: epsilon))
    return ReduceOnPlateau(
      learningRate: lr, mode: mode, factor: factor, patience: patience, threshold: threshold,
      thresholdMode: thresholdMode, cooldown: cooldown, minimumLearningRate: minimum,
      epsilon: epsilon)
  }

  /// Parts named in `schedulers`, each reading the keys prefixed by its index.
  func makeSequential(_ p: inout ScheduleParameters) throws -> SequentialSchedule {
    let sharedRate = try p.double("lr") ?? p.fallbackLearningRate
    guard let names = p.list("schedulers"), !names.isEmpty else {
      throw p.missing("schedulers", "the parts' names, comma-separated")
    }
    let milestones = try p.intList("milestones", required: "where each part after the first begins")
    try p.check(SequentialSchedule.problem(scheduleCount: names.count, milestones: milestones))

    // Split the remaining keys by their "<index>." prefix.
    var partParameters = [[String: String]](repeating: [:], count: names.count)
    var handed: [String] = []
    for (key, value) in p.unread {
      guard let dot = key.firstIndex(of: "."), let index = Int(key[..<dot]),
        partParameters.indices.contains(index)
      else { continue }
      partParameters[index][String(key[key.index(after: dot)...])] = value
      handed.append(key)
    }
    p.markRead(handed)
    let validKeys =
      ["lr", "schedulers", "milestones"]
      + names.indices.map { "\($0).<parameter of \(names[$0])>" }
    try p.rejectUnread(valid: validKeys)

    var parts: [any Schedule] = []
    for (index, text) in names.enumerated() {
      let name: ScheduleName
      do {
        name = try ScheduleName(parsing: text)
      } catch let error as ScheduleError {
        throw ScheduleError(
          schedule: p.schedule, parameter: "schedulers",
          message: "part \(index) of schedulers: \(error.message)")
      }
      guard !name.isStateful, name != .sequential else {
        throw p.invalid(
          "schedulers", names.joined(separator: ","),
          expected: "schedules of the step alone (part \(index), '\(name.rawValue)', "
            + (name.isStateful ? "depends on the observed loss)" : "cannot be nested)"))
      }
      var reader = try ScheduleParameters(
        schedule: p.schedule, partParameters[index], prefix: "\(index).",
        fallbackLearningRate: sharedRate)
      try reader.rejectUnknown(valid: name.parameterNames)
      guard case .stepwise(let part) = try name.make(&reader) else {
        preconditionFailure("a stepwise name made a stateful schedule")
      }
      parts.append(part)
    }
    return SequentialSchedule(parts, milestones: milestones)
  }
}
