import Descent
import DescentReports
import Foundation

/// One chapter of `descent tour`: a title and a function that makes its runs and figures.
///
/// Adding a chapter is adding one value to ``TourChapter/all``; a chapter whose machinery
/// has not landed returns ``HTMLReport/Chapter/pending(title:reason:)``.
struct TourChapter: Sendable {
  /// Heading in the page and in the progress lines.
  var title: String
  /// Runs the chapter, recording each run in the log, and returns its page section.
  var make: @Sendable (inout TourLog) throws -> HTMLReport.Chapter

  /// The chapters, in the lecture's order.
  static let all: [TourChapter] = [
    saddle, conditioning, adaptive, learningRates, schedules, newton, batchSize, minimumRatio,
  ]
}

/// The runs of the tour, for the summary table on stdout and at the top of the page.
struct TourLog {
  /// One row per run: chapter number, run, method, iterations, f/g/h/hvp evaluations, final
  /// loss, stop reason.
  var rows: [[String]] = []
  /// The number of the chapter being run.
  var chapter = ""

  static let columns = [
    "#", "run", "method", "iterations", "evaluations (f/g/h/hvp)", "final loss", "stop",
  ]

  /// Records a finished run.
  mutating func record(_ run: String, _ result: MinimizeResult) {
    let e = result.evaluations
    rows.append([
      chapter, run, result.method, String(result.iterations), "\(e.f)/\(e.g)/\(e.h)/\(e.hvp)",
      TourFormat.number(result.value), result.stopReason.rawValue,
    ])
  }

  /// A progress line on stderr.
  func progress(_ text: String) {
    FileHandle.standardError.write(Data("  \(text)\n".utf8))
  }

  /// The rows as a data table.
  var table: DataTable { DataTable(columns: Self.columns, rows: rows) }
}

/// Runs and samples shared by the chapters.
enum TourRun {
  /// Minimizes `formula` from `start` with `method` for at most `iterations` steps.
  static func minimize(
    _ formula: Formula, from start: [Double], method: some IterativeMethod, iterations: Int,
    gradientTolerance: Double = 1e-8
  ) throws -> MinimizeResult {
    var options = MinimizeOptions()
    options.maxIterations = iterations
    options.gradientTolerance = gradientTolerance
    return try Descent.minimize(formula.objective, from: start, method: method, options: options)
      .result
  }

  /// The formula's values on a grid, NaN where it cannot be evaluated.
  static func contour(
    _ title: String, _ formula: Formula, x: ClosedRange<Double>, y: ClosedRange<Double>,
    runs: [(String, MinimizeResult)], marks: [(name: String, x: Double, y: Double)] = [],
    resolution: Int = 81
  ) -> ContourPlot {
    let objective = formula.objective
    let grid = ContourPlot.grid(x: x, y: y, resolution: resolution) {
      try objective.value(at: $0)
    }
    return ContourPlot(
      title: title, xs: grid.xs, ys: grid.ys, values: grid.values,
      trajectories: runs.map { Trajectory(name: $0.0, trace: $0.1.trace) }, marks: marks,
      xLabel: formula.variables[0], yLabel: formula.variables[1])
  }

  /// Loss against step for several runs.
  static func lossCurves(_ title: String, _ runs: [(String, MinimizeResult)]) -> LinePlot {
    LinePlot(
      title: title,
      series: runs.map { LinePlot.Series(name: $0.0, values: $0.1.trace.map(\.value)) },
      xLabel: "step (iterations)", yLabel: "loss f (log scale)", logY: true)
  }
}

/// Numbers for people: four significant digits.
enum TourFormat {
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return DataTable.cell(value) }
    if value == 0 { return "0" }
    let magnitude = abs(value)
    if magnitude >= 1e-3 && magnitude < 1e5 { return String(format: "%.4g", value) }
    return String(format: "%.3e", value)
  }
}
