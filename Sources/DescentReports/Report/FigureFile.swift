import Foundation

/// A figure file named on the command line (`--plot FILE.svg|FILE.html`) could not be
/// written: what, where, and what would be valid.
public struct FigureFileError: Error, Equatable, CustomStringConvertible {
  /// The path as given.
  public var path: String
  /// What went wrong and what would work.
  public var problem: String

  public var description: String { "\(path): \(problem)" }
}

/// Writes figures to the file a user named: several figures stacked in one SVG document, or
/// a self-contained HTML page (``HTMLReport``) with captions and the numbers behind them.
///
/// ```
/// FILE.svg   →  <svg> holding each figure's <svg> one under the other
/// FILE.html  →  HTMLReport(title, one chapter with the captioned figures)
/// ```
public enum FigureFile {
  /// The document for `path`'s extension (`.svg` or `.html`/`.htm`, any case).
  /// - Throws: ``FigureFileError`` for any other extension.
  public static func render(
    _ items: [HTMLReport.Item], title: String, paragraphs: [String] = [], for path: String
  ) throws(FigureFileError) -> String {
    switch (path as NSString).pathExtension.lowercased() {
    case "svg":
      return stacked(items.map(\.figure))
    case "html", "htm":
      return HTMLReport(
        title: title,
        chapters: [HTMLReport.Chapter(title: title, paragraphs: paragraphs, items: items)]
      ).rendered()
    default:
      throw FigureFileError(
        path: path, problem: "expected a file name ending in .svg or .html (a picture or a page)")
    }
  }

  /// Renders and writes; see ``render(_:title:paragraphs:for:)``.
  /// - Throws: ``FigureFileError`` for a bad extension or a file that cannot be written.
  public static func write(
    _ items: [HTMLReport.Item], title: String, paragraphs: [String] = [], to path: String
  ) throws(FigureFileError) {
    let text = try render(items, title: title, paragraphs: paragraphs, for: path)
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    } catch {
      throw FigureFileError(
        path: path, problem: "cannot write the file (\(error.localizedDescription))")
    }
  }

  /// Figures one under the other in one SVG document (each keeps its own coordinates).
  static func stacked(_ figures: [any Figure]) -> String {
    var offset = 0.0
    var width = 1.0
    var body = ""
    for (k, figure) in figures.enumerated() {
      let svg = figure.svg(id: "plot-\(k + 1)")
      let size = Self.size(of: svg)
      body += svg.replacingOccurrences(
        of: "<svg ", with: "<svg x=\"0\" y=\"\(SVGDocument.number(offset))\" ",
        options: .anchored)
      offset += size.height
      width = max(width, size.width)
    }
    let height = max(offset, 1)
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVGDocument.number(width))\" "
      + "height=\"\(SVGDocument.number(height))\" viewBox=\"0 0 \(SVGDocument.number(width)) "
      + "\(SVGDocument.number(height))\">\n" + body + "</svg>\n"
  }

  /// Width and height from a rendered root element.
  static func size(of svg: String) -> (width: Double, height: Double) {
    func attribute(_ name: String) -> Double {
      guard let start = svg.range(of: " \(name)=\"") else { return 0 }
      let rest = svg[start.upperBound...]
      return Double(rest.prefix { $0 != "\"" }) ?? 0
    }
    return (attribute("width"), attribute("height"))
  }
}
