import Foundation

/// A run in progress, as saved to and restored from a file: enough to continue bit for bit.
public struct RunCheckpoint<State: Codable & Equatable & Sendable>: Codable, Equatable, Sendable {
  /// Format version, for refusing files of another layout.
  public var version = 1
  public var method: String
  public var hyperparameters: JSONValue
  /// What the objective was (a formula, a built-in name): a resumed run must use the same.
  public var objective: String
  public var current: Iterate
  public var state: State
  public var iterations: Int
  public var evaluations: EvaluationCounts
  public var trace: [TraceEntry]
}

/// The one driver loop: iterates `method` on `objective` from `start` until a limit or a
/// criterion stops it; every method of Descent runs through here.
///
/// Per iteration: stop if the method's stationarity measure (‖∇f‖∞ unless it has bounds) is
/// ≤ gtol and it sees no negative curvature to follow; otherwise take one step; a non-finite result stops
/// the run with ``StopReason/nonFinite`` and a value above the divergence bound — or below its
/// negative, an objective unbounded below — with ``StopReason/diverged`` — both keep the last finite point and explain (see
/// ``DivergenceReport``); then the value and step tolerances, the observer, the evaluation
/// and time limits. Errors thrown by the objective itself propagate; a checkpoint whose point
/// or gradient is not of the objective's dimension throws a ``ShapeError``.
///
/// - Parameters:
///   - resumingFrom: a checkpoint of an earlier run of the same method; the run continues
///     from it (its iterations count toward `maxIterations`).
///   - objectiveDescription: identifies the objective in checkpoints.
///   - observer: called with each new trace entry (entry 0 included).
public func minimize<Method: IterativeMethod>(
  _ objective: any Objective, from start: [Double], method: Method,
  options: MinimizeOptions = MinimizeOptions(),
  resumingFrom checkpoint: RunCheckpoint<Method.State>? = nil,
  objectiveDescription: String = "",
  observer: ((TraceEntry) -> ObserverVerdict)? = nil
) throws -> (result: MinimizeResult, checkpoint: RunCheckpoint<Method.State>) {
  precondition(
    start.count == objective.dimension,
    "a start of \(start.count) coordinates for \(objective.dimension) variables")
  precondition(
    !method.usesGradient || objective is any DifferentiableObjective,
    "\(method.name) needs gradients")
  let evaluator = ObjectiveEvaluator(objective)
  let began = Date()

  var current: Iterate
  var state: Method.State
  var iterations = 0
  var trace: [TraceEntry] = []
  var base = EvaluationCounts()
  if let checkpoint {
    // A checkpoint is read from a file: one of another size is refused, not trapped on.
    let (n, gradients) = (objective.dimension, checkpoint.current.gradient.count)
    guard checkpoint.current.x.count == n,
      gradients == n || (!method.usesGradient && gradients == 0)
    else {
      throw ShapeError(
        operation: "resume", shapes: [[checkpoint.current.x.count], [gradients], [n]],
        reason: "a checkpoint's point and gradient must have the objective's \(n) coordinates")
    }
    current = checkpoint.current
    state = checkpoint.state
    iterations = checkpoint.iterations
    trace = checkpoint.trace
    base = checkpoint.evaluations
  } else {
    if method.usesGradient {
      let (f, g) = try evaluator.valueAndGradient(at: start)
      current = Iterate(x: start, value: f, gradient: g)
    } else {
      current = Iterate(x: start, value: try evaluator.value(at: start), gradient: [])
    }
    state = try method.initialState(at: current, evaluator: evaluator)
    let entry = TraceEntry(
      step: 0, x: current.x, value: current.value, gradNorm: norm(current.gradient),
      lr: method.learningRate(in: state))
    if options.recordTrace { trace.append(entry) }
    _ = observer?(entry)
  }
  let startValue = trace.first?.value ?? current.value
  let bound = options.divergenceBound ?? Swift.max(1e10, 1e6 * Swift.abs(startValue))

  var stopReason = StopReason.maxIterations
  var divergence: DivergenceReport?
  func total() -> EvaluationCounts {
    let c = evaluator.counts
    return EvaluationCounts(
      f: base.f + c.f, g: base.g + c.g, h: base.h + c.h, hvp: base.hvp + c.hvp)
  }

  if !current.isFinite {
    stopReason = .nonFinite
    divergence = DivergenceReport(
      step: iterations, hint: "the objective is not finite at the start point; choose another start"
    )
  } else {
    loop: while true {
      if method.usesGradient,
        method.stationarity(at: current, state: state) <= options.gradientTolerance,
        try !method.continuesPastStationaryPoint(current, state: state, evaluator: evaluator)
      {
        stopReason = .gradientTolerance
        break
      }
      if iterations >= options.maxIterations {
        stopReason = .maxIterations
        break
      }
      if let limit = options.maxEvaluations, total().f + total().g >= limit {
        stopReason = .maxEvaluations
        break
      }
      if let limit = options.timeLimit, Date().timeIntervalSince(began) >= limit {
        stopReason = .timeLimit
        break
      }
      let lr = method.learningRate(in: state)
      var trial = state
      let outcome = try method.step(from: current, state: &trial, evaluator: evaluator)
      guard case .moved(let next, let usedRate) = outcome else {
        if case .stopped(let reason) = outcome { stopReason = reason }
        break
      }
      if !next.isFinite || next.value > bound {
        stopReason = next.isFinite ? .diverged : .nonFinite
        divergence = DivergenceReport(
          step: iterations + 1,
          hint: DivergenceHint.describe(
            boundApplies: method.learningRateIsBoundedByCurvature, learningRate: usedRate ?? lr,
            from: trace.first?.x ?? start,
            objective: objective, lastValue: current.value, reason: stopReason))
        break
      }
      if next.value < -bound {
        stopReason = .diverged
        divergence = DivergenceReport(
          step: iterations + 1,
          hint:
            "f fell below −\(DivergenceHint.format(bound)) (to \(DivergenceHint.format(next.value)); "
            + "the last value kept is \(DivergenceHint.format(current.value))): the objective "
            + "looks unbounded below; add bounds or a term that grows")
        break
      }
      let previous = current
      current = next
      state = trial
      iterations += 1
      let entry = TraceEntry(
        step: iterations, x: current.x, value: current.value, gradNorm: norm(current.gradient),
        lr: usedRate)
      if options.recordTrace { trace.append(entry) }
      if observer?(entry) == .stop {
        stopReason = .callback
        break
      }
      let (fa, fr) = options.valueTolerance
      if fa > 0 || fr > 0,
        Swift.abs(current.value - previous.value) <= fa + fr * Swift.abs(previous.value)
      {
        stopReason = .valueTolerance
        break loop
      }
      if options.stepTolerance > 0,
        zip(current.x, previous.x).map({ Swift.abs($0 - $1) }).max() ?? 0 <= options.stepTolerance
      {
        stopReason = .stepTolerance
        break loop
      }
    }
  }
  let result = MinimizeResult(
    method: method.name, hyperparameters: method.hyperparameters, x: current.x,
    value: current.value,
    gradient: current.gradient, gradNorm: norm(current.gradient) ?? 0, iterations: iterations,
    evaluations: total(), converged: stopReason.isConvergence, stopReason: stopReason, trace: trace,
    divergence: divergence)
  let saved = RunCheckpoint(
    method: method.name, hyperparameters: method.hyperparameters, objective: objectiveDescription,
    current: current, state: state, iterations: iterations, evaluations: total(), trace: trace)
  return (result, saved)
}

