import Foundation

/// Minibatch training of an ``MLP`` with any first-order rule and schedule.
///
/// Each epoch draws a fresh order of the training rows from the seeded generator and walks
/// it in minibatches. For each minibatch B, at step t (updates so far):
///
/// ```
/// (L, g) = (loss, ∇loss) of the network on B at θ
/// g      = clip(g)                              if clipping is set
/// η      = schedule(t), or the rule's lr        reduce-on-plateau: its current rate
/// θᵍ     ← rule.update(θᵍ, gᵍ, ηᵍ)              for each parameter group g (see ParameterGroup)
/// ```
///
/// exactly as ``FirstOrderMethod`` applies a rule, schedule and clipping for `descent run`.
/// After each epoch: the validation loss, reduce-on-plateau observes it (the epoch's mean
/// minibatch loss without a validation set), early stopping checks it, the observer gets
/// an ``EpochSummary``. Checkpoints every k updates make a killed run lose at most k updates;
/// a run resumed from a checkpoint continues bit for bit. The trainer is immutable: its
/// per-group rules are made once, at initialisation.
///
/// ## References
///
/// Goodfellow, Bengio & Courville, *Deep Learning*, MIT Press 2016, §8.1.3 (minibatch
/// algorithms) and §7.8 (early stopping).
public struct Trainer<Rule: UpdateRule & Decodable> {
  /// The network.
  public let model: MLP
  /// Rows the updates are computed on.
  public let training: Dataset
  /// Rows for the validation loss (early stopping, plateau), if any.
  public let validation: Dataset?
  /// The update rule.
  public let rule: Rule
  /// The learning-rate schedule over updates, or reduce-on-plateau over epochs.
  public let schedule: LearningRateSchedule?
  /// Clipping of the whole gradient before the rule.
  public let clipping: GradientClipping?
  /// The parameter groups (default: one group of everything).
  public let groups: [ParameterGroup]
  /// Epochs, batch size, limits, early stopping, checkpoints.
  public var options: TrainingOptions
  private let groupRules: [Rule]

  /// A trainer; the data are checked against the network, the groups against its size.
  /// - Throws: ``TrainingInputError`` when data do not fit the network or a group's weight
  ///   decay cannot be set on the rule.
  /// - Precondition: the groups cover every parameter exactly once.
  public init(
    model: MLP, training: Dataset, validation: Dataset? = nil, rule: Rule,
    schedule: LearningRateSchedule? = nil, clipping: GradientClipping? = nil,
    groups: [ParameterGroup]? = nil, options: TrainingOptions = TrainingOptions()
  ) throws {
    try model.check(training)
    if let validation { try model.check(validation) }
    let groups = groups ?? ParameterGroup.all(model.parameterCount)
    var covered = [Int](repeating: 0, count: model.parameterCount)
    for group in groups { for range in group.ranges { for i in range { covered[i] += 1 } } }
    precondition(
      covered.allSatisfy { $0 == 1 },
      "parameter groups must cover each of the \(model.parameterCount) parameters exactly once")
    self.model = model
    self.training = training
    self.validation = validation
    self.rule = rule
    self.schedule = schedule
    self.clipping = clipping
    self.groups = groups
    self.options = options
    self.groupRules = try groups.map { try $0.rule(from: rule) }
  }

  /// The state before the first update, at `parameters`, drawing epoch orders from a
  /// generator seeded with `seed`.
  public func initialState(parameters: [Double], seed: UInt64) -> TrainingState<Rule.State> {
    precondition(
      parameters.count == model.parameterCount,
      "\(parameters.count) parameters for a network of \(model.parameterCount)")
    var plateau: ReduceOnPlateau.State?
    if case .plateau(let p) = schedule { plateau = p.initialState() }
    return TrainingState(
      parameters: parameters,
      ruleStates: zip(groups, groupRules).map { $1.initialState(parameterCount: $0.count) },
      plateau: plateau, generator: SeededGenerator(seed: seed), epoch: 0, step: 0, order: [],
      batch: 0, epochLossSum: 0, learningRate: rule.learningRate, bestValidationLoss: nil,
      bestEpoch: nil, epochsWithoutImprovement: 0, history: [])
  }

  /// The rule's hyperparameters under PyTorch's names, with the schedule and clipping as
  /// ``FirstOrderMethod`` reports them, and the groups when there are several.
  public var hyperparameters: JSONValue {
    var object: [String: JSONValue] = [:]
    let method = FirstOrderMethod(rule, schedule: schedule, clipping: clipping)
    if case .object(let fields) = method.hyperparameters { object = fields }
    if groups.count > 1, let encoded = try? JSONValue(encoding: groups) {
      object["param_groups"] = encoded
    }
    return .object(object)
  }

  /// The learning rate for the next update.
  func learningRate(_ state: TrainingState<Rule.State>) -> Double {
    switch schedule {
    case .stepwise(let s): s.learningRate(atStep: state.step)
    case .plateau(let p): state.plateau.map { p.learningRate(state: $0) } ?? rule.learningRate
    case nil: rule.learningRate
    }
  }

