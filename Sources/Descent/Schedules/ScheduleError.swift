/// A schedule that cannot be built from what the user typed: an unknown name, an unknown or
/// missing parameter, or a value outside what the schedule accepts.
///
/// Thrown by ``makeSchedule(name:parameters:learningRate:)`` and its siblings. The
/// ``description`` is one line naming the schedule, the parameter as it is typed (PyTorch's
/// or Optax's argument name), the value and what would be valid:
///
/// ```
/// unknown schedule 'cosin'; did you mean 'cosine'? (valid: constant, step, …)
/// schedule 'step': step_size = -3 is invalid: expected an integer ≥ 1
/// schedule 'step': unknown parameter 'gama'; did you mean 'gamma'? (valid: lr, step_size, gamma)
/// ```
public struct ScheduleError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The schedule's name as typed; `nil` when the name itself is the problem.
  public var schedule: String?
  /// The parameter at fault, by its typed name, when there is one.
  public var parameter: String?
  /// What is wrong and what would be valid.
  public var message: String

  /// An error about `parameter` (if any) of `schedule` (if known).
  public init(schedule: String?, parameter: String? = nil, message: String) {
    self.schedule = schedule
    self.parameter = parameter
    self.message = message
  }

  /// `schedule 'NAME': MESSAGE`, or the message alone when the name is the problem.
  public var description: String {
    guard let schedule else { return message }
    return "schedule '\(schedule)': \(message)"
  }
}

extension ScheduleError {
  /// `"NAME = VALUE is invalid: expected VALID"` for parameter `name` of `schedule`.
  static func invalid(
    _ schedule: String, _ name: String, value: String, expected: String
  ) -> ScheduleError {
    ScheduleError(
      schedule: schedule, parameter: name,
      message: "\(name) = \(value) is invalid: expected \(expected)")
  }
}
