import Foundation
import Testing

/// `descent tour`, end to end: the page, its figures and captions, the summary on stdout, the
/// progress on stderr, and a bad --out.
@Suite("descent tour")
struct TourCommandTests {
  static func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-tour-\(UUID().uuidString)")
  }

  @Test("writes a self-contained index.html with at least eight captioned figures")
  func page() throws {
    let folder = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // A debug build runs the tour in about 10 s alone; 180 s leaves room on a loaded machine.
    // A hang guard, not a timing assertion: the debug tour takes about a minute alone, more
    // beside the other suites.
    let run = runDescent(["tour", "--out", folder.path], timeout: 600)
    #expect(run.status == 0, "stderr: \(run.stderr)")
    let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
    let figures = html.components(separatedBy: "<figure ").count - 1
    #expect(figures >= 8)
    #expect(html.components(separatedBy: "<figcaption>").count - 1 == figures)
    #expect(html.components(separatedBy: "class=\"trajectory\"").count - 1 >= 6)
    #expect(html.contains("<animate "))
    #expect(!html.contains("<script"))
    #expect(!html.contains("src=\"http") && !html.contains("href=\"http"))
    // The saddle chapter's verdict comes from the run, not from the text.
    #expect(html.contains("the analysis says saddle point"))
    // Every chapter ran: the network chapters draw from real training runs.
    #expect(!html.contains("Not landed yet."))
    #expect(html.contains("Small against large batches") && html.contains("The minimum ratio"))
    // Summary on stdout: one line per run and the closing line; progress on stderr.
    #expect(run.stdout.contains("gd from the origin"))
    #expect(run.stdout.contains("wrote \(folder.path)/index.html: \(figures) figures"))
    #expect(run.stderr.contains("[1/8] The saddle of the two-weight network"))
    let origin = run.stdout.split(separator: "\n").first { $0.contains("gd from the origin") }
    // Gradient descent does not move from the exact saddle: 0 iterations.
    #expect(origin?.split(separator: " ", omittingEmptySubsequences: true).contains("0") == true)
  }

  @Test("an --out that cannot be a folder is bad input: exit 1, one line on stderr")
  func badOut() throws {
    let file = Self.temporaryFolder()
    try Data("x".utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let run = runDescent(["tour", "--out", file.path])
    #expect(run.status == 1)
    #expect(run.stderr.hasPrefix("error: --out \(file.path): cannot create the folder"))
    #expect(run.stderr.split(separator: "\n").count == 1)
  }
}

/// `--plot` on `analyze` and `run --compare`: the files are written, other names refused.
@Suite("--plot files")
struct TourPlotFlagTests {
  @Test("analyze --plot writes an SVG with the contours, the spectrum and the slice")
  func analyzePlot() throws {
    let file = TourCommandTests.temporaryFolder().appendingPathExtension("svg")
    defer { try? FileManager.default.removeItem(at: file) }
    let stdout = runDescentSuccessfully([
      "analyze", "(1 - w1*w2)^2", "--at", "0,0", "--plot", file.path,
    ])
    #expect(stdout.contains("saddle point"))
    let svg = try String(contentsOf: file, encoding: .utf8)
    #expect(svg.components(separatedBy: "<svg ").count - 1 == 4)  // wrapper + 3 figures
    #expect(svg.contains("class=\"trajectory\" data-series=\"escape direction\""))
    #expect(svg.contains("λ = −2") && svg.contains("λ = 2"))
  }

  @Test("run --compare --plot writes a page; a bad extension or a single optimizer is refused")
  func runPlot() throws {
    let file = TourCommandTests.temporaryFolder().appendingPathExtension("html")
    defer { try? FileManager.default.removeItem(at: file) }
    runDescentSuccessfully([
      "run", "rosenbrock", "--compare", "adam,rmsprop", "--lr", "0.01", "--steps", "50", "--plot",
      file.path,
    ])
    let html = try String(contentsOf: file, encoding: .utf8)
    #expect(html.components(separatedBy: "<figure ").count - 1 == 3)
    #expect(html.contains("data-series=\"adam\"") && html.contains("data-series=\"rmsprop\""))
    let bad = runDescent(["analyze", "x^2 + y^2", "--at", "0,0", "--plot", "out.png"])
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("--plot out.png: expected a file name ending in .svg or .html"))
    let single = runDescent(["run", "rosenbrock", "--optimizer", "adam", "--plot", "x.svg"])
    #expect(single.status == 1)
    #expect(single.stderr.contains("--plot: give --compare"))
  }
}
