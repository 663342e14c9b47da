import Descent
import Foundation

/// `descent minimize --suite mgh`: each method on every MGH instance, progress on stderr,
/// then one table per method and the totals (text), or the rows as JSON or CSV.
struct SuiteRunner {
  /// Each method by name, built for an instance's dimension.
  var methods: [(name: String, make: (Int) throws -> any IterativeMethod)]
  var instances: [MGHProblem]
  var options: MinimizeOptions
  var format: TraceFormat

  /// Everything printed on stdout: the method's rows and totals.
  struct MethodReport: Encodable {
    var method: String
    var rows: [SuiteRow]
    var summary: SuiteSummary

    enum CodingKeys: String, CodingKey {
      case method, rows, solved, instances, medianEvaluations
    }

    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(method, forKey: .method)
      try c.encode(rows.map(RowOutput.init), forKey: .rows)
      try c.encode(summary.solved, forKey: .solved)
      try c.encode(summary.instances, forKey: .instances)
      try c.encode(summary.medianEvaluations, forKey: .medianEvaluations)
    }
  }

  /// One row as printed in JSON: the fields of ``SuiteRow`` plus the evaluations total.
  struct RowOutput: Encodable {
    var row: SuiteRow
    init(_ row: SuiteRow) { self.row = row }
    enum CodingKeys: String, CodingKey {
      case problem, number, n, m, minima, startValue, value, solved, evaluations
      case functionEvaluations, iterations, stopReason
    }
    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(row.problem, forKey: .problem)
      try c.encode(row.number, forKey: .number)
      try c.encode(row.n, forKey: .n)
      try c.encode(row.m, forKey: .m)
      try c.encode(row.minima, forKey: .minima)
      try c.encode(row.startValue, forKey: .startValue)
      try c.encode(row.value, forKey: .value)
      try c.encode(row.solved, forKey: .solved)
      try c.encode(row.evaluations, forKey: .evaluations)
      try c.encode(row.functionEvaluations, forKey: .functionEvaluations)
      try c.encode(row.iterations, forKey: .iterations)
      try c.encode(row.stopReason, forKey: .stopReason)
    }
  }

  struct Document: Encodable {
    var suite = "mgh"
    var criterion = "|f - f*| <= 1e-6 * max(1, |f*|) for some published f*"
    var gtol: Double
    var maxIterations: Int
    var maxEvaluations: Int?
    var methods: [MethodReport]
  }

  /// Runs everything and returns the text to print.
  func run() throws -> String {
    let total = instances.count * methods.count
    let progress = Progress(total: total)
    var reports: [MethodReport] = []
    for (name, make) in methods {
      var rows: [SuiteRow] = []
      for instance in instances {
        let method = try make(instance.dimension)
        let row = try MGHSuite.run(method: method, instance: instance, options: options)
        rows.append(row)
        progress.report(
          "\(name) \(row.problem): \(row.solved ? "solved" : "not solved"), "
            + "f = \(NumberFormat.short(row.value)), \(row.functionEvaluations) evaluations")
      }
      reports.append(
        MethodReport(method: name, rows: rows, summary: SuiteSummary(method: name, rows: rows)))
    }
    progress.finish()
    switch format {
    case .json, .jsonl:
      return try JSONOutput.encode(
        Document(
          gtol: options.gradientTolerance, maxIterations: options.maxIterations,
          maxEvaluations: options.maxEvaluations, methods: reports))
    case .csv: return csv(reports)
    case .text: return text(reports, instances: instances.count)
    }
  }

  private func text(_ reports: [MethodReport], instances: Int) -> String {
    var lines = [
      "MGH suite: \(instances) instances from the standard starts; solved when "
        + "|f − f*| ≤ 1e-6·max(1, |f*|); gtol \(NumberFormat.short(options.gradientTolerance)), "
        + "at most \(options.maxIterations) iterations"
        + (options.maxEvaluations.map { " and \($0) evaluations" } ?? "")
    ]
    for report in reports {
      lines += ["", report.method]
      let rows = report.rows.map { row in
        [
          row.problem, String(row.n), String(row.m),
          row.minima.map { NumberFormat.short($0) }.joined(separator: " or "),
          NumberFormat.short(row.value), row.solved ? "yes" : "no",
          String(row.functionEvaluations), String(row.iterations), row.stopReason.rawValue,
        ]
      }
      lines += Table.render(
        header: [
          "problem", "n", "m", "f*", "value", "solved", "evaluations", "iterations", "stop",
        ],
        rows: rows, leftAligned: [0, 3, 8])
      lines.append(
        "  solved \(report.summary.solved)/\(report.summary.instances), median evaluations "
          + NumberFormat.short(report.summary.medianEvaluations))
    }
    lines += ["", "totals"]
    lines += Table.render(
      header: ["method", "solved", "median evaluations"],
      rows: reports.map {
        [
          $0.method, "\($0.summary.solved)/\($0.summary.instances)",
          NumberFormat.short($0.summary.medianEvaluations),
        ]
      })
    lines.append("evaluations: objective plus gradient (f + g; a Jacobian counts as a gradient)")
    return lines.joined(separator: "\n")
  }

  private func csv(_ reports: [MethodReport]) -> String {
    var lines = ["method,problem,n,m,fstar,value,solved,f,g,h,hvp,iterations,stopReason"]
    for report in reports {
      for row in report.rows {
        let e = row.evaluations
        lines.append(
          [
            report.method, row.problem, String(row.n), String(row.m),
            row.minima.map { "\($0)" }.joined(separator: ";"), "\(row.value)", "\(row.solved)",
            String(e.f), String(e.g), String(e.h), String(e.hvp), String(row.iterations),
            row.stopReason.rawValue,
          ].joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n")
  }
}

/// Progress on stderr: one line per instance, or one line rewritten in place at a terminal.
private final class Progress {
  let total: Int
  var done = 0
  let terminal = isatty(STDERR_FILENO) != 0

  init(total: Int) { self.total = total }

  func report(_ message: String) {
    done += 1
    let line = "[\(done)/\(total)] \(message)"
    let text = terminal ? "\r\u{1B}[K" + line : line + "\n"
    FileHandle.standardError.write(Data(text.utf8))
  }

  func finish() {
    if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}
