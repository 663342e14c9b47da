/// Input to training that cannot be used: a data file, a model's widths, a parameter
/// vector. Says what is wrong, where (file, line, column when known) and what would be valid.
public struct TrainingInputError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The file path, dataset name or argument the problem is in.
  public var source: String
  /// The 1-based line of a text file, when the problem has one.
  public var line: Int?
  /// The column (by header name, or 1-based number when there is no name), when known.
  public var column: String?
  /// What is wrong and what would be valid.
  public var reason: String

  /// An error in `source` at an optional line and column.
  public init(source: String, line: Int? = nil, column: String? = nil, reason: String) {
    self.source = source
    self.line = line
    self.column = column
    self.reason = reason
  }

  /// `FILE:LINE: column C: reason`, leaving out what is unknown.
  public var description: String {
    var place = source
    if let line { place += ":\(line)" }
    if let column { place += ": column \(column)" }
    return "\(place): \(reason)"
  }
}
