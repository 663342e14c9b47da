import Foundation
import Testing

/// Bad input (CLI.md): exit status 1 and exactly one line on stderr, `error: ` followed by
/// what is wrong, where, and what would be valid; nothing on stdout; never a crash.
@Suite("descent: bad input")
struct BadInputTests {
  /// One bad command line and the specifics its error line must name.
  struct Case: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    /// Substrings the error line must contain: the column, the flag, the offending text.
    var mentions: [String]
    /// Substrings it must not contain (a hint that does not apply).
    var avoids: [String] = []

    init(_ arguments: [String], _ mentions: [String], avoiding avoids: [String] = []) {
      self.arguments = arguments
      self.mentions = mentions
      self.avoids = avoids
    }

    var testDescription: String { arguments.map { "'\($0)'" }.joined(separator: " ") }
  }

  static let cases: [Case] = [
    // Formulas: the column and the offending token.
    Case(
      ["analyze", "(1 - x", "--at", "1"], ["\"(1 - x\"", "column 7", "')'", "'(' at column 1"]),
    Case(["analyze", "x)", "--at", "1"], ["column 2", "unexpected ')'"]),
    Case(["analyze", "expp(x)", "--at", "1"], ["column 1", "'expp'", "did you mean 'exp'?"]),
    Case(["analyze", "", "--at", "1"], ["empty formula"]),
    Case(["analyze", "   ", "--at", "1"], ["empty formula"]),
    Case(["analyze", "x +", "--at", "1"], ["column 4", "operand after '+'"]),
    Case(["analyze", "x^", "--at", "1"], ["column 3", "operand after '^'"]),
    Case(["analyze", "2x", "--at", "1"], ["column 2", "implicit multiplication", "2*x"]),
    Case(["analyze", "x $ 2", "--at", "1"], ["column 3", "'$'"]),
    Case(["analyze", "sin(x, y)", "--at", "1,2"], ["column 6", "'sin'", "one argument"]),
    // Points: the flag, the entry, its position; the variables when the count is wrong.
    Case(["analyze", "x + y", "--at", "1"], ["--at", "1 number for 2 variables", "(x, y)"]),
    Case(["analyze", "x + y", "--at", "1,2,3"], ["--at", "3 numbers for 2 variables", "(x, y)"]),
    Case(["analyze", "x + y", "--at", "1,abc"], ["--at", "'abc'", "item 2", "not a number"]),
    Case(["analyze", "x + y + z", "--at", "1,,2"], ["--at", "empty entry", "item 2"]),
    Case(["analyze", "x + y", "--at", ""], ["--at", "empty"]),
    Case(["analyze", "x + y", "--at", "nan,1"], ["--at", "'nan'", "item 1", "not finite"]),
    Case(["analyze", "x + y", "--at", "1,inf"], ["--at", "'inf'", "item 2", "not finite"]),
    Case(["analyze", "x + y", "--at", "1e999,1"], ["--at", "'1e999'", "finite"]),
    Case(["analyze", "x + y", "--at", "0x10,1"], ["--at", "'0x10'", "not a number"]),
    // Formulas that are not finite at the point: the function, its column, the point.
    Case(["analyze", "sqrt(x - 2)", "--at", "1"], ["sqrt", "column 1", "negative", "x = 1"]),
    Case(["analyze", "log(x)", "--at", "-1"], ["log", "column 1", "negative", "x = -1"]),
    Case(["analyze", "1/x", "--at", "0"], ["1/x", "divides by zero", "x = 0"]),
    Case(["gradcheck", "log(x)", "--at", "-1"], ["log", "negative", "x = -1"]),
    // Variables.
    Case(
      ["analyze", "x + z", "--vars", "x,y", "--at", "1,2"], ["column 5", "'z'", "did you mean"]),
    Case(["analyze", "x + y", "--vars", "x,x", "--at", "1,2"], ["'x'", "twice"]),
    Case(["analyze", "x + y", "--vars", "x,", "--at", "1,2"], ["variable name", "letter"]),
    // Flags and arguments.
    Case(["analyze", "x + y"], ["--at"]),
    Case(["analyze", "--at", "1"], ["<objective>"]),
    Case(
      ["analyze", "x + y", "--at", "1,2", "--frmat", "json"], ["'--frmat'", "'--format'"],
      avoiding: ["starts with '-'"]),
    Case(
      ["analyze", "x + y", "--at", "1,2", "--format", "yaml"],
      ["'yaml'", "--format", "'text'", "'json'"]),
    Case(["analyze", "x + y", "--at", "1,2", "--gtol", "-1"], ["--gtol", "-1", "≥ 0"]),
    Case(["analyze", "x + y", "--at", "1,2", "--gtol", "abc"], ["'abc'", "--gtol"]),
    Case(["analyze", "x + y", "--at", "1,2", "--eig-tol", "nan"], ["--eig-tol", "finite"]),
    Case(["analyze", "x + y", "--at", "1,2", "--step", "inf"], ["--step", "finite"]),
    Case(["analyze", "x + y", "--at", "1,2", "--threads", "0"], ["--threads", "at least 1", "0"]),
    Case(["analyze", "x + y", "--at", "1,2", "extra"], ["'extra'"]),
    Case(["gradcheck", "x + y", "--at", "1,2", "--eps", "0"], ["--eps", "> 0"]),
    Case(["anlyze"], ["'anlyze'"]),
    Case(
      ["anlyze", "x + y", "--at", "1,2"], ["'anlyze'", "analyze", "gradcheck"],
      avoiding: ["starts with '-'"]),
    Case(["x^2", "--at", "1"], ["unknown subcommand 'x^2'", "analyze"]),
    Case(["--version"], ["'--version'"], avoiding: ["starts with '-'"]),
    // A second argument starting with '-' is read as an option: say where a formula goes.
    Case(["analyze", "--at", "0", "-x", "-y"], ["'-y'", "after '--'"]),
    Case(["gradcheck", "x +* y", "--at", "1,2"], ["column 4", "'*'"]),
    // descent run: optimizers, hyperparameters, schedules, files.
    Case(
      ["run", "rosenbrock", "--optimizer", "sgdd"],
      ["--optimizer", "'sgdd'", "did you mean 'sgd'?"]),
    Case(["run", "rosenbrock", "--optimizer", "sgd", "--lr", "-1"], ["--lr", "lr = -1", "≥ 0"]),
    Case(
      ["run", "rosenbrock", "--optimizer", "adagrad", "--momentum", "0.9"],
      ["--momentum", "does not apply to adagrad", "--lr-decay"]),
    Case(["run", "rosenbrock", "--optimizer", "sgd", "--momentum", "1.5"], ["momentum = 1.5"]),
    Case(["run", "x^2 + y^2", "--optimizer", "sgd"], ["--start", "x, y"]),
    Case(
      ["run", "x^2 + y^2", "--optimizer", "sgd", "--start", "1"],
      ["--start", "1 number for 2 variables"]),
    Case(["run", "rosenbrock", "--optimizer", "sgd", "--steps", "-3"], ["--steps"]),
    Case(
      ["run", "rosenbrock", "--optimizer", "sgd", "--schedule", "cosin"], ["--schedule", "cosin"]),
    Case(
      ["run", "rosenbrock", "--optimizer", "sgd", "--schedule-arg", "gamma=0.5"],
      ["--schedule-arg needs --schedule"]),
    Case(
      ["run", "rosenbrock", "--optimizer", "sgd", "--schedule", "step", "--schedule-arg", "gamma"],
      ["--schedule-arg", "'gamma'", "NAME=VALUE"]),
    Case(["run", "rosenbrock", "--optimizer", "sgd", "--clip-norm", "0"], ["--clip-norm"]),
    Case(
      ["run", "rosenbrock", "--optimizer", "sgd", "--convention", "jax"],
      ["--convention", "'jax'", "pytorch or optax"]),
    Case(
      ["run", "rosenbrock", "--optimizer", "sgd", "--resume", "/nonexistent/run.json"],
      ["--resume", "/nonexistent/run.json"]),
  ]

  @Test("exit 1, one line on stderr naming the specifics", arguments: cases)
  func badInput(_ bad: Case) {
    let run = runDescent(bad.arguments)
    #expect(run.status == 1)
    #expect(run.stdout.isEmpty, "stdout: \(run.stdout)")
    let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(
      lines.count == 2 && lines[1].isEmpty,
      "stderr must be exactly one line ending in a newline: \(run.stderr)")
    #expect(run.stderr.hasPrefix("error: "), "stderr: \(run.stderr)")
    for mention in bad.mentions {
      #expect(run.stderr.contains(mention), "stderr: \(run.stderr)")
    }
    for avoided in bad.avoids {
      #expect(!run.stderr.contains(avoided), "stderr: \(run.stderr)")
    }
    for crash in ["Fatal error", "Stack dump", "stack trace", "Current stack", "0x0000"] {
      #expect(!run.stderr.contains(crash), "stderr: \(run.stderr)")
    }
  }

  /// The lines the command prints, for reading them all at once:
  /// `DESCENT_PRINT_ERRORS=1 swift test --filter BadInputTests`.
  @Test(.enabled(if: ProcessInfo.processInfo.environment["DESCENT_PRINT_ERRORS"] != nil))
  func printErrorLines() {
    for bad in Self.cases {
      print("\(bad.testDescription)\n    \(runDescent(bad.arguments).stderr)", terminator: "")
    }
  }
}
