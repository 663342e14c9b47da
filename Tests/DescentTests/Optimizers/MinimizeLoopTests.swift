import Foundation
import Testing

@testable import Descent

/// The driver loop, with a minimal rule of its own (θ ← θ − ηg) so that these tests depend
/// on nothing but the loop.
@Suite struct MinimizeLoopTests {
  struct Step: UpdateRule {
    static let name = "test-gd"
    static var learningRateIsBoundedByCurvature: Bool { true }
    var learningRate: Double
    struct State: UpdateRuleState { var step = 0 }
    func initialState(parameterCount: Int) -> State { State() }
    func update(
      _ parameters: inout [Double], gradient: [Double], state: inout State, context: UpdateContext
    ) {
      for i in parameters.indices { parameters[i] -= context.learningRate * gradient[i] }
      state.step += 1
    }
    enum CodingKeys: String, CodingKey { case learningRate = "lr" }
  }

  /// λ = 1 and 100: gradient descent converges iff lr < 2/100.
  let quadratic = try! Formula("0.5*x^2 + 50*y^2").objective

  @Test func convergesOnTheGradientTolerance() throws {
    var options = MinimizeOptions()
    options.gradientTolerance = 1e-6
    let (result, _) = try minimize(
      quadratic, from: [1, 1], method: FirstOrderMethod(Step(learningRate: 0.015)), options: options
    )
    #expect(result.stopReason == .gradientTolerance)
    #expect(result.converged)
    #expect(Tensor(result.gradient).maxNorm <= 1e-6)
    // One gradient evaluation at the start and one per update.
    #expect(result.evaluations == EvaluationCounts(g: result.iterations + 1))
    #expect(result.trace.count == result.iterations + 1)
    #expect(result.trace[0].x == [1, 1])
    #expect(result.trace.last?.x == result.x)
    #expect(result.trace[1].lr == 0.015)
  }

  @Test func divergenceKeepsTheLastFinitePointAndExplains() throws {
    var options = MinimizeOptions()
    options.maxIterations = 10_000
    let (result, _) = try minimize(
      quadratic, from: [1, 1], method: FirstOrderMethod(Step(learningRate: 0.05)), options: options)
    #expect(result.stopReason == .diverged)
    #expect(!result.converged)
    #expect(result.value.isFinite && result.x.allSatisfy { $0.isFinite })
    let report = try #require(result.divergence)
    #expect(report.step == result.iterations + 1)
    #expect(report.hint.contains("exceeds 2/λmax ≈ 0.02"), "\(report.hint)")
    // Each step multiplies y by (1 − 0.05·100) = −4: |f| passes 10¹⁰ after a few steps.
    #expect(result.iterations < 30)
  }

  @Test func nonFiniteStartStopsAtOnce() throws {
    let (result, _) = try minimize(
      try Formula("log(x)").objective, from: [-1], method: FirstOrderMethod(Step(learningRate: 0.1))
    )
    #expect(result.stopReason == .nonFinite)
    #expect(result.iterations == 0)
    #expect(result.divergence?.step == 0)
  }

  @Test func resumeContinuesBitForBit() throws {
    let method = FirstOrderMethod(Step(learningRate: 0.01))
    var options = MinimizeOptions()
    options.gradientTolerance = 0
    options.maxIterations = 40
    let (straight, _) = try minimize(quadratic, from: [1, -2], method: method, options: options)
    options.maxIterations = 17
    let (_, checkpoint) = try minimize(quadratic, from: [1, -2], method: method, options: options)
    let data = try JSONEncoder().encode(checkpoint)
    let restored = try JSONDecoder().decode(
      RunCheckpoint<FirstOrderMethod<Step>.State>.self, from: data)
    #expect(restored == checkpoint)
    options.maxIterations = 40
    let (resumed, _) = try minimize(
      quadratic, from: [1, -2], method: method, options: options, resumingFrom: restored)
    #expect(resumed.x.map(\.bitPattern) == straight.x.map(\.bitPattern))
    #expect(resumed.trace == straight.trace)
    #expect(resumed.iterations == 40)
    #expect(resumed.evaluations == straight.evaluations)
  }

