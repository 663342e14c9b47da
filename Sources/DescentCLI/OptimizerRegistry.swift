import Descent
import Foundation

/// The update rules `descent run` knows, by name, each built from its hyperparameters as a
/// JSON object under PyTorch's names (the rules' own `Decodable` conformance fills in
/// defaults and validates).
enum OptimizerRegistry {
  /// Builds a rule from a JSON object of hyperparameters.
  typealias Maker = @Sendable (Data) throws -> any UpdateRule

  static let makers: [(name: String, make: Maker)] = [
    (GradientDescent.name, { try JSONDecoder().decode(GradientDescent.self, from: $0) }),
    (SGD.name, { try JSONDecoder().decode(SGD.self, from: $0) }),
    (LectureMomentum.name, { try JSONDecoder().decode(LectureMomentum.self, from: $0) }),
    (AdaGrad.name, { try JSONDecoder().decode(AdaGrad.self, from: $0) }),
    (RMSProp.name, { try JSONDecoder().decode(RMSProp.self, from: $0) }),
    (Adadelta.name, { try JSONDecoder().decode(Adadelta.self, from: $0) }),
    (Adam.name, { try JSONDecoder().decode(Adam.self, from: $0) }),
    (AdamW.name, { try JSONDecoder().decode(AdamW.self, from: $0) }),
    (Adamax.name, { try JSONDecoder().decode(Adamax.self, from: $0) }),
    (NAdam.name, { try JSONDecoder().decode(NAdam.self, from: $0) }),
    (RAdam.name, { try JSONDecoder().decode(RAdam.self, from: $0) }),
    (Eve.name, { try JSONDecoder().decode(Eve.self, from: $0) }),
    (Lion.name, { try JSONDecoder().decode(Lion.self, from: $0) }),
  ]

  static var names: [String] { makers.map(\.name) }

  /// The hyperparameter names (PyTorch's) that rule `name` takes; empty for an unknown name.
  static func hyperparameterNames(of name: String) -> Set<String> {
    guard let maker = makers.first(where: { $0.name == name })?.make,
      let rule = try? maker(Data("{}".utf8)),
      case .object(let fields) = (try? JSONValue(encoding: rule)) ?? .null
    else { return [] }
    return Set(fields.keys)
  }

  /// The rule `name` with `hyperparameters` (torch names → values); throws a
  /// ``CommandFailure`` for an unknown name (with a suggestion), a hyperparameter the rule
  /// does not have, or an invalid value.
  static func make(_ name: String, hyperparameters: [String: JSONValue]) throws -> any UpdateRule {
    guard let maker = makers.first(where: { $0.name == name })?.make else {
      let suggestion = NameSuggestion.didYouMean(name, among: names) ?? ""
      throw CommandFailure.badInput(
        "--optimizer: unknown optimizer '\(name)'\(suggestion) (known: \(names.joined(separator: ", ")))"
      )
    }
    let defaults = try maker(Data("{}".utf8))
    guard case .object(let known) = try JSONValue(encoding: defaults) else { return defaults }
    for key in hyperparameters.keys.sorted() where known[key] == nil {
      throw CommandFailure.badInput(
        "--\(key.replacingOccurrences(of: "_", with: "-")) does not apply to \(name); its hyperparameters are "
          + known.keys.sorted().map { "--" + $0.replacingOccurrences(of: "_", with: "-") }.joined(
            separator: ", "))
    }
    do {
      let data = try JSONEncoder().encode(JSONValue.object(hyperparameters))
      return try maker(data)
    } catch let error as HyperparameterError {
      throw CommandFailure.badInput(
        "--\(error.name.replacingOccurrences(of: "_", with: "-")): \(error.description)")
    } catch let error as DecodingError {
      throw CommandFailure.badInput("\(name): \(Suggestion.describe(error))")
    }
  }
}

/// Readable decoding errors for the command line.
enum Suggestion {
  static func describe(_ error: DecodingError) -> String {
    switch error {
    case .dataCorrupted(let c), .typeMismatch(_, let c), .valueNotFound(_, let c),
      .keyNotFound(_, let c):
      return c.debugDescription
    @unknown default:
      return "\(error)"
    }
  }
}
