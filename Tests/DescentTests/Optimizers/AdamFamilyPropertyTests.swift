import Foundation
import Testing

@testable import Descent

/// Properties every rule of the Adam family must have, whatever the reference: a saved
/// state resumes bit for bit, `maximize` is minimising −f, AdamW is Adam with decoupled
/// decay, an empty parameter vector is harmless.
@Suite struct AdamFamilyPropertyTests {
  static let rosenbrock = "(1-x)^2 + 100*(y-x^2)^2"

  /// Settings that exercise every piece of state: AMSGrad's maximum under both conventions,
  /// NAdam's schedule product, RAdam across its threshold, Eve's smoothed loss and feedback.
  static let settings = [
    "adam", "adam-amsgrad", "adam-amsgrad-optax", "adamw", "adamax", "nadam", "nadam-optax",
    "radam", "radam-optax", "eve", "lion",
  ]

  /// Calls `body` with the rule a setting names, opened to its concrete type.
  static func withRule(
    _ setting: String,
    _ body: (any UpdateRule & Codable & Equatable) throws -> Void
  ) throws {
    switch setting {
    case "adam": try body(Adam(learningRate: 0.01, weightDecay: 0.01))
    case "adam-amsgrad": try body(Adam(learningRate: 0.02, amsgrad: true))
    case "adam-amsgrad-optax":
      try body(Adam(learningRate: 0.02, amsgrad: true, convention: .optax, epsilonRoot: 1e-8))
    case "adamw": try body(AdamW(learningRate: 0.01))
    case "adamax": try body(Adamax(learningRate: 0.02, weightDecay: 0.01))
    case "nadam": try body(NAdam(learningRate: 0.02, decoupledWeightDecay: true))
    case "nadam-optax": try body(NAdam(learningRate: 0.02, convention: .optax))
    case "radam": try body(RAdam(learningRate: 2e-3))
    case "radam-optax": try body(RAdam(learningRate: 2e-3, convention: .optax))
    case "eve": try body(Eve(learningRate: 0.01))
    case "lion": try body(Lion(learningRate: 0.01, weightDecay: 0.1))
    default: Issue.record("unknown setting \(setting)")
    }
  }

  /// A run saved after 20 updates (state and rule through JSON, as a checkpoint holds them)
  /// and resumed continues bit for bit: the next 30 updates give the same parameters and
  /// the same state, compared by bit pattern, as the run that never stopped.
  @Test(arguments: settings)
  func stateRoundTripResumesBitIdentically(_ setting: String) throws {
    try Self.withRule(setting) { rule in try Self.checkResume(rule) }
  }

  static func checkResume<Rule: UpdateRule & Codable & Equatable>(_ rule: Rule) throws {
    let objective = try Formula(rosenbrock).objective
    func advance(_ x: inout [Double], _ state: inout Rule.State, _ rule: Rule, steps: Int)
      throws
    {
      for _ in 0..<steps {
        let (loss, gradient) = try objective.valueAndGradient(at: x)
        rule.update(
          &x, gradient: gradient, state: &state,
          context: UpdateContext(loss: loss, learningRate: rule.learningRate))
      }
    }
    var x: [Double] = [-1.2, 1]
    var state = rule.initialState(parameterCount: 2)
    try advance(&x, &state, rule, steps: 20)

    let encoder = JSONEncoder()
    var savedState = try JSONDecoder().decode(Rule.State.self, from: encoder.encode(state))
    let savedRule = try JSONDecoder().decode(Rule.self, from: encoder.encode(rule))
    var savedX = try JSONDecoder().decode([Double].self, from: encoder.encode(x))
    #expect(savedRule == rule)
    #expect(savedState == state)
    #expect(savedState.step == 20)

    try advance(&x, &state, rule, steps: 30)
    try advance(&savedX, &savedState, savedRule, steps: 30)
    #expect(savedX.map(\.bitPattern) == x.map(\.bitPattern), "\(Rule.name)")
    #expect(savedState == state, "\(Rule.name)")
    #expect(state.step == 50)
  }

