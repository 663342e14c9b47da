import ArgumentParser
import Descent
import DescentReports
import Foundation

/// `descent analyze`: gradient, Hessian, eigenvalues and the kind of a point.
struct AnalyzeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "analyze",
    abstract:
      "Classify a point: gradient, Hessian, eigenvalues; minimum, maximum or saddle, and the way out of a saddle.",
    discussion: """
      The point is critical when ‖∇f‖∞ ≤ gtol. Then, with tol = eig-tol · max(1, max|λ|): \
      every eigenvalue > tol is a local minimum, every eigenvalue < −tol a local maximum, \
      eigenvalues of both signs a saddle point, anything else degenerate. At a saddle point \
      the escape direction is the unit eigenvector of the most negative eigenvalue λ; the \
      quadratic model predicts a change ½λs² for a step s along it.
      """
  )

  @OptionGroup var objective: ObjectiveOptions

  @Option(
    name: .customLong("at"), parsing: .unconditional,
    help: ArgumentHelp("The point, one number per variable: --at 0,0.", valueName: "point"))
  var at: String

  @Option(
    name: .customLong("gtol"), parsing: .unconditional,
    help: "Gradient tolerance on ‖∇f‖∞ for a critical point.")
  var gradientTolerance: Double = 1e-6

  @Option(
    name: .customLong("eig-tol"), parsing: .unconditional,
    help: "Relative eigenvalue tolerance: |λ| ≤ eig-tol · max(1, max|λ|) counts as zero.")
  var eigenvalueTolerance: Double = 1e-8

  @Option(
    name: .customLong("step"), parsing: .unconditional,
    help: "Step length s along the escape direction for the predicted change ½λs².")
  var step: Double = 1

  @Option(help: "Output: text (aligned, for people) or json (one document, sorted keys).")
  var format: OutputFormat = .text

  @Option(
    help: ArgumentHelp(
      "Also draw the point: contours (two variables), eigenvalues, the slice along the lowest eigenvector.",
      valueName: "FILE.svg|FILE.html"))
  var plot: String?

  @Option(
    name: .customLong("threads"),
    help: "Threads for BLAS/LAPACK and parallel loops (default: all cores).")
  var threads: Int?

  func validate() throws {
    guard gradientTolerance >= 0, gradientTolerance.isFinite else {
      throw ValidationError("--gtol must be a finite number ≥ 0, got \(gradientTolerance)")
    }
    guard eigenvalueTolerance >= 0, eigenvalueTolerance.isFinite else {
      throw ValidationError("--eig-tol must be a finite number ≥ 0, got \(eigenvalueTolerance)")
    }
    guard step.isFinite else {
      throw ValidationError("--step must be a finite number, got \(step)")
    }
    if let threads, threads < 1 {
      throw ValidationError("--threads must be at least 1, got \(threads)")
    }
  }

  func run() throws {
    if let threads { Parallelism.threads = threads }
    let formula = try objective.parsedFormula()
    let point = try parsePoint(at, flag: "--at", for: formula)
    let (value, gradient, hessian) = try formula.objective.valueGradientAndHessian(at: point)
    try requireFinite(formula, point: point, value: value, gradient: gradient, hessian: hessian)
    let analysis = try CriticalPointAnalysis(
      point: point, value: value, gradient: gradient, hessian: hessian,
      gradientTolerance: gradientTolerance, eigenvalueTolerance: eigenvalueTolerance)
    if let plot {
      do {
        try FigureFile.write(
          CriticalPointFigures.make(
            objective: formula.objective, analysis: analysis, variables: formula.variables),
          title: "\(formula.source) at (\(point.map { "\($0)" }.joined(separator: ", ")))",
          to: plot)
      } catch { throw CommandFailure.badInput("--plot \(error.description)") }
    }
    switch format {
    case .json: print(try JSONOutput.encode(AnalyzeOutput(formula: formula, analysis: analysis)))
    case .text: print(AnalyzeReport(formula: formula, analysis: analysis, step: step).text)
    }
  }

  /// A point where the formula or its derivatives are not finite is bad input: say which
  /// part of the formula fails, where, and why.
  private func requireFinite(
    _ formula: Formula, point: [Double], value: Double, gradient: [Double], hessian: Tensor
  ) throws {
    let at = zip(formula.variables, point).map { "\($0) = \(NumberFormat.short($1))" }.joined(
      separator: ", ")
    let what: String
    if !value.isFinite {
      what = "value"
    } else if !gradient.allSatisfy(\.isFinite) {
      what = "gradient"
    } else if !hessian.isFinite {
      what = "Hessian"
    } else {
      return
    }
    if let diagnosis = formula.diagnoseNonFinite(at: point) {
      throw CommandFailure.badInput(
        "\(diagnosis.description) at \(at); the \(what) is not finite there",
        detail: diagnosis.annotated)
    }
    throw CommandFailure.badInput(
      "formula \"\(formula.source)\": the \(what) is not finite at \(at); choose another point")
  }
}

/// The JSON of `analyze` (CLI.md): exactly these keys, sorted.
struct AnalyzeOutput: Encodable {
  var variables: [String]
  var point: [Double]
  var value: Double
  var gradient: [Double]
  var gradNorm: Double
  var hessian: [[Double]]
  var eigenvalues: [Double]
  var eigenvectors: [[Double]]
  var kind: String
  var escapeDirection: [Double]?
  var escapeCurvature: Double?

  init(formula: Formula, analysis a: CriticalPointAnalysis) {
    variables = formula.variables
    point = a.point
    value = a.value
    gradient = a.gradient
    gradNorm = a.gradNorm
    hessian = a.hessian
    eigenvalues = a.eigenvalues
    eigenvectors = a.eigenvectors
    kind = a.kind.rawValue
    escapeDirection = a.escapeDirection
    escapeCurvature = a.escapeCurvature
  }

  enum CodingKeys: String, CodingKey {
    case variables, point, value, gradient, gradNorm, hessian, eigenvalues, eigenvectors, kind
    case escapeDirection, escapeCurvature
  }

  func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(variables, forKey: .variables)
    try c.encode(point, forKey: .point)
    try c.encode(value, forKey: .value)
    try c.encode(gradient, forKey: .gradient)
    try c.encode(gradNorm, forKey: .gradNorm)
    try c.encode(hessian, forKey: .hessian)
    try c.encode(eigenvalues, forKey: .eigenvalues)
    try c.encode(eigenvectors, forKey: .eigenvectors)
    try c.encode(kind, forKey: .kind)
    try c.encode(escapeDirection, forKey: .escapeDirection)  // null unless a saddle point
    try c.encode(escapeCurvature, forKey: .escapeCurvature)
  }
}
