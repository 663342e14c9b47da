/// A hyperparameter of a schedule outside the values it accepts: its typed name, its value
/// and what would be valid.
struct ScheduleProblem: Equatable, Sendable {
  var name: String
  var value: String
  var expected: String

  /// `"NAME = VALUE is invalid: expected EXPECTED"`.
  var sentence: String { "\(name) = \(value) is invalid: expected \(expected)" }
}

/// The checks on schedule hyperparameters, shared by the initialisers (which stop the program
/// with `precondition`: a bad value there is a programmer's error) and by
/// ``makeSchedule(name:parameters:learningRate:)`` (which throws a ``ScheduleError``: there
/// the value came from a user). Each returns `nil` when the value is valid; NaN is never
/// valid.
enum ScheduleCheck {
  /// Stops with a message naming the type, the value and what would be valid.
  static func require(_ problem: ScheduleProblem?, in type: String) {
    if let problem { preconditionFailure("\(type): \(problem.sentence)") }
  }

  /// The first of `problems` that is not `nil`.
  static func first(_ problems: ScheduleProblem?...) -> ScheduleProblem? {
    problems.lazy.compactMap { $0 }.first
  }

  /// Finite and ≥ 0 (learning rates, floors).
  static func nonNegative(_ value: Double, _ name: String) -> ScheduleProblem? {
    value.isFinite && value >= 0
      ? nil : ScheduleProblem(name: name, value: "\(value)", expected: "a finite number ≥ 0")
  }

  /// Finite and > 0 (decay factors, exponents).
  static func positive(_ value: Double, _ name: String) -> ScheduleProblem? {
    value.isFinite && value > 0
      ? nil : ScheduleProblem(name: name, value: "\(value)", expected: "a finite number > 0")
  }

  /// An integer ≥ `minimum` (step counts).
  static func atLeast(_ value: Int, _ minimum: Int, _ name: String) -> ScheduleProblem? {
    value >= minimum
      ? nil : ScheduleProblem(name: name, value: "\(value)", expected: "an integer ≥ \(minimum)")
  }

  /// A number in an interval whose ends are included or not, e.g. (0, 1].
  static func within(
    _ value: Double, _ name: String, _ lower: Double, _ upper: Double,
    lowerIncluded: Bool, upperIncluded: Bool
  ) -> ScheduleProblem? {
    let aboveLower = lowerIncluded ? value >= lower : value > lower
    let belowUpper = upperIncluded ? value <= upper : value < upper
    if aboveLower && belowUpper { return nil }
    let interval =
      (lowerIncluded ? "[" : "(") + "\(format(lower)), \(format(upper))"
      + (upperIncluded ? "]" : ")")
    return ScheduleProblem(name: name, value: "\(value)", expected: "a number in \(interval)")
  }

  /// `1` rather than `1.0` in an interval's ends.
  private static func format(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? "\(Int(x))" : "\(x)"
  }
}
