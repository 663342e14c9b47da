// The CLI's `CommandFailure` (Sources/DescentCLI/DescentCommand.swift, which needs
// ArgumentParser), repeated for the `number-list` fuzz build, which compiles
// Sources/DescentCLI/NumberList.swift alone. Keep the two in step.
import Foundation

struct CommandFailure: Error {
  var message: String
  var status: Int32 = 1
  var detail: String?

  static func badInput(_ message: String, detail: String? = nil) -> CommandFailure {
    CommandFailure(message: message, detail: detail)
  }
}
