import ArgumentParser
import Descent
import Foundation

/// `descent hessian`: the full Hessian of a small network's loss at given parameters, its
/// eigenvalues, the minimum ratio and the kind of point.
struct HessianCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hessian",
    abstract: "Hessian spectrum of a small network's loss at given parameters (full batch).",
    discussion: """
      Prints value, gradient, gradNorm, eigenvalues (ascending), minimumRatio (the fraction \
      of eigenvalues above eigenvalueTolerance), eigenvalueTolerance and kind. The full \
      Hessian has n² entries for n parameters: fine up to a few thousand.
      """
  )

  @OptionGroup var network: TrainNetworkOptions

  @Option(
    help: ArgumentHelp(
      "The flat parameter vector: a JSON array, or an .npy array (PyTorch's parameters() order).",
      valueName: "file"))
  var params: String

  @Option(help: "Only the k largest and k smallest eigenvalues, by Lanczos.") var lanczos: Int?

  @Option(
    name: .customLong("eigenvalue-tolerance"), parsing: .unconditional,
    help: "Eigenvalues above this count as positive (fixed before the run).")
  var eigenvalueTolerance = 1e-6

  @Option(parsing: .unconditional, help: "‖∇f‖∞ at or below this counts as critical.")
  var gtol = 1e-6

  @Option(help: "Seed for synthetic data.") var seed: UInt64 = 0
  @Option(help: "Threads for BLAS and parallel loops (default: all cores).") var threads: Int?
  @Option(help: "Output: text or json.") var format: OutputFormat = .text

  func validate() throws {
    guard eigenvalueTolerance >= 0 && eigenvalueTolerance.isFinite else {
      throw ValidationError(
        "--eigenvalue-tolerance must be a finite number ≥ 0, got \(eigenvalueTolerance)")
    }
    guard gtol >= 0 && gtol.isFinite else {
      throw ValidationError("--gtol must be a finite number ≥ 0, got \(gtol)")
    }
    if let threads, threads < 1 {
      throw ValidationError("--threads must be at least 1, got \(threads)")
    }
  }

  func run() throws {
    if let threads { Parallelism.threads = threads }
    let (model, data) = try network.load(seed: seed)
    let theta = try ParameterFile.read(params, flag: "--params", count: model.parameterCount)
    let objective = try MLPObjective(model: model, data: data)
    if let lanczos {
      return try LanczosHessian.run(
        objective, at: theta, extremes: lanczos, eigenvalueTolerance: eigenvalueTolerance,
        gtol: gtol, json: format == .json)
    }
    let analysis = try NetworkHessian(
      of: objective, at: theta, eigenvalueTolerance: eigenvalueTolerance, gradientTolerance: gtol)
    let output = HessianOutput(analysis)
    switch format {
    case .json: print(try JSONOutput.encode(output))
    case .text:
      var lines = LabeledLines()
      lines.add(
        "network",
        "\(model.widths.map(String.init).joined(separator: "-")) \(model.activation.rawValue), "
          + "\(model.loss.rawValue), \(model.parameterCount) parameters, \(data.count) rows")
      lines.add("value", NumberFormat.short(analysis.value, digits: 10))
      lines.add("‖∇f‖₂", NumberFormat.short(analysis.gradNorm))
      lines.add("kind", analysis.kind.rawValue)
      lines.add(
        "minimumRatio",
        NumberFormat.short(analysis.minimumRatio, digits: 6)
          + " (eigenvalues > \(NumberFormat.short(eigenvalueTolerance)))")
      let e = analysis.eigenvalues
      lines.add(
        "eigenvalues",
        e.count <= 12
          ? e.map { NumberFormat.short($0) }.joined(separator: ", ")
          : (e.prefix(5).map { NumberFormat.short($0) } + ["…"]
            + e.suffix(5).map { NumberFormat.short($0) }).joined(separator: ", ")
            + " (\(e.count) in all; --format json lists every one)")
      print(lines.render(indent: ""))
    }
  }
}

/// The `hessian` object of CLI.md.
struct HessianOutput: Encodable {
  var value: Double
  var gradient: [Double]
  var gradNorm: Double
  var eigenvalues: [Double]
  var minimumRatio: Double?
  var eigenvalueTolerance: Double
  var kind: String

  init(_ h: NetworkHessian) {
    value = h.value
    gradient = h.gradient
    gradNorm = h.gradNorm
    eigenvalues = h.eigenvalues
    minimumRatio = h.minimumRatio
    eigenvalueTolerance = h.eigenvalueTolerance
    kind = h.kind.rawValue
  }

  enum CodingKeys: String, CodingKey {
    case value, gradient, gradNorm, eigenvalues, minimumRatio, eigenvalueTolerance, kind
  }

  func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(value, forKey: .value)
    try c.encode(gradient, forKey: .gradient)
    try c.encode(gradNorm, forKey: .gradNorm)
    try c.encode(eigenvalues, forKey: .eigenvalues)
    try c.encode(minimumRatio, forKey: .minimumRatio)
    try c.encode(eigenvalueTolerance, forKey: .eigenvalueTolerance)
    try c.encode(kind, forKey: .kind)
  }
}
