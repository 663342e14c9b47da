import ArgumentParser
import Foundation

/// The output formats shared by every subcommand (CLI.md): `text` for people, `json` one
/// document with sorted keys.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
  case text
  case json
}

enum JSONOutput {
  /// Sorted keys (stable bytes), shortest round-trip doubles, non-finite numbers as the
  /// strings "NaN", "Infinity", "-Infinity".
  static func encode<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  /// One line of JSON Lines: the same encoding, compact.
  static func line<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}

/// Numbers for people: integers as integers, others with `digits` significant digits.
enum NumberFormat {
  static func short(_ x: Double, digits: Int = 6) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x < 0 ? "-∞" : "∞" }
    if x == 0 { return "0" }
    if x == x.rounded() && Swift.abs(x) < 1e12 { return String(Int(x)) }
    var s = String(format: "%.\(digits)g", x)
    if s.contains("e") {
      // 1.5e-07 → 1.5e-7
      s = s.replacingOccurrences(of: "e-0", with: "e-").replacingOccurrences(of: "e+0", with: "e+")
    }
    return s
  }

  static func vector(_ v: [Double], digits: Int = 6) -> String {
    "(" + v.map { short($0, digits: digits) }.joined(separator: ", ") + ")"
  }

  /// Rows of a matrix with right-aligned columns: "[  0  -2 ]".
  static func matrixRows(_ rows: [[Double]], digits: Int = 6) -> [String] {
    let cells = rows.map { $0.map { short($0, digits: digits) } }
    let width = cells.flatMap { $0 }.map(\.count).max() ?? 0
    return cells.map { row in
      "[ "
        + row.map { String(repeating: " ", count: width - $0.count) + $0 }.joined(separator: "  ")
        + " ]"
    }
  }
}

/// A two-column layout: labels padded to one width, continuation lines indented.
struct LabeledLines {
  private var rows: [(String, [String])] = []

  mutating func add(_ label: String, _ lines: [String]) { rows.append((label, lines)) }
  mutating func add(_ label: String, _ line: String) { rows.append((label, [line])) }

  func render(indent: String = "  ") -> String {
    let width = rows.map(\.0.count).max() ?? 0
    var out: [String] = []
    for (label, lines) in rows {
      for (i, line) in lines.enumerated() {
        let head =
          i == 0
          ? label.padding(toLength: width, withPad: " ", startingAt: 0)
          : String(repeating: " ", count: width)
        out.append(indent + head + "  " + line)
      }
    }
    return out.joined(separator: "\n")
  }
}
