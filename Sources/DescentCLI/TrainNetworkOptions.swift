import ArgumentParser
import Descent
import Foundation

extension Activation: ExpressibleByArgument {}
extension TrainingLoss: ExpressibleByArgument {}

/// The network and data flags shared by `descent train` and `descent hessian`.
struct TrainNetworkOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Layer widths, inputs first and outputs last: 64,32,10.", valueName: "widths"))
  var layers: String

  @Option(help: "Activation between layers: relu, tanh, sigmoid, linear.")
  var activation: Activation = .relu

  @Option(
    help:
      "Loss: mse or cross-entropy (default: cross-entropy when the data have a label column, mse otherwise)."
  )
  var loss: TrainingLoss?

  @Option(
    help: ArgumentHelp(
      "Data: a CSV file (header; y or y1,y2,… targets, or label; other columns inputs), an .npy of inputs (with --targets), or digits, spirals, xor, blobs, teacher.",
      valueName: "source"))
  var data: String

  @Option(
    help: ArgumentHelp("Targets (.npy) for --data FILE.npy inputs.", valueName: "file.npy"))
  var targets: String?

  @Option(help: "Samples drawn for a synthetic dataset (spirals, xor, blobs, teacher).")
  var samples = 512

  @Option(parsing: .unconditional, help: "Noise of a synthetic dataset (spirals, teacher).")
  var noise: Double?

  static let synthetic = ["digits", "spirals", "xor", "blobs", "teacher"]

  /// The widths typed in --layers.
  func widths() throws -> [Int] {
    let parts = layers.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    let widths = parts.compactMap { Int($0) }
    guard widths.count == parts.count, widths.count >= 2, widths.allSatisfy({ $0 >= 1 }) else {
      throw CommandFailure.badInput(
        "--layers: '\(layers)' is not a list of at least two positive widths, inputs first (e.g. 64,32,10)"
      )
    }
    return widths
  }

  /// The dataset (seeded with `seed` when synthetic) and the network it implies.
  func load(seed: UInt64) throws -> (model: MLP, data: Dataset) {
    let widths = try widths()
    guard samples >= 1 else {
      throw CommandFailure.badInput("--samples must be at least 1, got \(samples)")
    }
    if let noise, !(noise >= 0 && noise.isFinite) {
      throw CommandFailure.badInput("--noise must be a finite number ≥ 0, got \(noise)")
    }
    var generator = SeededGenerator(seed: seed &+ 3)
    let data: Dataset
    do {
      switch self.data {
      case "digits": data = try Dataset.digits()
      case "spirals":
        data = SyntheticData.spirals(samples: samples, noise: noise ?? 0.02, using: &generator)
      case "xor": data = SyntheticData.xor(samples: samples, using: &generator)
      case "blobs":
        data = SyntheticData.blobs(
          classes: widths.last!, dimension: widths[0], samples: samples, using: &generator)
      case "teacher":
        data = try SyntheticData.teacher(
          widths: widths, activation: activation, samples: samples, noise: noise ?? 0.1,
          using: &generator)
      default:
        data = try loadFile(widths: widths)
      }
    } catch let error as TrainingInputError {
      throw CommandFailure.badInput("--data: \(error)")
    }
    let lossKind = loss ?? (data.isClassification ? .crossEntropy : .mse)
    do {
      let model = try MLP(widths: widths, activation: activation, loss: lossKind)
      try model.check(data)
      return (model, data)
    } catch let error as TrainingInputError {
      throw CommandFailure.badInput(
        error.source == "layers" ? "--layers: \(error.reason)" : "--layers/--data: \(error)")
    }
  }

  private func loadFile(widths: [Int]) throws -> Dataset {
    if data.hasSuffix(".npy") {
      guard let targets else {
        throw TrainingInputError(
          source: data, reason: "an .npy of inputs needs --targets FILE.npy (labels or values)")
      }
      let x = try NumPyArray.read(contentsOf: data)
      let y = try NumPyArray.read(contentsOf: targets)
      let isLabels =
        loss == .crossEntropy
        || (loss == nil && y.shape.count == 1 && widths.last! > 1
          && y.scalars.allSatisfy { $0 >= 0 && $0 == $0.rounded() })
      return try Dataset.numpy(
        inputs: x, targets: y, loss: isLabels ? .crossEntropy : .mse, name: data)
    }
    guard data.hasSuffix(".csv") || FileManager.default.fileExists(atPath: data) else {
      throw TrainingInputError(
        source: data,
        reason: "no such file, and not a dataset name (\(Self.synthetic.joined(separator: ", ")))")
    }
    return try Dataset.csv(contentsOf: data)
  }
}

extension Dataset {
  /// True for class labels.
  var isClassification: Bool {
    if case .labels = targets { return true }
    return false
  }
}

/// Reads a flat parameter vector: a JSON array of numbers, or an `.npy` array.
enum ParameterFile {
  static func read(_ path: String, flag: String, count: Int) throws -> [Double] {
    let values: [Double]
    if path.hasSuffix(".npy") {
      do {
        values = try NumPyArray.read(contentsOf: path).scalars
      } catch let error as TrainingInputError {
        throw CommandFailure.badInput("\(flag): \(error)")
      }
    } else {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandFailure.badInput("\(flag): cannot read '\(path)' (no such file?)")
      }
      guard let array = try? JSONDecoder().decode([Double].self, from: data) else {
        throw CommandFailure.badInput(
          "\(flag): '\(path)' is not a JSON array of numbers (the flat parameter vector)")
      }
      values = array
    }
    guard values.count == count else {
      throw CommandFailure.badInput(
        "\(flag): '\(path)' holds \(values.count) numbers, but the network has \(count) parameters"
      )
    }
    guard values.allSatisfy(\.isFinite) else {
      throw CommandFailure.badInput("\(flag): '\(path)' holds a non-finite number")
    }
    return values
  }

  /// Writes `values` as `.npy` (by extension) or a JSON array.
  static func write(_ values: [Double], to path: String, flag: String) throws {
    do {
      if path.hasSuffix(".npy") {
        try NumPyArray(shape: [values.count], scalars: values).write(to: path)
      } else {
        try Data(JSONOutput.line(values).utf8).write(
          to: URL(fileURLWithPath: path), options: .atomic)
      }
    } catch {
      throw CommandFailure.badInput("\(flag): cannot write '\(path)' (\(error))")
    }
  }
}
