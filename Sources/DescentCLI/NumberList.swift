import Foundation

/// Comma-separated numbers typed on the command line: `--at 1,-2.5,3e-4`.
enum NumberList {
  /// Parses `text` given to `flag`; every entry must be a finite decimal number.
  /// - Throws: ``CommandFailure`` naming the flag, the entry and its position.
  static func parse(_ text: String, flag: String, count expected: Int? = nil, names: [String] = [])
    throws -> [Double]
  {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else {
      throw CommandFailure.badInput("\(flag): expected comma-separated numbers, got an empty value")
    }
    let items = trimmed.split(separator: ",", omittingEmptySubsequences: false)
    var values: [Double] = []
    for (i, raw) in items.enumerated() {
      let item = raw.trimmingCharacters(in: .whitespaces)
      let position = "item \(i + 1) of '\(text)'"
      if item.isEmpty {
        throw CommandFailure.badInput(
          "\(flag): empty entry at \(position); write numbers separated by single commas")
      }
      let lowered = item.lowercased()
      if ["nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"]
        .contains(lowered)
      {
        throw CommandFailure.badInput(
          "\(flag): '\(item)' (\(position)) is not finite; every coordinate must be a finite number"
        )
      }
      guard isDecimal(item), let value = Double(item) else {
        throw CommandFailure.badInput(
          "\(flag): '\(item)' (\(position)) is not a number; write e.g. 1,-2.5,3e-4")
      }
      guard value.isFinite else {
        throw CommandFailure.badInput(
          "\(flag): '\(item)' (\(position)) overflows a double; every coordinate must be finite")
      }
      values.append(value)
    }
    if let expected, values.count != expected {
      let variables = names.isEmpty ? "" : " (\(names.joined(separator: ", ")))"
      throw CommandFailure.badInput(
        "\(flag): \(values.count) number\(values.count == 1 ? "" : "s") for \(expected) variable\(expected == 1 ? "" : "s")\(variables); give one per variable, comma-separated"
      )
    }
    return values
  }

  /// Digits, one optional point, an optional exponent: what `Double(_:)` also accepts,
  /// minus its hexadecimal and `nan`/`inf` spellings.
  private static func isDecimal(_ s: String) -> Bool {
    s.range(
      of: #"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"#, options: .regularExpression)
      != nil
  }
}
