/// Formulas typed on the command line that begin with `-` (`-x^2 + y`).
///
/// swift-argument-parser takes any argument starting with `-` for an option. Before
/// parsing, such an argument that is not an option's value and looks like a formula (not
/// `--name` and not a known short flag) is moved behind a `--` terminator, where it can
/// only be the positional formula.
enum FormulaArgument {
  /// Options that take no value (everything else starting with `--` takes one, unless
  /// written `--name=value`).
  static let flags: Set<String> = [
    "--help", "-h", "--version", "--nesterov", "--amsgrad", "--centered",
    "--decoupled-weight-decay", "--maximize",
  ]

  static func protectLeadingMinus(_ arguments: [String]) -> [String] {
    guard !arguments.contains("--") else { return arguments }
    var previousTakesValue = false
    for (i, argument) in arguments.enumerated() {
      defer {
        previousTakesValue =
          argument.hasPrefix("--") && !argument.contains("=") && !flags.contains(argument)
      }
      if previousTakesValue { continue }
      guard argument.hasPrefix("-"), !argument.hasPrefix("--"), !flags.contains(argument),
        argument.count > 1
      else { continue }
      var rest = arguments
      rest.remove(at: i)
      return rest + ["--", argument]
    }
    return arguments
  }

  /// Adds a hint to swift-argument-parser's message where a formula was read as an option.
  static func explain(_ message: String) -> String {
    if message.contains("Unknown option '-"), !message.contains("Unknown option '--") {
      return message
        + " (a formula that starts with '-' goes last, after '--': descent analyze --at 1 -- \"-x^2\")"
    }
    return message
  }
}
