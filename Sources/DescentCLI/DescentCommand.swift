import ArgumentParser
import Descent
import Foundation

/// The `descent` command: optimization and loss surfaces from the terminal.
@main
struct DescentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "descent",
    abstract: "Gradient-based optimization and loss surfaces: derivatives, critical points, optimizers.",
    discussion: """
      Exit status: 0 the command did its work; 1 bad input (formula, flag, file), with one \
      line on stderr; 3 the run diverged or hit non-finite numbers.
      """,
    subcommands: [AnalyzeCommand.self, GradcheckCommand.self]
  )

  /// Parses and runs, mapping every failure onto the exit statuses of CLI.md: help and
  /// version exit 0; bad input exits 1 with one line on stderr; divergence exits 3.
  static func main() {
    let arguments = FormulaArgument.protectLeadingMinus(Array(CommandLine.arguments.dropFirst()))
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
    } catch let failure as CommandFailure {
      FileHandle.standardError.write(Data("error: \(failure.message)\n".utf8))
      Foundation.exit(failure.status)
    } catch let code as ExitCode {
      Foundation.exit(code.rawValue)
    } catch {
      if exitCode(for: error) == .success { exit(withError: error) }
      let message = Self.message(for: error)
        .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty && !$0.hasPrefix("Usage:") && !$0.hasPrefix("See '") }
        .joined(separator: " ")
      FileHandle.standardError.write(Data("error: \(FormulaArgument.explain(message))\n".utf8))
      Foundation.exit(1)
    }
  }
}

/// A failure with a sentence for stderr and an exit status (1 bad input, 3 divergence).
struct CommandFailure: Error {
  var message: String
  var status: Int32 = 1

  static func badInput(_ message: String) -> CommandFailure { CommandFailure(message: message) }
}