  @Test func otherCriteriaAndLimits() throws {
    let method = FirstOrderMethod(Step(learningRate: 0.01))
    var options = MinimizeOptions()
    options.valueTolerance = (1e-3, 0)
    #expect(
      try minimize(quadratic, from: [1, 1], method: method, options: options).result.stopReason
        == .valueTolerance)
    options = MinimizeOptions()
    options.stepTolerance = 1e-4
    #expect(
      try minimize(quadratic, from: [1, 1], method: method, options: options).result.stopReason
        == .stepTolerance)
    options = MinimizeOptions()
    options.maxEvaluations = 5
    let limited = try minimize(quadratic, from: [1, 1], method: method, options: options).result
    #expect(limited.stopReason == .maxEvaluations)
    #expect(limited.evaluations.g == 5)
    var seen = 0
    let stopped = try minimize(quadratic, from: [1, 1], method: method) { entry in
      seen += 1
      return entry.step == 3 ? .stop : .proceed
    }.result
    #expect(stopped.stopReason == .callback)
    #expect(stopped.iterations == 3)
    #expect(seen == 4)
  }

  @Test func clippingBoundsTheStep() throws {
    let method = FirstOrderMethod(Step(learningRate: 1), clipping: .value(0.5))
    var options = MinimizeOptions()
    options.maxIterations = 1
    let result = try minimize(
      try Formula("x^2").objective, from: [10], method: method, options: options
    ).result
    #expect(result.x == [9.5])
    let byNorm = FirstOrderMethod(Step(learningRate: 1), clipping: .globalNorm(1))
    let r2 = try minimize(
      try Formula("x^2 + y^2").objective, from: [3, 4], method: byNorm, options: options
    ).result
    // g = (6, 8), ‖g‖ = 10 → scaled to norm 1/(1 + 1e-7): x moves by (0.6, 0.8)·(1 − 1e-7).
    expectClose(r2.x, [2.4, 3.2], atol: 1e-6)
  }

  @Test func hyperparametersIncludeScheduleAndClipping() throws {
    let method = FirstOrderMethod(Step(learningRate: 0.1), clipping: .globalNorm(2))
    guard case .object(let fields) = method.hyperparameters else {
      Issue.record("hyperparameters are not an object")
      return
    }
    #expect(fields["lr"] == .number(0.1))
    #expect(fields["clip_norm"] == .number(2))
  }
}

@Suite("The loop on an objective unbounded below")
struct UnboundedBelowTests {
  /// f = −x² − y²/2 from (1, 1): every method that descends runs off to −∞. The loop stops it
  /// as diverged once f < −max(10¹⁰, 10⁶·|f₀|) = −10¹⁰, keeping the last point above the
  /// bound, and says so; nothing is reported as converged.
  @Test(
    "newton-tr, bfgs, lbfgs, cg and newton-cg stop as diverged with the unbounded-below hint",
    arguments: ["newton-tr", "bfgs", "lbfgs", "cg", "newton-cg"])
  func unboundedBelow(method name: String) throws {
    let objective = try Formula("-x^2 - y^2/2").objective
    var options = MinimizeOptions()
    options.maxIterations = 10_000
    let method: any IterativeMethod =
      switch name {
      case "newton-tr": NewtonTrustRegion()
      case "bfgs": BFGS()
      case "lbfgs": LBFGS()
      case "cg": ConjugateGradient()
      default: NewtonCG()
      }
    let result = try run(method, objective, options)
    #expect(!result.converged)
    if result.stopReason == .diverged {
      #expect(result.value >= -1e10)
      #expect(result.divergence?.hint.contains("unbounded below") == true)
    } else {
      // A method may give up first (a line search that cannot satisfy the curvature
      // condition on a concave function); it must not claim success.
      #expect(result.stopReason == .lineSearchFailed)
    }
  }

  private func run(
    _ method: some IterativeMethod, _ objective: any Objective, _ options: MinimizeOptions
  ) throws -> MinimizeResult {
    try minimize(objective, from: [1, 1], method: method, options: options).result
  }
}