  /// `maximize` climbs f exactly as the rule descends −f: the tape's gradient of −f is the
  /// exact negation of f's (negation commutes with rounding), and `maximize` negates the
  /// gradient before anything else touches it (weight decay included), so the iterates are
  /// bit-identical.
  @Test(arguments: [
    "adam", "adam-l2", "adam-amsgrad-optax", "adamw", "adamax", "nadam", "nadam-optax", "radam",
    "radam-optax",
  ])
  func maximizeIsMinimizingTheNegation(_ setting: String) throws {
    func pair<Rule: UpdateRule>(_ up: Rule, _ down: Rule) throws {
      for (formula, start) in [
        (Self.rosenbrock, [-1.2, 1.0]), ("0.5*x^2 + 5*y^2 + 0.1*x*y", [2, 1]),
      ] {
        let climb = try AdamFamilyFixtures.run(up, formula: formula, from: start, steps: 50)
        let descent = try AdamFamilyFixtures.run(
          down, formula: "-(\(formula))", from: start, steps: 50)
        #expect(climb == descent, "\(setting) on \(formula)")
        #expect(climb.last != start)
      }
    }
    switch setting {
    case "adam": try pair(Adam(learningRate: 0.01, maximize: true), Adam(learningRate: 0.01))
    case "adam-l2":
      try pair(
        Adam(learningRate: 0.01, weightDecay: 0.1, maximize: true),
        Adam(learningRate: 0.01, weightDecay: 0.1))
    case "adam-amsgrad-optax":
      try pair(
        Adam(learningRate: 0.01, amsgrad: true, maximize: true, convention: .optax),
        Adam(learningRate: 0.01, amsgrad: true, convention: .optax))
    case "adamw": try pair(AdamW(learningRate: 0.01, maximize: true), AdamW(learningRate: 0.01))
    case "adamax":
      try pair(
        Adamax(learningRate: 0.01, weightDecay: 0.1, maximize: true),
        Adamax(learningRate: 0.01, weightDecay: 0.1))
    case "nadam": try pair(NAdam(learningRate: 0.01, maximize: true), NAdam(learningRate: 0.01))
    case "nadam-optax":
      try pair(
        NAdam(learningRate: 0.01, decoupledWeightDecay: true, maximize: true, convention: .optax),
        NAdam(learningRate: 0.01, decoupledWeightDecay: true, convention: .optax))
    case "radam": try pair(RAdam(maximize: true), RAdam())
    case "radam-optax":
      try pair(
        RAdam(weightDecay: 0.1, maximize: true, convention: .optax),
        RAdam(weightDecay: 0.1, convention: .optax))
    default: Issue.record("unknown setting \(setting)")
    }
  }

  /// AdamW is Adam with decoupled weight decay, bit for bit, under either convention and
  /// with AMSGrad; only the default λ differs (1e-2 against 0).
  @Test(arguments: Convention.allCases)
  func adamWIsAdamWithDecoupledDecay(_ convention: Convention) throws {
    for amsgrad in [false, true] {
      let w = try AdamW(learningRate: 0.01, amsgrad: amsgrad, convention: convention)
      let a = try Adam(
        learningRate: 0.01, weightDecay: 1e-2, amsgrad: amsgrad, decoupledWeightDecay: true,
        convention: convention)
      let expected = try AdamFamilyFixtures.run(
        a, formula: Self.rosenbrock, from: [-1.2, 1], steps: 50)
      let actual = try AdamFamilyFixtures.run(
        w, formula: Self.rosenbrock, from: [-1.2, 1], steps: 50)
      #expect(actual == expected)
    }
    #expect(try AdamW().weightDecay == 1e-2)
    #expect(try Adam().weightDecay == 0)
  }

  /// An update of no parameters counts the step and touches nothing.
  @Test(arguments: settings)
  func emptyParameterVector(_ setting: String) throws {
    try Self.withRule(setting) { rule in
      func check<Rule: UpdateRule>(_ rule: Rule) {
        var x: [Double] = []
        var state = rule.initialState(parameterCount: 0)
        rule.update(
          &x, gradient: [], state: &state, context: UpdateContext(loss: 1, learningRate: 0.1))
        #expect(state.step == 1)
        #expect(x.isEmpty)
      }
      check(rule)
    }
  }

  /// RAdam's first five updates (β₂ = 0.999) are momentum steps η·m̂ₜ: after one, θ₁ = θ₀ − η·g₁
  /// (to rounding); ρₜ crosses 5 between t = 5 and 6 (4.996, 5.994), as documented.
  @Test func radamStartsWithMomentumSteps() throws {
    let rule = try RAdam(learningRate: 1e-3)
    #expect(rule.smaLength(step: 5).rho < 5)
    #expect(rule.smaLength(step: 6).rho > 5)
    expectClose(rule.smaLength(step: 5).rho, 4.995998000395048, rtol: 1e-13)
    let objective = try Formula(Self.rosenbrock).objective
    let start: [Double] = [-1.2, 1]
    let (_, g) = try objective.valueAndGradient(at: start)
    let after = try AdamFamilyFixtures.run(rule, formula: Self.rosenbrock, from: start, steps: 1)
    // m̂₁ = g₁ up to the two roundings of lerp and the bias correction.
    expectClose(after[0], [start[0] - 1e-3 * g[0], start[1] - 1e-3 * g[1]], rtol: 1e-15)
  }
}
