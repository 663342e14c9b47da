import Foundation
import Testing

@testable import Descent

/// Properties every rule of the SGD family keeps: a run saved and restored mid-way goes on
/// bit for bit, maximizing −f is minimizing f, the first momentum step follows PyTorch, and
/// the state has PyTorch's names.
@Suite struct SGDFamilyPropertyTests {
  static let beale = "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2"

  /// Each rule with every option that keeps state switched on, under both conventions.
  static let rules: [any UpdateRule] = [
    try! GradientDescent(learningRate: 0.02),
    try! SGD(learningRate: 0.01, momentum: 0.8, weightDecay: 0.05, nesterov: true),
    try! SGD(learningRate: 0.01, momentum: 0.9, dampening: 0.3),
    try! LectureMomentum(learningRate: 0.01, momentum: 0.9),
    try! AdaGrad(learningRate: 0.1, learningRateDecay: 0.05, weightDecay: 0.1),
    try! AdaGrad(learningRate: 0.1, learningRateDecay: 0.05, convention: .optax),
    try! RMSProp(learningRate: 0.01, weightDecay: 0.1, momentum: 0.5, centered: true),
    try! RMSProp(learningRate: 0.01, momentum: 0.5, centered: true, convention: .optax),
    try! Adadelta(learningRate: 0.5, rho: 0.95, weightDecay: 0.1),
  ]

  /// Learning rates that change every step, so that a resumed run must also pick up the
  /// step count correctly (AdaGrad's decay and SGD's first step read it).
  static let rates = (0..<20).map { 1 - 0.03 * Double($0) }

  /// Saving the state as JSON after k updates (every k from 0 to 20), reading it back and
  /// going on gives the parameters and state of the uninterrupted run, bit for bit.
  @Test(arguments: rules)
  func savedStateResumesBitForBit(_ rule: any UpdateRule) throws {
    try resumes(rule)
  }

  private func resumes<Rule: UpdateRule>(_ rule: Rule) throws {
    let objective = try Formula(Self.beale).objective
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    func advance(_ x: inout [Double], _ state: inout Rule.State, _ steps: Range<Int>) throws {
      for t in steps {
        let (loss, gradient) = try objective.valueAndGradient(at: x)
        rule.update(
          &x, gradient: gradient, state: &state,
          context: UpdateContext(loss: loss, learningRate: rule.learningRate * Self.rates[t]))
      }
    }
    var straight = [1.0, 1.0]
    var straightState = rule.initialState(parameterCount: 2)
    try advance(&straight, &straightState, 0..<20)
    #expect(straightState.step == 20)
    for k in 0...20 {
      var x = [1.0, 1.0]
      var state = rule.initialState(parameterCount: 2)
      try advance(&x, &state, 0..<k)
      let saved = try encoder.encode(state)
      var restored = try JSONDecoder().decode(Rule.State.self, from: saved)
      #expect(restored == state)
      try advance(&x, &restored, k..<20)
      #expect(x.map(\.bitPattern) == straight.map(\.bitPattern), "\(Rule.name) saved after \(k)")
      #expect(try encoder.encode(restored) == encoder.encode(straightState))
    }
  }

  /// Each rule with `maximize`, built either way.
  static let maximizable: [(name: String, make: @Sendable (Bool) throws -> any UpdateRule)] = [
    (
      "sgd",
      {
        try SGD(learningRate: 0.01, momentum: 0.8, weightDecay: 0.05, nesterov: true, maximize: $0)
      }
    ),
    (
      "adagrad",
      { try AdaGrad(learningRate: 0.1, learningRateDecay: 0.05, weightDecay: 0.1, maximize: $0) }
    ),
    ("adagrad optax", { try AdaGrad(learningRate: 0.1, maximize: $0, convention: .optax) }),
    ("rmsprop", { try RMSProp(weightDecay: 0.1, momentum: 0.5, centered: true, maximize: $0) }),
    (
      "rmsprop optax",
      { try RMSProp(momentum: 0.5, centered: true, maximize: $0, convention: .optax) }
    ),
    ("adadelta", { try Adadelta(weightDecay: 0.1, maximize: $0) }),
  ]

  /// Climbing −f with `maximize` follows exactly the path of descending f: the tape's
  /// gradient of −f is −∇f to the bit (negation is exact and rounding is symmetric), and the
  /// rule negates it back before anything else.
  @Test(arguments: maximizable.map(\.name))
  func maximizingTheNegationIsMinimizing(_ name: String) throws {
    let make = try #require(Self.maximizable.first { $0.name == name }).make
    let down = try SGDFamilyFixtures.run(make(false), formula: Self.beale, from: [1, 1], steps: 30)
    let up = try SGDFamilyFixtures.run(
      make(true), formula: "-(\(Self.beale))", from: [1, 1], steps: 30)
    #expect(up.map { $0.map(\.bitPattern) } == down.map { $0.map(\.bitPattern) })
    #expect(down.last != [1, 1])
  }

  /// PyTorch's first momentum step sets the buffer to the gradient, undamped; afterwards
  /// b ← μb + (1 − τ)g. A buffer started at zero would give (1 − τ)g first.
  @Test func firstMomentumStepIsUndamped() throws {
    let rule = try SGD(learningRate: 0.1, momentum: 0.9, dampening: 0.5)
    var x = [0.0]
    var state = rule.initialState(parameterCount: 1)
    let context = UpdateContext(loss: 0, learningRate: 0.1)
    rule.update(&x, gradient: [2], state: &state, context: context)
    #expect(state.momentumBuffer == [2])
    #expect(x == [-0.2])
    rule.update(&x, gradient: [2], state: &state, context: context)
    #expect(state.momentumBuffer == [0.9 * 2 + 0.5 * 2])
    #expect(x == [-0.2 - 0.1 * 2.8])
  }

  /// States encode under PyTorch's `state[p]` names; stateless parts stay empty.
  @Test func stateKeysArePyTorchs() throws {
    func keys(_ state: some Encodable) throws -> Set<String> {
      guard case .object(let fields) = try JSONValue(encoding: state) else { return [] }
      return Set(fields.keys)
    }
    #expect(
      try keys(SGD(momentum: 0.9).initialState(parameterCount: 2)) == ["step", "momentum_buffer"])
    #expect(try SGD().initialState(parameterCount: 2).momentumBuffer.isEmpty)
    #expect(try keys(AdaGrad().initialState(parameterCount: 2)) == ["step", "sum"])
    #expect(
      try keys(RMSProp().initialState(parameterCount: 2))
        == ["step", "square_avg", "grad_avg", "momentum_buffer"])
    let plain = try RMSProp().initialState(parameterCount: 2)
    #expect(plain.gradientAverage.isEmpty && plain.momentumBuffer.isEmpty)
    #expect(
      try keys(Adadelta().initialState(parameterCount: 2)) == ["step", "square_avg", "acc_delta"])
    #expect(try keys(LectureMomentum().initialState(parameterCount: 2)) == ["step", "velocity"])
    #expect(
      try AdaGrad(initialAccumulatorValue: 0.3).initialState(parameterCount: 3).sum == [
        0.3, 0.3, 0.3,
      ])
  }
}
