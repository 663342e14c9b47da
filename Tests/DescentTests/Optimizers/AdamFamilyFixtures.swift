import Foundation
import Testing

@testable import Descent

/// The reference trajectories of `Scripts/references/optimizers_adam_family.py`, committed as
/// `Fixtures/optimizers_adam_family.json`: Adam, AdamW, Adamax, NAdam and RAdam from PyTorch
/// (float64, single-tensor loops) and from Optax (float64 JAX on the CPU), Lion from Optax,
/// Eve from a transcription of the paper's Algorithm 1; 50 updates each on three formulas.
/// And the helpers that replay them.
enum AdamFamilyFixtures {
  /// One rule with one setting on one formula from one start.
  struct Case: Decodable, Sendable, CustomTestStringConvertible {
    /// `setting/function`, e.g. `adam-amsgrad/rosenbrock`.
    var name: String
    /// The rule's command-line name.
    var rule: String
    /// `pytorch` or `optax` for the rules that have a convention.
    var convention: String?
    /// Every hyperparameter in force, defaults included, under the encoded names.
    var hyperparameters: JSONValue
    var formula: String
    var variables: [String]
    var start: [Double]
    /// What computed the trajectory.
    var reference: String
    /// The parameters after updates 1, 2, …
    var trajectory: [[Double]]

    var testDescription: String { name }
  }

  struct Document: Decodable {
    var generator: String
    var steps: Int
    var cases: [Case]
  }

  static let document: Document? = {
    guard
      let url = Bundle.module.url(
        forResource: "optimizers_adam_family", withExtension: "json", subdirectory: "Fixtures"),
      let data = try? Data(contentsOf: url)
    else { return nil }
    return try? JSONDecoder().decode(Document.self, from: data)
  }()

  static var cases: [Case] { document?.cases ?? [] }

  /// A rule decoded from a hyperparameter object (as a saved run's would be).
  static func rule<Rule: UpdateRule & Decodable>(
    _ type: Rule.Type, from hyperparameters: JSONValue
  ) throws -> Rule {
    try JSONDecoder().decode(Rule.self, from: JSONEncoder().encode(hyperparameters))
  }

  /// The parameters after each of `steps` updates of `rule` on `formula` from `start`, the
  /// loss and gradient from Descent's tape, the learning rate the rule's own.
  static func run<Rule: UpdateRule>(
    _ rule: Rule, formula: String, from start: [Double], steps: Int
  ) throws -> [[Double]] {
    let objective = try Formula(formula).objective
    var x = start
    var state = rule.initialState(parameterCount: x.count)
    var trajectory: [[Double]] = []
    for _ in 0..<steps {
      let (loss, gradient) = try objective.valueAndGradient(at: x)
      rule.update(
        &x, gradient: gradient, state: &state,
        context: UpdateContext(loss: loss, learningRate: rule.learningRate))
      trajectory.append(x)
    }
    return trajectory
  }

  /// The case replayed by the rule its `rule` names, built from `hyperparameters` (the
  /// case's own unless given), and that rule's encoded hyperparameters.
  static func replay(
    _ c: Case, hyperparameters: JSONValue? = nil
  ) throws -> (trajectory: [[Double]], hyperparameters: JSONValue) {
    let h = hyperparameters ?? c.hyperparameters
    func go<Rule: UpdateRule & Decodable>(_ type: Rule.Type) throws -> ([[Double]], JSONValue) {
      let rule = try rule(type, from: h)
      let trajectory = try run(
        rule, formula: c.formula, from: c.start, steps: c.trajectory.count)
      return (trajectory, try JSONValue(encoding: rule))
    }
    switch c.rule {
    case Adam.name: return try go(Adam.self)
    case AdamW.name: return try go(AdamW.self)
    case Adamax.name: return try go(Adamax.self)
    case NAdam.name: return try go(NAdam.self)
    case RAdam.name: return try go(RAdam.self)
    case Eve.name: return try go(Eve.self)
    case Lion.name: return try go(Lion.self)
    default:
      Issue.record("fixture case \(c.name) names an unknown rule \(c.rule)")
      return ([], .null)
    }
  }

  /// The largest error of `actual` against `expected` over a trajectory in units of
  /// max(1, |expected|), with the update (1-based) and component where it occurs; infinite
  /// when the shapes differ or a value is not finite.
  static func deviation(
    _ actual: [[Double]], _ expected: [[Double]]
  ) -> (error: Double, update: Int, component: Int) {
    guard actual.count == expected.count else { return (.infinity, 0, 0) }
    var worst = (error: 0.0, update: 0, component: 0)
    for (t, (a, e)) in zip(actual, expected).enumerated() {
      guard a.count == e.count else { return (.infinity, t + 1, 0) }
      for i in e.indices {
        let error = a[i].isFinite ? abs(a[i] - e[i]) / max(1, abs(e[i])) : .infinity
        if !(error <= worst.error) { worst = (error, t + 1, i) }
      }
    }
    return worst
  }

  /// `hyperparameters` with `key` set to `value`.
  static func setting(_ key: String, to value: JSONValue, in hyperparameters: JSONValue)
    -> JSONValue
  {
    guard case .object(var fields) = hyperparameters else { return hyperparameters }
    fields[key] = value
    return .object(fields)
  }
}
