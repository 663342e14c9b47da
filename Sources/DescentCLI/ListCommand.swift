import ArgumentParser
import Descent
import Foundation

/// `descent list`: the built-in objectives.
struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List the built-in objectives: name, formula, dimension, start and known minimizers."
  )

  @Option(help: "Output: text or json.")
  var format: OutputFormat = .text

  struct Entry: Encodable {
    var name: String
    var summary: String
    var formula: String
    var variables: [String]
    var dimension: Int
    var start: [Double]
    var minimizers: [[Double]]
    var minimum: Double?
    var source: String

    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(name, forKey: .name)
      try c.encode(summary, forKey: .summary)
      try c.encode(formula, forKey: .formula)
      try c.encode(variables, forKey: .variables)
      try c.encode(dimension, forKey: .dimension)
      try c.encode(start, forKey: .start)
      try c.encode(minimizers, forKey: .minimizers)
      try c.encode(minimum, forKey: .minimum)  // null where unbounded below
      try c.encode(source, forKey: .source)
    }
    enum CodingKeys: String, CodingKey {
      case name, summary, formula, variables, dimension, start, minimizers, minimum, source
    }
  }

  func run() throws {
    let entries = try BuiltinObjective.catalogue.map { o in
      let f = try o.parsed()
      return Entry(
        name: o.name, summary: o.summary, formula: o.formula, variables: f.variables,
        dimension: f.variables.count, start: o.start, minimizers: o.minimizers, minimum: o.minimum,
        source: o.source)
    }
    switch format {
    case .json:
      print(try JSONOutput.encode(entries))
    case .text:
      let rows = entries.map { e in
        [
          e.name, String(e.dimension), NumberFormat.vector(e.start),
          e.minimizers.isEmpty
            ? "none (unbounded below)"
            : e.minimizers.map { NumberFormat.vector($0) }.joined(separator: " "),
          e.minimum.map { NumberFormat.short($0) } ?? "—",
        ]
      }
      print(
        Table.render(
          header: ["name", "n", "start", "minimizers", "minimum"], rows: rows, indent: "",
          leftAligned: [0, 2, 3]
        ).joined(separator: "\n"))
      print("")
      for e in entries {
        print("\(e.name.padding(toLength: 17, withPad: " ", startingAt: 0)) \(e.formula)")
      }
      print("")
      print(
        "Parameters: rosenbrock:N (N variables, chained form), ill-conditioned:K (condition number K)."
      )
      print("")
      print("Moré–Garbow–Hillstrom problems (residuals; descent minimize mgh:NAME or mgh:NAME:n):")
      let problemRows = MGH.problems.map { p in
        [
          String(p.number), "mgh:" + p.name, String(p.dimension), String(p.residualCount),
          p.publishedMinima.map { NumberFormat.short($0) }.joined(separator: " or "),
          MGH.variableSizeNames.contains(p.name) ? "variable n" : "",
        ]
      }
      print(
        Table.render(
          header: ["#", "name", "n", "m", "f*", ""], rows: problemRows, indent: "",
          leftAligned: [1, 4, 5]
        ).joined(separator: "\n"))
    }
  }
}
