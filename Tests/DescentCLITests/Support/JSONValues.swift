import Foundation
import Testing

// Reading `--format json` output back with JSONSerialization, which gives numbers as
// NSNumber (integers and doubles alike) and null as NSNull.

/// The top-level object of a JSON document; records an issue when `text` is not one.
func parseJSONObject(
  _ text: String, sourceLocation: SourceLocation = #_sourceLocation
) -> [String: Any]? {
  do {
    guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    else {
      Issue.record("not a JSON object: \(text)", sourceLocation: sourceLocation)
      return nil
    }
    return object
  } catch {
    Issue.record("invalid JSON (\(error)): \(text)", sourceLocation: sourceLocation)
    return nil
  }
}

/// A JSON number as a Double; `nil` for strings, null, arrays and objects.
func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

/// A JSON array of numbers, `nil` when it is not one.
func numbers(_ value: Any?) -> [Double]? {
  guard let array = value as? [Any] else { return nil }
  let doubles = array.compactMap(number)
  return doubles.count == array.count ? doubles : nil
}

/// A JSON array of arrays of numbers (matrix rows), `nil` when it is not one.
func matrix(_ value: Any?) -> [[Double]]? {
  guard let rows = value as? [Any] else { return nil }
  let parsed = rows.compactMap(numbers)
  return parsed.count == rows.count ? parsed : nil
}

/// The keys of the top-level object in the order they are written, read from
/// pretty-printed JSON: the lines indented by exactly two spaces that open a key.
func topLevelKeysInWrittenOrder(_ text: String) -> [String] {
  text.split(separator: "\n").compactMap { line in
    guard line.hasPrefix("  \""), !line.hasPrefix("   ") else { return nil }
    let afterQuote = line.dropFirst(3)
    guard let close = afterQuote.firstIndex(of: "\"") else { return nil }
    return String(afterQuote[..<close])
  }
}

/// Expects every component within `atol` of the expected one; on failure names the worst.
func expectClose(
  _ actual: [Double]?, _ expected: [Double], atol: Double,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard let actual, actual.count == expected.count else {
    Issue.record(
      "expected \(expected.count) numbers close to \(expected), got \(String(describing: actual))",
      sourceLocation: sourceLocation)
    return
  }
  let errors = zip(actual, expected).map { Swift.abs($0 - $1) }
  if let worst = errors.indices.max(by: { errors[$0] < errors[$1] }), !(errors[worst] <= atol) {
    let message =
      "component \(worst) is \(actual[worst]), expected \(expected[worst]) within \(atol) "
      + "(error \(errors[worst])); actual \(actual)"
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
  }
}
