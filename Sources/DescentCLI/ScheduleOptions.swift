import Descent

/// `--schedule NAME --schedule-arg KEY=VALUE …` turned into a schedule.
enum ScheduleOptions {
  static func make(_ name: String, arguments: [String], learningRate: Double) throws
    -> LearningRateSchedule
  {
    var parameters: [String: String] = [:]
    for argument in arguments {
      let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw CommandFailure.badInput(
          "--schedule-arg: '\(argument)' is not NAME=VALUE (e.g. T_max=100)")
      }
      guard parameters[parts[0]] == nil else {
        throw CommandFailure.badInput("--schedule-arg: \(parts[0]) is given twice")
      }
      parameters[parts[0]] = parts[1]
    }
    do {
      return try makeLearningRateSchedule(
        name: name, parameters: parameters, learningRate: learningRate)
    } catch {
      throw CommandFailure.badInput("--schedule: \(error)")
    }
  }
}
