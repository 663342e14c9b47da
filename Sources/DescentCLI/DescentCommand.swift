import ArgumentParser
import Descent
import Foundation

/// The `descent` command: optimization and loss surfaces from the terminal.
@main
struct DescentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "descent",
    abstract:
      "Gradient-based optimization and loss surfaces: derivatives, critical points, optimizers.",
    discussion: """
      Exit status: 0 the command did its work; 1 bad input (formula, flag, file), with one \
      line on stderr; 3 the run diverged or hit non-finite numbers.
      """,
    subcommands: [
      AnalyzeCommand.self, GradcheckCommand.self, ListCommand.self, RunCommand.self,
      MinimizeCommand.self, TrainCommand.self, HessianCommand.self, LandscapeCommand.self,
      TourCommand.self,
    ]
  )

  /// Parses and runs, mapping every failure onto the exit statuses of CLI.md: help and
  /// version exit 0; bad input exits 1 with one line on stderr; divergence exits 3.
  static func main() {
    relaunchWithBetterBLASKernels()
    let arguments = FormulaArgument.protectLeadingMinus(Array(CommandLine.arguments.dropFirst()))
    do {
      // Without this, `descent anlyze f --at 1` reports only "Unknown option '--at'".
      let subcommands = configuration.subcommands.flatMap {
        [$0._commandName] + $0.configuration.aliases
      }
      if let first = arguments.first, !first.hasPrefix("-"), first != "help",
        !subcommands.contains(first)
      {
        throw CommandFailure.badInput(
          "unknown subcommand '\(first)'; the subcommands are "
            + "\(subcommands.joined(separator: ", ")) (see descent --help)")
      }
      var command = try parseAsRoot(arguments)
      try command.run()
    } catch let failure as CommandFailure {
      FileHandle.standardError.write(Data("error: \(failure.message)\n".utf8))
      // On a terminal, a formula error also shows the formula with a caret under the
      // column; scripts (and the tests) read the one line above.
      if let detail = failure.detail, isatty(STDERR_FILENO) != 0 {
        FileHandle.standardError.write(
          Data(
            (detail.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n").utf8))
      }
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
  /// Extra lines for a person at a terminal (a caret under a formula's column).
  var detail: String?

  static func badInput(_ message: String, detail: String? = nil) -> CommandFailure {
    CommandFailure(message: message, detail: detail)
  }
}

/// Restarts the process once with `OPENBLAS_CORETYPE` set when OpenBLAS fell back to its
/// generic kernel on a CPU with AVX2 or AVX-512 (see ``BLASBackend``): the variable is read
/// only when the library loads. Set `DESCENT_KEEP_BLAS_KERNEL=1` to keep the detected one.
private func relaunchWithBetterBLASKernels() {
  #if os(Linux)
    let environment = ProcessInfo.processInfo.environment
    guard environment["DESCENT_KEEP_BLAS_KERNEL"] == nil,
      let core = BLASBackend.recommendedCoreType()
    else { return }
    setenv("OPENBLAS_CORETYPE", core, 1)
    setenv("DESCENT_KEEP_BLAS_KERNEL", "1", 1)  // never loop
    execv("/proc/self/exe", CommandLine.unsafeArgv)
  // execv returns only on failure: carry on with the detected kernels.
  #endif
}
