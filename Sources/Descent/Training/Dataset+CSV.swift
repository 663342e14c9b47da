import Foundation

extension Dataset {
  /// Reads a dataset from a CSV file with a header row.
  ///
  /// Columns are chosen by header name: `y`, or `y1`, `y2`, … (in numeric order), are real
  /// targets (for MSE); `label` holds class indices 0, 1, … (for cross-entropy; the number
  /// of classes is the largest label + 1); every other column is an input, in file order.
  /// Fields are decimal numbers separated by commas; blank lines are skipped; a header
  /// name may be wrapped in double quotes.
  /// - Throws: ``TrainingInputError`` naming the file, and the line and column where there
  ///   is one: a file that cannot be read, no header, both `label` and `y` columns or
  ///   neither, no input column, a row with the wrong number of fields, a field that is
  ///   not a finite number, a label that is not an integer ≥ 0, no data rows.
  public static func csv(contentsOf path: String) throws -> Dataset {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TrainingInputError(source: path, reason: "cannot read the file (does it exist?)")
    }
    return try csv(text: String(decoding: data, as: UTF8.self), name: path)
  }

  /// Reads a dataset from CSV text (see ``csv(contentsOf:)``); `name` is used in errors.
  public static func csv(text: String, name: String) throws -> Dataset {
    var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .enumerated()
      .map {
        (number: $0.offset + 1, text: $0.element.trimmingCharacters(in: .whitespacesAndNewlines))
      }
      .filter { !$0.text.isEmpty }
    guard !lines.isEmpty else {
      throw TrainingInputError(
        source: name, reason: "the file is empty; expected a header row such as x1,x2,y")
    }
    let header = lines.removeFirst()
    let names = header.text.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(
        in: CharacterSet(charactersIn: "\""))
    }
    let layout = try CSVLayout(names: names, file: name, line: header.number)
    guard !lines.isEmpty else {
      throw TrainingInputError(source: name, reason: "a header but no data rows")
    }
    var inputs: [Double] = []
    var targets: [Double] = []
    var labels: [Int] = []
    inputs.reserveCapacity(lines.count * layout.inputs.count)
    for line in lines {
      let fields = line.text.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count == names.count else {
        throw TrainingInputError(
          source: name, line: line.number,
          reason: "\(fields.count) fields, but the header has \(names.count) columns")
      }
      func number(_ column: Int) throws -> Double {
        let field = fields[column].trimmingCharacters(in: .whitespaces)
        guard let value = Double(field), value.isFinite else {
          throw TrainingInputError(
            source: name, line: line.number, column: names[column],
            reason: "'\(field)' is not a finite decimal number")
        }
        return value
      }
      for c in layout.inputs { inputs.append(try number(c)) }
      for c in layout.targets { targets.append(try number(c)) }
      if let c = layout.label {
        let value = try number(c)
        guard value >= 0, value == value.rounded(), value < 1e9 else {
          throw TrainingInputError(
            source: name, line: line.number, column: names[c],
            reason: "a class label must be an integer ≥ 0, got \(fields[c])")
        }
        labels.append(Int(value))
      }
    }
    let n = lines.count
    let x = try Tensor(shape: [n, layout.inputs.count], scalars: inputs)
    if layout.label != nil {
      return Dataset(
        name: name, inputs: x, targets: .labels(labels, classes: (labels.max() ?? 0) + 1))
    }
    return Dataset(
      name: name, inputs: x,
      targets: .values(try Tensor(shape: [n, layout.targets.count], scalars: targets)))
  }
}

/// Which CSV columns are inputs, targets and the label, from the header names.
private struct CSVLayout {
  var inputs: [Int] = []
  var targets: [Int] = []
  var label: Int?

  init(names: [String], file: String, line: Int) throws {
    var numbered: [(Int, Int)] = []
    for (c, name) in names.enumerated() {
      if name.isEmpty {
        throw TrainingInputError(
          source: file, line: line, column: String(c + 1), reason: "empty column name in the header"
        )
      }
      if names[..<c].contains(name) {
        throw TrainingInputError(
          source: file, line: line, column: name, reason: "column name appears twice in the header")
      }
      if name == "label" {
        label = c
      } else if name == "y" {
        numbered.append((0, c))
      } else if name.hasPrefix("y"), let k = Int(name.dropFirst()), k >= 1 {
        numbered.append((k, c))
      } else {
        inputs.append(c)
      }
    }
    targets = numbered.sorted { $0.0 < $1.0 }.map(\.1)
    if label != nil && !targets.isEmpty {
      throw TrainingInputError(
        source: file, line: line,
        reason: "both a label column and target columns (y…); keep one: label for "
          + "cross-entropy, y or y1, y2, … for MSE")
    }
    if label == nil && targets.isEmpty {
      throw TrainingInputError(
        source: file, line: line,
        reason: "no target column: name it y (or y1, y2, …) for MSE, or label for cross-entropy "
          + "(header: \(names.joined(separator: ",")))")
    }
    if inputs.isEmpty {
      throw TrainingInputError(
        source: file, line: line, reason: "no input column besides the targets")
    }
  }
}
