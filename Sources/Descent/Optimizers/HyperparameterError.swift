/// A hyperparameter outside the values its rule accepts, thrown by the rule's initialiser.
///
/// The message names the hyperparameter as it is typed — PyTorch's argument name (`lr`,
/// `weight_decay`, `eps`, …), which is also the command-line flag in kebab-case — its value,
/// and what would be valid:
///
/// ```
/// momentum = 1.5 is invalid: expected a number in [0, 1)
/// ```
public struct HyperparameterError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The hyperparameter, by its PyTorch name (`lr`, `momentum`, `weight_decay`, …).
  public var name: String
  /// The rejected value, as written in the message.
  public var value: String
  /// What would be valid, as a phrase ("a number ≥ 0", "a number in [0, 1)", …).
  public var valid: String

  /// An error for hyperparameter `name` whose `value` is not `valid`.
  public init(name: String, value: String, valid: String) {
    self.name = name
    self.value = value
    self.valid = valid
  }

  /// "`name` = `value` is invalid: expected `valid`".
  public var description: String { "\(name) = \(value) is invalid: expected \(valid)" }
}

extension HyperparameterError {
  /// Throws unless `value` is finite and ≥ 0 (learning rates, weight decay, ε, …). NaN is
  /// rejected too.
  static func requireNonNegative(_ value: Double, name: String) throws(HyperparameterError) {
    guard value.isFinite, value >= 0 else {
      throw HyperparameterError(name: name, value: "\(value)", valid: "a finite number ≥ 0")
    }
  }

  /// Throws unless 0 ≤ `value` < 1, or 0 ≤ `value` ≤ 1 when `includingOne` (momentum,
  /// decay rates). NaN is rejected too.
  static func requireUnitInterval(
    _ value: Double, name: String, includingOne: Bool
  ) throws(HyperparameterError) {
    guard value >= 0, includingOne ? value <= 1 : value < 1 else {
      throw HyperparameterError(
        name: name, value: "\(value)", valid: "a number in [0, 1\(includingOne ? "]" : ")")")
    }
  }
}

/// Any key of a keyed container, to list the keys a document holds.
struct HyperparameterKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

extension Decoder {
  /// Throws `DecodingError.dataCorrupted` when the object being decoded holds a key outside
  /// `Keys`, so that a misspelt hyperparameter in a saved run (`weight_dcay`) is refused
  /// rather than silently replaced by its default.
  func rejectUnknownHyperparameters<Keys: CodingKey & CaseIterable>(
    _ keys: Keys.Type, rule: String
  ) throws {
    let known = Set(Keys.allCases.map(\.stringValue))
    let container = try container(keyedBy: HyperparameterKey.self)
    for key in container.allKeys where !known.contains(key.stringValue) {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(
          codingPath: codingPath + [key],
          debugDescription:
            "unknown hyperparameter \"\(key.stringValue)\" for \(rule); expected one of "
            + Keys.allCases.map(\.stringValue).sorted().joined(separator: ", ")))
    }
  }
}
