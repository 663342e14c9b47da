import Foundation
import Testing

@testable import Descent

/// Hyperparameters of the SGD family: PyTorch's defaults, Optax's under `.optax`, and a
/// clear error naming the hyperparameter, its value and what is valid for every bad value.
@Suite struct SGDFamilyHyperparameterTests {
  @Test func defaultsArePyTorchs() throws {
    let sgd = try SGD()
    #expect(sgd.learningRate == 1e-3 && sgd.momentum == 0 && sgd.dampening == 0)
    #expect(sgd.weightDecay == 0 && !sgd.nesterov && !sgd.maximize)
    let adagrad = try AdaGrad()
    #expect(adagrad.learningRate == 1e-2 && adagrad.learningRateDecay == 0)
    #expect(adagrad.initialAccumulatorValue == 0 && adagrad.epsilon == 1e-10)
    #expect(adagrad.weightDecay == 0 && !adagrad.maximize && adagrad.convention == .pytorch)
    let rmsprop = try RMSProp()
    #expect(rmsprop.learningRate == 1e-2 && rmsprop.alpha == 0.99 && rmsprop.epsilon == 1e-8)
    #expect(rmsprop.weightDecay == 0 && rmsprop.momentum == 0 && !rmsprop.centered)
    #expect(!rmsprop.maximize && rmsprop.convention == .pytorch)
    let adadelta = try Adadelta()
    #expect(adadelta.learningRate == 1 && adadelta.rho == 0.9 && adadelta.epsilon == 1e-6)
    #expect(adadelta.weightDecay == 0 && !adadelta.maximize)
    #expect(
      [
        GradientDescent.name, SGD.name, LectureMomentum.name, AdaGrad.name, RMSProp.name,
        Adadelta.name,
      ] == ["gd", "sgd", "momentum", "adagrad", "rmsprop", "adadelta"])
  }

  /// Under `.optax` the hyperparameters Optax also has default to Optax's values
  /// (`optax.adagrad`: initial accumulator 0.1, eps 1e-7; `optax.rmsprop`: decay 0.9);
  /// values given explicitly stay as given.
  @Test func optaxConventionTakesOptaxDefaults() throws {
    let adagrad = try AdaGrad(convention: .optax)
    #expect(adagrad.initialAccumulatorValue == 0.1 && adagrad.epsilon == 1e-7)
    let explicit = try AdaGrad(initialAccumulatorValue: 0, epsilon: 1e-10, convention: .optax)
    #expect(explicit.initialAccumulatorValue == 0 && explicit.epsilon == 1e-10)
    #expect(try RMSProp(convention: .optax).alpha == 0.9)
    #expect(try RMSProp(alpha: 0.99, convention: .optax).alpha == 0.99)
    // The encoding shows the values in force, so a result says what ran.
    #expect(
      try JSONValue(encoding: AdaGrad(convention: .optax))
        == .object([
          "lr": .number(1e-2), "lr_decay": .number(0), "weight_decay": .number(0),
          "initial_accumulator_value": .number(0.1), "eps": .number(1e-7),
          "maximize": .bool(false), "convention": .string("optax"),
        ]))
  }

  /// Each bad value, the name it is reported under, and the valid range in the message.
  @Test func invalidValuesAreRefused() throws {
    let bad: [(String, String, () throws -> Any)] = [
      ("lr", "-0.1", { try GradientDescent(learningRate: -0.1) }),
      ("lr", "nan", { try SGD(learningRate: .nan) }),
      ("lr", "inf", { try AdaGrad(learningRate: .infinity) }),
      ("momentum", "1.0", { try SGD(momentum: 1) }),
      ("momentum", "-0.5", { try SGD(momentum: -0.5) }),
      ("dampening", "1.5", { try SGD(momentum: 0.9, dampening: 1.5) }),
      ("weight_decay", "-0.01", { try SGD(weightDecay: -0.01) }),
      ("nesterov", "true", { try SGD(nesterov: true) }),
      ("nesterov", "true", { try SGD(momentum: 0.9, dampening: 0.1, nesterov: true) }),
      ("momentum", "1.2", { try LectureMomentum(momentum: 1.2) }),
      ("lr", "-1.0", { try LectureMomentum(learningRate: -1) }),
      ("lr_decay", "-1.0", { try AdaGrad(learningRateDecay: -1) }),
      ("initial_accumulator_value", "-0.1", { try AdaGrad(initialAccumulatorValue: -0.1) }),
      ("eps", "-1e-10", { try AdaGrad(epsilon: -1e-10) }),
      ("weight_decay", "-1.0", { try AdaGrad(weightDecay: -1) }),
      ("alpha", "1.01", { try RMSProp(alpha: 1.01) }),
      ("alpha", "-0.9", { try RMSProp(alpha: -0.9, convention: .optax) }),
      ("eps", "-1e-08", { try RMSProp(epsilon: -1e-8) }),
      ("momentum", "1.0", { try RMSProp(momentum: 1) }),
      ("weight_decay", "-0.1", { try RMSProp(weightDecay: -0.1) }),
      ("rho", "1.1", { try Adadelta(rho: 1.1) }),
      ("rho", "-0.1", { try Adadelta(rho: -0.1) }),
      ("eps", "-1e-06", { try Adadelta(epsilon: -1e-6) }),
      ("lr", "-1.0", { try Adadelta(learningRate: -1) }),
      ("weight_decay", "nan", { try Adadelta(weightDecay: .nan) }),
    ]
    for (name, value, make) in bad {
      let error = #expect(throws: HyperparameterError.self, "\(name) = \(value)") { _ = try make() }
      #expect(error?.name == name)
      #expect(error?.value == value)
      #expect(error?.description.hasPrefix("\(name) = \(value) is invalid: expected ") == true)
    }
  }

  /// The edges of each range are valid: a zero learning rate, dampening 1, α and ρ of 0 and 1.
  @Test func boundaryValuesAreAccepted() throws {
    _ = try GradientDescent(learningRate: 0)
    _ = try SGD(momentum: 0.9, dampening: 1)
    _ = try SGD(momentum: 0.999_999, nesterov: true)
    _ = try RMSProp(alpha: 0)
    _ = try RMSProp(alpha: 1, epsilon: 0)
    _ = try Adadelta(rho: 0)
    _ = try Adadelta(rho: 1)
    _ = try AdaGrad(epsilon: 0, convention: .optax)
  }

  @Test func messageNamesWhatWhereAndWhatIsValid() {
    let error = HyperparameterError(name: "momentum", value: "1.5", valid: "a number in [0, 1)")
    #expect(error.description == "momentum = 1.5 is invalid: expected a number in [0, 1)")
    let nesterov = #expect(throws: HyperparameterError.self) {
      try SGD(momentum: 0, nesterov: true)
    }
    #expect(
      nesterov?.description
        == "nesterov = true is invalid: expected momentum > 0 and dampening = 0 "
        + "(momentum is 0.0, dampening 0.0)")
  }

  /// Decoding (a saved run, a fixture) goes through the same checks, fills in defaults and
  /// refuses misspelt keys.
  @Test func decodingChecksAndCompletes() throws {
    func decode<Rule: Decodable>(_ type: Rule.Type, _ json: String) throws -> Rule {
      try JSONDecoder().decode(type, from: Data(json.utf8))
    }
    #expect(
      try decode(SGD.self, #"{"lr": 0.1, "nesterov": true, "momentum": 0.9}"#)
        == SGD(learningRate: 0.1, momentum: 0.9, nesterov: true))
    #expect(try decode(RMSProp.self, #"{"convention": "optax"}"#).alpha == 0.9)
    #expect(try decode(AdaGrad.self, "{}") == AdaGrad())
    let invalid = #expect(throws: HyperparameterError.self) {
      try decode(Adadelta.self, #"{"rho": 2}"#)
    }
    #expect(invalid?.name == "rho")
    #expect(throws: DecodingError.self) { try decode(SGD.self, #"{"weight_dcay": 0.1}"#) }
    #expect(throws: DecodingError.self) { try decode(GradientDescent.self, #"{"lr": "fast"}"#) }
    #expect(throws: DecodingError.self) { try decode(AdaGrad.self, #"{"convention": "jax"}"#) }
  }
}
