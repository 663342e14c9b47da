import Foundation
import Testing

@testable import Descent

/// Invalid hyperparameters are refused with a ``HyperparameterError`` that names the
/// hyperparameter by its PyTorch name (the command-line flag in kebab-case).
@Suite struct AdamFamilyHyperparameterTests {
  /// Expects `make` to throw a ``HyperparameterError`` naming `name`, whose message starts
  /// with it.
  func expectRejected(
    _ name: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ make: () throws -> Void
  ) {
    do {
      try make()
      Issue.record("expected \(name) to be rejected", sourceLocation: sourceLocation)
    } catch let error as HyperparameterError {
      #expect(error.name == name, sourceLocation: sourceLocation)
      #expect(error.description.hasPrefix("\(name) = "), sourceLocation: sourceLocation)
    } catch {
      Issue.record("expected a HyperparameterError, got \(error)", sourceLocation: sourceLocation)
    }
  }

  @Test func adam() {
    expectRejected("lr") { _ = try Adam(learningRate: -1e-3) }
    expectRejected("lr") { _ = try Adam(learningRate: .nan) }
    expectRejected("lr") { _ = try Adam(learningRate: .infinity) }
    expectRejected("betas") { _ = try Adam(beta1: 1) }
    expectRejected("betas") { _ = try Adam(beta1: -0.1) }
    expectRejected("betas") { _ = try Adam(beta2: 1) }
    expectRejected("betas") { _ = try Adam(beta2: .nan) }
    expectRejected("eps") { _ = try Adam(epsilon: -1e-8) }
    expectRejected("weight_decay") { _ = try Adam(weightDecay: -0.1) }
    expectRejected("eps_root") { _ = try Adam(epsilonRoot: 1e-8) }
    expectRejected("eps_root") { _ = try Adam(convention: .optax, epsilonRoot: -1) }
  }

  @Test func adamW() {
    expectRejected("lr") { _ = try AdamW(learningRate: -1) }
    expectRejected("betas") { _ = try AdamW(beta2: 1.5) }
    expectRejected("eps") { _ = try AdamW(epsilon: -1) }
    expectRejected("weight_decay") { _ = try AdamW(weightDecay: -1e-2) }
    expectRejected("eps_root") { _ = try AdamW(epsilonRoot: 1e-8) }
  }

  @Test func adamax() {
    expectRejected("lr") { _ = try Adamax(learningRate: -1) }
    expectRejected("betas") { _ = try Adamax(beta1: 1) }
    expectRejected("eps") { _ = try Adamax(epsilon: -1) }
    expectRejected("weight_decay") { _ = try Adamax(weightDecay: -1) }
  }

  @Test func nadam() {
    expectRejected("lr") { _ = try NAdam(learningRate: -1) }
    expectRejected("betas") { _ = try NAdam(beta2: -0.5) }
    expectRejected("eps") { _ = try NAdam(epsilon: -1) }
    expectRejected("weight_decay") { _ = try NAdam(weightDecay: -1) }
    expectRejected("momentum_decay") { _ = try NAdam(momentumDecay: -4e-3) }
    expectRejected("eps_root") { _ = try NAdam(epsilonRoot: 1e-8) }
  }

  @Test func radam() {
    expectRejected("lr") { _ = try RAdam(learningRate: -1) }
    expectRejected("betas") { _ = try RAdam(beta1: 1) }
    expectRejected("eps") { _ = try RAdam(epsilon: -1) }
    expectRejected("weight_decay") { _ = try RAdam(weightDecay: -1) }
    expectRejected("eps_root") { _ = try RAdam(epsilonRoot: 1e-8) }
  }

  @Test func eve() {
    expectRejected("lr") { _ = try Eve(learningRate: -1) }
    expectRejected("betas") { _ = try Eve(beta1: 1) }
    expectRejected("beta3") { _ = try Eve(beta3: 1) }
    expectRejected("eps") { _ = try Eve(epsilon: -1) }
    expectRejected("lower_threshold") { _ = try Eve(lowerThreshold: -0.1) }
    expectRejected("upper_threshold") { _ = try Eve(lowerThreshold: 0.1, upperThreshold: 0.05) }
    expectRejected("upper_threshold") { _ = try Eve(upperThreshold: .infinity) }
  }

  @Test func lion() {
    expectRejected("lr") { _ = try Lion(learningRate: -1) }
    expectRejected("betas") { _ = try Lion(beta1: 1) }
    expectRejected("weight_decay") { _ = try Lion(weightDecay: -1) }
  }

  /// The message says what, the value, and what would be valid.
  @Test func messages() {
    #expect(throws: HyperparameterError.self) { try Adam(beta2: 1) }
    do {
      _ = try Adam(beta2: 1)
    } catch {
      #expect(
        error.description
          == "betas = [0.9, 1.0] is invalid: expected two numbers in [0, 1) (betas[1] = 1.0 is not)"
      )
    }
    do {
      _ = try Adam(epsilonRoot: 1e-8)
    } catch {
      #expect(error.description.contains("choose convention optax"))
    }
  }

  /// The edges of the valid ranges are accepted: β = 0, λ = 0, ε = 0, k = K, and `eps_root`
  /// under the Optax convention.
  @Test func edgesAreAccepted() throws {
    _ = try Adam(learningRate: 0, beta1: 0, beta2: 0, epsilon: 0, weightDecay: 0)
    _ = try Adam(convention: .optax, epsilonRoot: 1e-8)
    _ = try NAdam(momentumDecay: 0)
    _ = try Eve(beta3: 0, lowerThreshold: 0, upperThreshold: 0)
    _ = try Lion(beta1: 0, beta2: 0, weightDecay: 0)
  }

  /// Decoding a saved rule refuses an unknown key, a malformed `betas` and an invalid value.
  @Test func decodingRefusesBadDocuments() throws {
    func decode<Rule: Decodable>(_ type: Rule.Type, _ json: String) throws -> Rule {
      try JSONDecoder().decode(type, from: Data(json.utf8))
    }
    #expect(throws: DecodingError.self) { try decode(Adam.self, #"{"weight_dcay": 0.1}"#) }
    #expect(throws: DecodingError.self) { try decode(Adam.self, #"{"betas": [0.9]}"#) }
    #expect(throws: DecodingError.self) {
      try decode(AdamW.self, #"{"decoupled_weight_decay": true}"#)
    }
    #expect(throws: DecodingError.self) { try decode(Eve.self, #"{"betas": [0.9, 0.99, 0.9]}"#) }
    #expect(throws: HyperparameterError.self) { try decode(Lion.self, #"{"lr": -1}"#) }
    #expect(throws: HyperparameterError.self) {
      try decode(RAdam.self, #"{"eps_root": 1e-8, "convention": "pytorch"}"#)
    }
    // Missing keys take the defaults.
    #expect(try decode(NAdam.self, "{}") == NAdam())
    #expect(try decode(Lion.self, #"{"betas": [0.95, 0.98]}"#) == Lion(beta1: 0.95, beta2: 0.98))
  }
}
