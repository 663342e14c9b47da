import Foundation

/// A table with a header, the first column left-aligned and the others right-aligned.
enum Table {
  static func render(
    header: [String], rows: [[String]], indent: String = "  ", leftAligned: Set<Int> = [0]
  ) -> [String] {
    let all = [header] + rows
    let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
    return all.map { row in
      indent
        + row.enumerated().map { c, cell in
          let pad = String(repeating: " ", count: widths[c] - cell.count)
          return leftAligned.contains(c) ? cell + pad : pad + cell
        }.joined(separator: "   ").replacingOccurrences(
          of: "\\s+$", with: "", options: .regularExpression)
    }
  }
}
