import Foundation

@testable import Descent

/// The reference figures of `Scripts/references/mlp_torch.py`, committed as
/// `Fixtures/mlp_torch.json`: PyTorch float64 loss, gradient, Hessian and its eigenvalues
/// of small `nn.Sequential` networks at fixed flat parameter vectors.
enum MLPFixtures {
  struct Case: Decodable, Sendable, CustomStringConvertible {
    var name: String
    var widths: [Int]
    var activation: String
    var loss: String
    var parameters: [Double]
    /// Row-major `[samples, widths[0]]`.
    var inputs: [Double]
    /// Row-major `[samples, widths.last]` (MSE), or nil.
    var targets: [Double]?
    /// Class indices (cross-entropy), or nil.
    var labels: [Int]?
    var value: Double
    /// The loss PyTorch computes after `vector_to_parameters` into a fresh model.
    var reloadedValue: Double
    var gradient: [Double]
    /// Row-major n×n.
    var hessian: [Double]
    /// Ascending.
    var eigenvalues: [Double]
    var description: String { name }

    func model() throws -> MLP {
      try MLP(
        widths: widths, activation: Activation(rawValue: activation)!,
        loss: TrainingLoss(rawValue: loss)!)
    }

    func dataset() throws -> Dataset {
      let samples = inputs.count / widths[0]
      let x = try Tensor(shape: [samples, widths[0]], scalars: inputs)
      if let labels {
        return Dataset(
          name: name, inputs: x, targets: .labels(labels, classes: widths.last!))
      }
      return Dataset(
        name: name, inputs: x,
        targets: .values(try Tensor(shape: [samples, widths.last!], scalars: targets!)))
    }
  }

  /// Descent's seeded initialisation, written by `descent train --epochs 0 --save-params
  /// FILE.npy`, read by `np.load`, loaded into PyTorch: the array NumPy read and the loss
  /// PyTorch computed with it on the first case's data.
  struct DescentExport: Decodable {
    var seed: UInt64
    var dtype: String
    var parameters: [Double]
    var value: Double
  }

  struct Document: Decodable {
    var generator: String
    var cases: [Case]
    var descentExport: DescentExport?
  }

  static let document: Document? = {
    guard
      let url = Bundle.module.url(
        forResource: "mlp_torch", withExtension: "json", subdirectory: "Fixtures"),
      let data = try? Data(contentsOf: url)
    else { return nil }
    return try? JSONDecoder().decode(Document.self, from: data)
  }()

  static var cases: [Case] { document?.cases ?? [] }
}
