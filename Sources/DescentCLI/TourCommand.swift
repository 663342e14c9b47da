import ArgumentParser
import Descent
import DescentReports
import Foundation

/// `descent tour`: the lecture in one command — every chapter from real runs, written as one
/// self-contained HTML page.
struct TourCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tour",
    abstract: "Run the lecture's experiments and write them as one self-contained HTML page.",
    discussion: """
      Chapters: the saddle of (1 − w1·w2)², zig-zag on an ill-conditioned quadratic, adaptive \
      rates on a steep and a flat direction, learning rates and the 2/λmax bound, warm-up and \
      decay; chapters whose machinery has not landed say so. Writes DIR/index.html (no \
      network needed to view it), prints a summary table on stdout and progress on stderr.
      """
  )

  @Option(
    name: .customLong("out"),
    help: ArgumentHelp("The folder for index.html (created if missing).", valueName: "dir"))
  var out: String = "descent-out/tour"

  func run() throws {
    let began = Date()
    let folder = URL(fileURLWithPath: out, isDirectory: true)
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw CommandFailure.badInput(
        "--out \(out): cannot create the folder (\(error.localizedDescription)); "
          + "give a writable path")
    }
    var log = TourLog()
    var chapters: [HTMLReport.Chapter] = []
    let all = TourChapter.all
    for (k, chapter) in all.enumerated() {
      FileHandle.standardError.write(Data("[\(k + 1)/\(all.count)] \(chapter.title)…\n".utf8))
      log.chapter = "\(k + 1)"
      let started = Date()
      let made = try chapter.make(&log)
      chapters.append(made)
      let note =
        made.items.isEmpty
        ? "not landed yet"
        : "\(made.items.count) figures" + (made.pending == nil ? "" : ", part pending")
      log.progress(
        "\(note), \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }
    let report = HTMLReport(
      title: "Descent: a tour of gradient descent, saddles and step sizes",
      introduction: [
        "Every figure on this page was drawn from runs made by descent tour when the page was "
          + "written; the numbers behind each figure are under it, as a table and as CSV. The "
          + "page needs no network: the pictures are inline SVG and the animation is SVG's own.",
        "Colours follow Okabe and Ito's palette, which readers with colour-blindness can tell "
          + "apart; runs start at a white circle and end at a filled square.",
      ],
      chapters: chapters, summary: log.table)
    let file = folder.appendingPathComponent("index.html")
    do {
      try Data(report.rendered().utf8).write(to: file)
    } catch {
      throw CommandFailure.badInput(
        "--out \(out): cannot write index.html (\(error.localizedDescription))")
    }
    for line in Table.render(header: TourLog.columns, rows: log.rows, leftAligned: [1, 2, 6]) {
      print(line)
    }
    let pending = chapters.filter { $0.items.isEmpty }.count
    print(
      "wrote \(file.path): \(report.figureCount) figures in \(chapters.count) chapters"
        + (pending > 0 ? " (\(pending) not landed yet)" : "") + ", "
        + String(format: "%.1f s", Date().timeIntervalSince(began)))
  }
}