  /// Trains from `state` until the epochs, the step limit, early stopping or a non-finite
  /// loss end the run; the observer sees every update and every epoch.
  /// - Throws: errors from writing a checkpoint; ``TrainingInputError`` for a `start` that
  ///   does not fit this trainer (see `checkFits`), such as a corrupt checkpoint's.
  public func train(
    from start: TrainingState<Rule.State>, observer: ((TrainingEvent) -> Void)? = nil
  ) throws -> TrainingResult<Rule.State> {
    try checkFits(start)
    var state = start
    var evaluations = EvaluationCounts()
    let n = training.count
    let batchesPerEpoch = (n + options.batchSize - 1) / options.batchSize
    var stop = TrainingStopReason.maxIterations
    training: while state.epoch < options.epochs {
      if state.order.isEmpty {
        state.order = SeededShuffle.permutation(n, using: &state.generator)
        state.batch = 0
        state.epochLossSum = 0
      }
      while state.batch * options.batchSize < n {
        if let maxSteps = options.maxSteps, state.step >= maxSteps { break training }
        let lower = state.batch * options.batchSize
        let rows = state.order[lower..<min(lower + options.batchSize, n)]
        let batch = training.rows(rows)
        let (loss, g) = try minibatchGradient(state.parameters, batch)
        evaluations.g += 1
        guard loss.isFinite, g.allSatisfy(\.isFinite) else {
          stop = .nonFinite
          break training
        }
        let lr = learningRate(state)
        apply(clipping?.apply(g) ?? g, loss: loss, learningRate: lr, to: &state)
        state.step += 1
        state.batch += 1
        state.epochLossSum += loss * Double(rows.count)
        state.learningRate = lr
        observer?(
          .step(
            TrainingStepEvent(
              epoch: state.epoch + 1, step: state.step, batch: state.batch,
              batchesPerEpoch: batchesPerEpoch, loss: loss, learningRate: lr)))
        if let every = options.checkpointEvery, state.step % every == 0 {
          try writeCheckpoint(state)
        }
      }
      if try finishEpoch(&state, observer: observer) {
        stop = .earlyStopping
        break
      }
    }
    if options.checkpointPath != nil { try writeCheckpoint(state) }
    return try result(state, stop: stop, evaluations: evaluations)
  }

  /// Applies one update to every group's slice of the parameters.
  private func apply(
    _ gradient: [Double], loss: Double, learningRate lr: Double,
    to state: inout TrainingState<Rule.State>
  ) {
    for (k, group) in groups.enumerated() {
      let context = UpdateContext(loss: loss, learningRate: lr * group.learningRateScale)
      if group.ranges.count == 1 && group.ranges[0] == 0..<state.parameters.count {
        groupRules[k].update(
          &state.parameters, gradient: gradient, state: &state.ruleStates[k], context: context)
        continue
      }
      var theta: [Double] = []
      var g: [Double] = []
      theta.reserveCapacity(group.count)
      g.reserveCapacity(group.count)
      for range in group.ranges {
        theta += state.parameters[range]
        g += gradient[range]
      }
      groupRules[k].update(&theta, gradient: g, state: &state.ruleStates[k], context: context)
      var offset = 0
      for range in group.ranges {
        state.parameters.replaceSubrange(range, with: theta[offset..<(offset + range.count)])
        offset += range.count
      }
    }
  }

  /// Validation, plateau, early stopping and the epoch event; true when training should stop.
  private func finishEpoch(
    _ state: inout TrainingState<Rule.State>, observer: ((TrainingEvent) -> Void)?
  ) throws -> Bool {
    let trainingLoss = state.epochLossSum / Double(training.count)
    var validationLoss: Double?
    var validationAccuracy: Double?
    if let validation, validation.count > 0 {
      validationLoss = try MLPObjective(model: model, data: validation).value(
        at: state.parameters)
      validationAccuracy = try model.accuracy(parameters: state.parameters, on: validation)
    }
    state.epoch += 1
    state.order = []
    state.batch = 0
    if case .plateau(let p) = schedule, state.plateau != nil {
      p.observe(validationLoss ?? trainingLoss, state: &state.plateau!)
    }
    var stop = false
    if let loss = validationLoss {
      if let best = state.bestValidationLoss, !(loss < best - options.earlyStoppingMinDelta) {
        state.epochsWithoutImprovement += 1
      } else {
        state.epochsWithoutImprovement = 0
      }
      if state.bestValidationLoss.map({ loss < $0 }) ?? true {
        state.bestValidationLoss = loss
        state.bestEpoch = state.epoch
      }
      if let patience = options.earlyStoppingPatience, state.epochsWithoutImprovement >= patience {
        stop = true
      }
    }
    let summary = EpochSummary(
      epoch: state.epoch, step: state.step, trainingLoss: trainingLoss,
      validationLoss: validationLoss, validationAccuracy: validationAccuracy,
      learningRate: state.learningRate)
    state.history.append(summary)
    observer?(.epoch(summary))
    return stop
  }

  private func minibatchGradient(_ theta: [Double], _ batch: Dataset) throws -> (Double, [Double]) {
    let (value, gradient) = try valueWithGradient(
      of: { p in try model.loss(parameters: p, on: batch) }, at: Tensor(theta))
    return (value, gradient.scalars)
  }

  private func writeCheckpoint(_ state: TrainingState<Rule.State>) throws {
    guard let path = options.checkpointPath else { return }
    try TrainingCheckpoint(
      model: model, optimizer: Rule.name, hyperparameters: hyperparameters, state: state
    ).write(to: path)
  }

  private func result(
    _ state: TrainingState<Rule.State>, stop: TrainingStopReason, evaluations: EvaluationCounts
  ) throws -> TrainingResult<Rule.State> {
    var evaluations = evaluations
    let (value, gradient) = try MLPObjective(model: model, data: training).valueAndGradient(
      at: state.parameters)
    evaluations.g += 1
    var validationLoss: Double?
    if let validation, validation.count > 0 {
      validationLoss = try MLPObjective(model: model, data: validation).value(
        at: state.parameters)
      evaluations.f += 1
    }
    return TrainingResult(
      stopReason: stop, state: state, value: value, gradient: gradient,
      validationLoss: validationLoss,
      accuracy: try model.accuracy(parameters: state.parameters, on: training),
      validationAccuracy: try validation.flatMap {
        try model.accuracy(parameters: state.parameters, on: $0)
      },
      evaluations: evaluations)
  }
}
