import Foundation

/// The numbers behind a figure: named columns and rows of cells, written as CSV for a
/// download and as an HTML table for reading.
///
/// ```
/// csv = header "\n" row₁ "\n" …   (RFC 4180 quoting where a cell has , " or a newline)
/// ```
///
/// Numbers are written in Swift's shortest round-trip form, so the CSV reads back to the
/// same bits; non-finite values as `NaN`, `Infinity`, `-Infinity` (as in CLI.md's JSON).
public struct DataTable: Sendable, Equatable {
  /// Column names.
  public var columns: [String]
  /// Rows of cells, each as many as `columns`.
  public var rows: [[String]]

  /// A table; every row must have one cell per column.
  public init(columns: [String], rows: [[String]] = []) {
    precondition(
      rows.allSatisfy { $0.count == columns.count },
      "every row needs \(columns.count) cells (\(columns.joined(separator: ", ")))")
    self.columns = columns
    self.rows = rows
  }

  /// A number as a cell.
  public static func cell(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
    return "\(value)"
  }

  /// An optional number as a cell (empty when nil).
  public static func cell(_ value: Double?) -> String { value.map { cell($0) } ?? "" }

  /// Appends a row of numbers and labels.
  public mutating func append(_ cells: [String]) {
    precondition(cells.count == columns.count, "a row of \(cells.count) cells for \(columns)")
    rows.append(cells)
  }

  /// The table as CSV.
  public var csv: String {
    func quote(_ cell: String) -> String {
      guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return cell }
      return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return ([columns] + rows).map { $0.map(quote).joined(separator: ",") }.joined(separator: "\n")
      + "\n"
  }

  /// The CSV as a `data:` URI (base64), for a download link that needs no network.
  public var dataURI: String {
    "data:text/csv;charset=utf-8;base64," + Data(csv.utf8).base64EncodedString()
  }
}

/// A picture with the numbers behind it: what every plot type of DescentReports is.
public protocol Figure: Sendable {
  /// The title drawn above the plot.
  var title: String { get }
  /// The SVG document; `id` makes clip-path and animation ids unique in a page.
  func svg(id: String) -> String
  /// The numbers drawn, for the report's table and CSV download.
  var data: DataTable { get }
}
