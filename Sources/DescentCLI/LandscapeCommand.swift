import ArgumentParser
import Descent
import Foundation

/// `descent landscape`: the minimum-ratio experiment — many small networks driven to
/// near-critical points, the Hessian spectrum at each, and how many are saddles.
struct LandscapeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "landscape",
    abstract: "Minimum ratio of the Hessian at near-critical points of many small networks.",
    discussion: """
      For each seed (--seed, --seed+1, …): initialise the network, take --descent-steps of \
      full-batch gradient descent, then minimise ½‖∇L‖² with L-BFGS (which converges to \
      saddles as well as minima), polish with Newton steps on ∇L = 0 (pseudo-inverse of the \
      Hessian), and compute the full Hessian spectrum. minimumRatio = \
      (eigenvalues > --eigenvalue-tolerance) / (all eigenvalues). Networks whose final \
      ‖∇L‖₂ exceeds --gradient-threshold are excluded, counted and reported with the reason. \
      Both thresholds are fixed before the run and printed. The data are drawn once (seed 0) \
      and shared by every network.
      """
  )

  @Option(help: ArgumentHelp("Layer widths, inputs first: 2,4,1.", valueName: "widths"))
  var layers: String
  @Option(help: "How many networks (seeds).") var networks = 50
  @Option(help: "Activation between layers: relu, tanh, sigmoid, linear.")
  var activation: Activation = .tanh
  @Option(
    help: ArgumentHelp(
      "Data: teacher, xor, spirals, blobs, digits, or a CSV / .npy file (as descent train).",
      valueName: "source"))
  var data = "teacher"
  @Option(help: "Samples drawn for a synthetic dataset.") var samples = 64
  @Option(parsing: .unconditional, help: "Noise of a synthetic dataset (teacher: 0.1).")
  var noise: Double?
  @Option(
    name: .customLong("gradient-threshold"), parsing: .unconditional,
    help: "‖∇L‖₂ at or below this counts as near-critical (fixed before the run).")
  var gradientThreshold = 1e-6
  @Option(
    name: .customLong("eigenvalue-tolerance"), parsing: .unconditional,
    help: "Eigenvalues above this count as positive (fixed before the run).")
  var eigenvalueTolerance = 1e-6
  @Option(name: .customLong("descent-steps"), help: "Gradient-descent steps before refining.")
  var descentSteps = 300
  @Option(
    name: .customLong("learning-rate"), parsing: .unconditional,
    help: "Learning rate of those steps.")
  var learningRate = 0.05
  @Option(name: .customLong("refine-iterations"), help: "L-BFGS iterations on ½‖∇L‖², at most.")
  var refineIterations = 1000
  @Option(
    name: .customLong("newton-steps"),
    help: "Newton steps on ∇L = 0 (pseudo-inverse of the Hessian) after L-BFGS, at most.")
  var newtonSteps = 30
  @Option(help: "Seed of the first network.") var seed: UInt64 = 0
  @Option(help: "Threads for BLAS and parallel loops (default: all cores).") var threads: Int?
  @Option(help: "Output: text, json or csv.") var format: LandscapeFormat = .text
  @Flag(help: "No progress on stderr.") var quiet = false

  func validate() throws {
    guard networks >= 1 else {
      throw ValidationError("--networks must be at least 1, got \(networks)")
    }
    for (flag, value) in [
      ("--gradient-threshold", gradientThreshold), ("--eigenvalue-tolerance", eigenvalueTolerance),
      ("--learning-rate", learningRate),
    ] where !(value >= 0 && value.isFinite) {
      throw ValidationError("\(flag) must be a finite number ≥ 0, got \(value)")
    }
    guard descentSteps >= 0 else {
      throw ValidationError("--descent-steps must be ≥ 0, got \(descentSteps)")
    }
    guard newtonSteps >= 0 else {
      throw ValidationError("--newton-steps must be ≥ 0, got \(newtonSteps)")
    }
    guard refineIterations >= 0 else {
      throw ValidationError("--refine-iterations must be ≥ 0, got \(refineIterations)")
    }
    if let threads, threads < 1 {
      throw ValidationError("--threads must be at least 1, got \(threads)")
    }
  }

  func run() throws {
    if let threads { Parallelism.threads = threads }
    var arguments = [
      "--layers", layers, "--activation", activation.rawValue, "--data", data, "--samples",
      String(samples),
    ]
    if let noise { arguments += ["--noise", String(noise)] }
    let options: TrainNetworkOptions
    do {
      options = try TrainNetworkOptions.parse(arguments)
    } catch {
      throw CommandFailure.badInput(TrainNetworkOptions.message(for: error))
    }
    let (model, dataset) = try options.load(seed: 0)
    let experiment = try MinimumRatioExperiment(
      model: model, data: dataset, networks: networks, firstSeed: seed,
      gradientThreshold: gradientThreshold, eigenvalueTolerance: eigenvalueTolerance,
      descentSteps: descentSteps, learningRate: learningRate,
      refinementIterations: refineIterations, newtonIterations: newtonSteps)
    let progress = !quiet && isatty(STDERR_FILENO) != 0
    var done = 0
    let started = Date()
    let report = try experiment.run { network in
      done += 1
      guard progress else { return }
      let line =
        "\r\u{1B}[Knetwork \(done)/\(networks) (seed \(network.seed)): "
        + (network.included
          ? "ratio \(NumberFormat.short(network.minimumRatio ?? .nan))" : "excluded")
      FileHandle.standardError.write(Data(line.utf8))
    }
    if progress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    let seconds = Date().timeIntervalSince(started)
    switch format {
    case .json: print(try JSONOutput.encode(LandscapeOutput(report)))
    case .csv: print(LandscapeText.csv(report), terminator: "")
    case .text:
      print(
        LandscapeText.render(
          report, model: model, rows: dataset.count, data: dataset.name, seconds: seconds))
    }
  }
}

/// Output formats of `descent landscape`.
enum LandscapeFormat: String, CaseIterable, ExpressibleByArgument {
  case text
  case json
  case csv
}