private func norm(_ g: [Double]) -> Double? {
  g.isEmpty ? nil : Tensor(g).norm
}

/// The sentence a diverged run ends with.
enum DivergenceHint {
  static func describe(
    boundApplies: Bool, learningRate: Double?, from start: [Double], objective: any Objective,
    lastValue: Double, reason: StopReason
  ) -> String {
    let what =
      reason == .nonFinite
      ? "f or its gradient became NaN or infinite" : "f exceeded the divergence bound"
    let last = "the last finite value was \(format(lastValue))"
    guard boundApplies, let lr = learningRate,
      let twice = objective as? any TwiceDifferentiableObjective, objective.dimension <= 500,
      let (_, _, h) = try? twice.valueGradientAndHessian(at: start),
      let eigen = try? SymmetricEigendecomposition(h, computeEigenvectors: false),
      let lambdaMax = eigen.eigenvalues.last, lambdaMax > 0
    else {
      return "\(what) (\(last)); try a smaller learning rate"
    }
    let limit = 2 / lambdaMax
    if lr >= limit {
      return
        "\(what) (\(last)): lr \(format(lr)) exceeds 2/λmax ≈ \(format(limit)) (λmax = \(format(lambdaMax)) at the start); try lr < \(format(limit))"
    }
    return
      "\(what) (\(last)); lr \(format(lr)) is below 2/λmax ≈ \(format(limit)) at the start, so the curvature grew along the way: try a smaller learning rate or gradient clipping"
  }

  static func format(_ x: Double) -> String { String(format: "%.3g", x) }
}
