import Foundation
import Testing

@testable import Descent

/// The reference trajectories of `Scripts/references/optimizers_sgd_family.py`, committed as
/// `Fixtures/optimizers_sgd_family.json`: gd, sgd, momentum, adagrad, rmsprop and adadelta
/// from PyTorch (float64, single-tensor loops), Optax (float64 JAX on the CPU) and the
/// lecture's momentum formula, 50 updates each on three formulas, and the helpers that
/// replay them.
enum SGDFamilyFixtures {
  /// One rule with one setting on one formula from one start.
  struct Case: Decodable, Sendable, CustomTestStringConvertible {
    /// `rule/setting[/scheduled]/function`.
    var id: String
    /// The rule's command-line name.
    var rule: String
    /// Every hyperparameter in force, under PyTorch's names (plus `convention`).
    var hyperparameters: JSONValue
    var formula: String
    var variables: [String]
    var start: [Double]
    /// The learning rate of each update, when a schedule sets it.
    var learningRates: [Double]?
    /// What computed the trajectory.
    var reference: String
    /// The parameters after updates 1, 2, …
    var trajectory: [[Double]]

    var testDescription: String { id }

    enum CodingKeys: String, CodingKey {
      case id, rule, hyperparameters, formula, variables, start, reference, trajectory
      case learningRates = "learning_rates"
    }
  }

  struct Document: Decodable {
    var generator: String
    var steps: Int
    var cases: [Case]
  }

  static let document: Document? = {
    guard
      let url = Bundle.module.url(
        forResource: "optimizers_sgd_family", withExtension: "json", subdirectory: "Fixtures"),
      let data = try? Data(contentsOf: url)
    else { return nil }
    return try? JSONDecoder().decode(Document.self, from: data)
  }()

  static var cases: [Case] { document?.cases ?? [] }

  /// The case's rule, decoded from its hyperparameters (which checks them as a saved run's
  /// would be).
  static func rule<Rule: UpdateRule & Decodable>(_ type: Rule.Type, of c: Case) throws -> Rule {
    try JSONDecoder().decode(Rule.self, from: JSONEncoder().encode(c.hyperparameters))
  }

  /// Runs `rule` from the case's start for as many updates as the reference made, with the
  /// case's learning rates when it has a schedule, returning the parameters after each.
  static func replay<Rule: UpdateRule>(_ rule: Rule, _ c: Case) throws -> [[Double]] {
    try run(
      rule, formula: c.formula, from: c.start, steps: c.trajectory.count,
      learningRates: c.learningRates)
  }

  /// The parameters after each of `steps` updates of `rule` on `formula` from `start`, with
  /// `learningRates[t]` as the rate of update t when given, else the rule's own.
  static func run<Rule: UpdateRule>(
    _ rule: Rule, formula: String, from start: [Double], steps: Int,
    learningRates: [Double]? = nil
  ) throws -> [[Double]] {
    let objective = try Formula(formula).objective
    var x = start
    var state = rule.initialState(parameterCount: x.count)
    var trajectory: [[Double]] = []
    for t in 0..<steps {
      let (loss, gradient) = try objective.valueAndGradient(at: x)
      let lr = learningRates?[t] ?? rule.learningRate
      rule.update(
        &x, gradient: gradient, state: &state, context: UpdateContext(loss: loss, learningRate: lr))
      trajectory.append(x)
    }
    return trajectory
  }

  /// The case replayed by the Swift rule its `rule` names, and that rule's encoded
  /// hyperparameters.
  static func replay(_ c: Case) throws -> (trajectory: [[Double]], hyperparameters: JSONValue) {
    func go<Rule: UpdateRule & Decodable>(_ type: Rule.Type) throws -> ([[Double]], JSONValue) {
      let rule = try rule(type, of: c)
      return (try replay(rule, c), try JSONValue(encoding: rule))
    }
    switch c.rule {
    case GradientDescent.name: return try go(GradientDescent.self)
    case SGD.name: return try go(SGD.self)
    case LectureMomentum.name: return try go(LectureMomentum.self)
    case AdaGrad.name: return try go(AdaGrad.self)
    case RMSProp.name: return try go(RMSProp.self)
    case Adadelta.name: return try go(Adadelta.self)
    default:
      Issue.record("fixture case \(c.id) names an unknown rule \(c.rule)")
      return ([], .null)
    }
  }
}

/// The largest error of `actual` against `expected` over a whole trajectory, measured in
/// units of `scale`·max(1, |expected|), with where it occurred.
struct TrajectoryDeviation: Comparable {
  var ratio: Double
  var step: Int
  var component: Int

  static func < (a: Self, b: Self) -> Bool { a.ratio < b.ratio }

  init(ratio: Double = 0, step: Int = 0, component: Int = 0) {
    self.ratio = ratio
    self.step = step
    self.component = component
  }

  init(_ actual: [[Double]], _ expected: [[Double]], scale: Double) {
    self.init()
    for (t, (a, e)) in zip(actual, expected).enumerated() {
      for i in e.indices {
        let error = i < a.count && a[i].isFinite ? abs(a[i] - e[i]) : .infinity
        let ratio = error / (scale * max(1, abs(e[i])))
        if !(ratio <= self.ratio) { self = Self(ratio: ratio, step: t, component: i) }
      }
    }
  }
}

/// Expects two trajectories to agree at every step and component within
/// `tolerance`·max(1, |expected|); a failure names the worst step and component.
func expectTrajectory(
  _ actual: [[Double]], _ expected: [[Double]], tolerance: Double, _ comment: Comment,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard actual.count == expected.count, zip(actual, expected).allSatisfy({ $0.count == $1.count })
  else {
    let message =
      "\(comment.rawValue): \(actual.count) steps against \(expected.count) expected, or "
      + "points of different sizes"
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    return
  }
  let worst = TrajectoryDeviation(actual, expected, scale: tolerance)
  guard worst.ratio > 1 else { return }
  let (t, i) = (worst.step, worst.component)
  let message =
    "\(comment.rawValue): after update \(t + 1), component \(i) is \(actual[t][i]), expected "
    + "\(expected[t][i]) (error \(abs(actual[t][i] - expected[t][i])), "
    + "\(worst.ratio)× the tolerance \(tolerance)·max(1, |x|))"
  Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
}
