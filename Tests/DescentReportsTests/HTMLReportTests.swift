import Foundation
import Testing

@testable import DescentReports

/// The self-contained page: figures with captions, the numbers behind them, no requests.
@Suite("HTML report")
struct HTMLReportTests {
  static func report() -> HTMLReport {
    let plot = LinePlot(
      title: "a <plot>", series: [.init(name: "s, \"quoted\"", values: [3, 2, 1])], xLabel: "step",
      yLabel: "loss")
    return HTMLReport(
      title: "Tour & more",
      introduction: ["Intro <b>not bold</b>."],
      chapters: [
        HTMLReport.Chapter(
          title: "One", paragraphs: ["Text."], items: [.init(plot, caption: "What <it> shows.")]),
        .pending(title: "Two", reason: "Waits for Newton."),
      ],
      summary: DataTable(columns: ["run", "loss"], rows: [["gd", "1"]]))
  }

  @Test("figures, captions, the pending chapter, and everything escaped")
  func structure() {
    let html = Self.report().rendered()
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.components(separatedBy: "<figure ").count - 1 == 1)
    #expect(
      html.contains("<figcaption><strong>Figure 1.</strong> What &lt;it&gt; shows.</figcaption>"))
    #expect(html.contains("Intro &lt;b&gt;not bold&lt;/b&gt;."))
    #expect(html.contains("Not landed yet.</strong> Waits for Newton."))
    #expect(html.contains("<title>Tour &amp; more</title>"))
    #expect(html.contains("<svg"))
  }

  @Test("no request leaves the page: no script, no external URL but the SVG namespace")
  func selfContained() {
    let html = Self.report().rendered()
    #expect(!html.contains("<script"))
    let urls = html.components(separatedBy: "http").dropFirst().map { String($0.prefix(30)) }
    #expect(urls.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg\"") || $0.hasPrefix("-equiv") })
    #expect(html.contains("default-src 'none'"))
    #expect(!html.contains("src=\"http"))
  }

  @Test("the CSV download decodes to the figure's numbers")
  func csvDownload() throws {
    let html = Self.report().rendered()
    let marker = "href=\"data:text/csv;charset=utf-8;base64,"
    let start = try #require(html.range(of: marker))
    let rest = html[start.upperBound...]
    let encoded = String(rest.prefix { $0 != "\"" })
    let csv = String(decoding: try #require(Data(base64Encoded: encoded)), as: UTF8.self)
    #expect(
      csv
        == "series,step,loss\n\"s, \"\"quoted\"\"\",0.0,3.0\n\"s, \"\"quoted\"\"\",1.0,2.0\n\"s, \"\"quoted\"\"\",2.0,1.0\n"
    )
  }

  @Test("data cells: shortest round-trip numbers and the JSON spellings of non-finite values")
  func cells() {
    #expect(DataTable.cell(0.1) == "0.1")
    #expect(Double(DataTable.cell(1.0 / 3)) == 1.0 / 3)
    #expect(DataTable.cell(Double.nan) == "NaN")
    #expect(DataTable.cell(-Double.infinity) == "-Infinity")
    #expect(DataTable.cell(nil as Double?) == "")
  }
}
