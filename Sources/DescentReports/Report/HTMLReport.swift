/// A self-contained HTML page: a title, an introduction, chapters of text with numbered
/// figures (inline SVG, a caption, and the numbers behind each figure as a table and a CSV
/// download in a `data:` URI), and chapters whose machinery has not landed yet, which say so.
///
/// The page makes no request: no script, no external style, font or image, and a
/// Content-Security-Policy of `default-src 'none'` (inline styles and `data:` links only) so
/// that a browser refuses any request that slipped in.
public struct HTMLReport: Sendable {
  /// A figure with its caption.
  public struct Item: Sendable {
    /// The picture.
    public var figure: any Figure
    /// What the reader is looking at and what it shows.
    public var caption: String

    /// A captioned figure.
    public init(_ figure: any Figure, caption: String) {
      self.figure = figure
      self.caption = caption
    }
  }

  /// A chapter: text and figures, or a note that it is not there yet.
  public struct Chapter: Sendable {
    /// Heading.
    public var title: String
    /// Paragraphs before the figures.
    public var paragraphs: [String]
    /// The figures.
    public var items: [Item]
    /// Set when the chapter's machinery has not landed: shown instead of figures.
    public var pending: String?

    /// A chapter with figures.
    public init(title: String, paragraphs: [String] = [], items: [Item] = []) {
      self.title = title
      self.paragraphs = paragraphs
      self.items = items
    }

    /// A chapter whose machinery is not there yet; `reason` says what is missing.
    public static func pending(title: String, reason: String) -> Chapter {
      var chapter = Chapter(title: title)
      chapter.pending = reason
      return chapter
    }
  }

  /// The page title.
  public var title: String
  /// Paragraphs under the title.
  public var introduction: [String]
  /// The chapters, in order.
  public var chapters: [Chapter]
  /// A table shown after the chapters (e.g. every run with its result), if any.
  public var summary: DataTable?
  /// At most this many rows of each figure's data are shown in the page (the CSV has all).
  public var tableRowLimit = 60

  /// A report.
  public init(
    title: String, introduction: [String] = [], chapters: [Chapter] = [],
    summary: DataTable? = nil
  ) {
    self.title = title
    self.introduction = introduction
    self.chapters = chapters
    self.summary = summary
  }

  /// The number of figures.
  public var figureCount: Int { chapters.map(\.items.count).reduce(0, +) }

  /// The page.
  public func rendered() -> String {
    let e = SVGDocument.escape
    var html = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(e(title))</title>
      <style>\(Self.style)</style>
      </head>
      <body>
      <main>
      <h1>\(e(title))</h1>

      """
    for paragraph in introduction { html += "<p>\(e(paragraph))</p>\n" }
    html += "<nav><ol>"
    for (c, chapter) in chapters.enumerated() {
      html += "<li><a href=\"#chapter-\(c + 1)\">\(e(chapter.title))</a></li>"
    }
    html += "</ol></nav>\n"
    var number = 0
    for (c, chapter) in chapters.enumerated() {
      html += "<section class=\"chapter\" id=\"chapter-\(c + 1)\">\n"
      html += "<h2>\(c + 1). \(e(chapter.title))</h2>\n"
      for paragraph in chapter.paragraphs { html += "<p>\(e(paragraph))</p>\n" }
      if let pending = chapter.pending {
        html += "<p class=\"pending\"><strong>Not landed yet.</strong> \(e(pending))</p>\n"
      }
      for item in chapter.items {
        number += 1
        let data = item.figure.data
        html += "<figure id=\"figure-\(number)\">\n"
        html += item.figure.svg(id: "figure-\(number)")
        html += "<figcaption><strong>Figure \(number).</strong> \(e(item.caption))</figcaption>\n"
        html += "<details><summary>Numbers behind figure \(number) (\(data.rows.count) rows) — "
        html += "<a download=\"figure-\(number).csv\" href=\"\(data.dataURI)\">download CSV</a>"
        html += "</summary>\n" + table(data, limit: tableRowLimit) + "</details>\n</figure>\n"
      }
      html += "</section>\n"
    }
    if let summary {
      html += "<section id=\"summary\"><h2>Every run</h2>\n" + table(summary, limit: Int.max)
      html += "</section>\n"
    }
    html += "</main>\n</body>\n</html>\n"
    return html
  }

  private func table(_ data: DataTable, limit: Int) -> String {
    let e = SVGDocument.escape
    var html = "<table><thead><tr>"
    for column in data.columns { html += "<th>\(e(column))</th>" }
    html += "</tr></thead><tbody>\n"
    for row in data.rows.prefix(limit) {
      html += "<tr>" + row.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n"
    }
    html += "</tbody></table>\n"
    if data.rows.count > limit {
      html += "<p class=\"more\">First \(limit) of \(data.rows.count) rows; the CSV has all.</p>\n"
    }
    return html
  }

  static let style = """
    body{font-family:Helvetica,Arial,sans-serif;color:#222;background:#fafafa;margin:0}\
    main{max-width:980px;margin:0 auto;padding:24px 32px 64px;background:#fff}\
    h1{font-size:28px}h2{margin-top:40px;border-bottom:1px solid #ddd;padding-bottom:4px}\
    p{line-height:1.5}figure{margin:24px 0}figure svg{max-width:100%;height:auto}\
    figcaption{margin-top:6px;line-height:1.45;font-size:15px}\
    details{margin-top:6px;font-size:13px}summary{cursor:pointer;color:#0072B2}\
    table{border-collapse:collapse;font-size:12px;margin:8px 0}\
    th,td{border:1px solid #ddd;padding:2px 8px;text-align:right;font-variant-numeric:tabular-nums}\
    th{background:#f0f0f0}.pending{background:#fff7bc;border-left:4px solid #e69f00;padding:8px 12px}\
    nav ol{columns:2;font-size:15px}.more{font-size:12px;color:#555}
    """
}
