import ArgumentParser
import Descent
import Foundation

/// `descent gradcheck`: the tape's first and second derivatives of a formula against
/// central differences.
struct GradcheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gradcheck",
    abstract:
      "Check the gradient and the Hessian of a formula against central differences (like torch.autograd.gradcheck and gradgradcheck).",
    discussion: """
      An entry passes when |analytic − numeric| ≤ atol + rtol·|numeric|, the numeric value \
      being (f(x + εeⱼ) − f(x − εeⱼ)) / 2ε for the gradient and the same difference of the \
      analytic gradient for the Hessian. Defaults are PyTorch's.
      """
  )

  @OptionGroup var objective: ObjectiveOptions

  @Option(
    name: .customLong("at"), parsing: .unconditional,
    help: ArgumentHelp("The point, one number per variable.", valueName: "point"))
  var at: String

  @Option(parsing: .unconditional, help: "Finite-difference step ε.")
  var eps: Double = 1e-6

  @Option(parsing: .unconditional, help: "Absolute tolerance.")
  var atol: Double = 1e-5

  @Option(parsing: .unconditional, help: "Relative tolerance.")
  var rtol: Double = 1e-3

  @Option(help: "Output: text or json.")
  var format: OutputFormat = .text

  func validate() throws {
    guard eps > 0, eps.isFinite else {
      throw ValidationError("--eps must be a finite number > 0, got \(eps)")
    }
    guard atol >= 0, atol.isFinite else {
      throw ValidationError("--atol must be a finite number ≥ 0, got \(atol)")
    }
    guard rtol >= 0, rtol.isFinite else {
      throw ValidationError("--rtol must be a finite number ≥ 0, got \(rtol)")
    }
  }

  func run() throws {
    let formula = try objective.parsedFormula()
    let point = try parsePoint(at, flag: "--at", for: formula)
    let x = Tensor(point)
    if !(try value(of: formula.function, at: x)).isFinite {
      let at = zip(formula.variables, point).map { "\($0) = \(NumberFormat.short($1))" }.joined(
        separator: ", ")
      let diagnosis =
        formula.diagnoseNonFinite(at: point)?.description
        ?? "formula \"\(formula.source)\" is not finite"
      throw CommandFailure.badInput("\(diagnosis) at \(at)")
    }
    let first = try gradcheck(formula.function, at: x, eps: eps, atol: atol, rtol: rtol)
    let second = try gradgradcheck(formula.function, at: x, eps: eps, atol: atol, rtol: rtol)
    switch format {
    case .json:
      print(
        try JSONOutput.encode(
          GradcheckOutput(
            variables: formula.variables, point: point, passed: first.passed && second.passed,
            firstOrder: first, secondOrder: second)))
    case .text:
      print(text(formula, point, first, second))
    }
  }

  private func text(
    _ formula: Formula, _ point: [Double], _ first: DerivativeCheckReport,
    _ second: DerivativeCheckReport
  ) -> String {
    let names = formula.variables
    var out: [String] = []
    out.append("gradient check of \(formula.source)")
    out.append(
      "at " + zip(names, point).map { "\($0) = \(NumberFormat.short($1))" }.joined(separator: ", "))
    out.append(
      "central differences with ε = \(NumberFormat.short(eps)); an entry passes when "
        + "|analytic − numeric| ≤ \(NumberFormat.short(atol)) + \(NumberFormat.short(rtol))·|numeric|"
    )
    for (report, label) in [(first, "first order (gradient)"), (second, "second order (Hessian)")] {
      out.append("")
      out.append(
        "\(label): \(report.passed ? "passed" : "FAILED"), \(report.entries.count) entries, "
          + "max abs error \(NumberFormat.short(report.maxAbsoluteError, digits: 2)), "
          + "max rel error \(NumberFormat.short(report.maxRelativeError, digits: 2))")
      let rows = report.worst.map { e -> [String] in
        let entry =
          report.order == "first order"
          ? "∂f/∂\(names[e.input])"
          : "∂²f/∂\(names[e.output])∂\(names[e.input])"
        return [
          entry, NumberFormat.short(e.analytic, digits: 10),
          NumberFormat.short(e.numeric, digits: 10),
          NumberFormat.short(e.absoluteError, digits: 2),
          NumberFormat.short(e.relativeError, digits: 2),
        ]
      }
      out.append(
        contentsOf: Table.render(
          header: ["worst entries", "analytic", "numeric", "abs error", "rel error"], rows: rows))
    }
    return out.joined(separator: "\n")
  }
}

struct GradcheckOutput: Encodable {
  var variables: [String]
  var point: [Double]
  var passed: Bool
  var firstOrder: DerivativeCheckReport
  var secondOrder: DerivativeCheckReport
}
