import Foundation

extension Dataset {
  /// The 8×8 handwritten digits bundled with Descent: 1,797 images, 64 inputs (pixel counts
  /// 0…16, divided by 16 here so that inputs lie in [0, 1]) and a class label 0…9.
  ///
  /// The same rows, in the same order, as scikit-learn's `load_digits()` (whose `data` is
  /// the unscaled counts). Source and licences: `Resources/LICENSE-digits.md` (UCI,
  /// CC BY 4.0; scikit-learn's copy, BSD-3).
  ///
  /// ## References
  ///
  /// Alpaydin & Kaynak, *Optical Recognition of Handwritten Digits*, UCI Machine Learning
  /// Repository, 1998, https://doi.org/10.24432/C50P49.
  public static func digits() throws -> Dataset {
    guard let url = Bundle.module.url(forResource: "digits", withExtension: "csv") else {
      throw TrainingInputError(source: "digits", reason: "the bundled digits.csv is missing")
    }
    let raw = try csv(contentsOf: url.path)
    let scaled = raw.inputs.scalars.map { $0 / 16 }
    return Dataset(
      name: "digits", inputs: try Tensor(shape: raw.inputs.shape, scalars: scaled),
      targets: raw.targets)
  }
}

extension Dataset {
  /// A dataset from NumPy arrays: `inputs` of shape `[count, d]` (a vector is one column),
  /// and `targets` of shape `[count, k]` or `[count]` — real targets for MSE, class indices
  /// (integers ≥ 0, any numeric type) for cross-entropy.
  /// - Throws: ``TrainingInputError`` naming `name` for a rank above 2, row counts that
  ///   differ, or labels that are not integers ≥ 0.
  public static func numpy(
    inputs: NumPyArray, targets: NumPyArray, loss: TrainingLoss, name: String
  ) throws -> Dataset {
    func matrix(_ a: NumPyArray, _ what: String) throws -> Tensor {
      switch a.shape.count {
      case 1: return try Tensor(shape: [a.shape[0], 1], scalars: a.scalars)
      case 2: return try Tensor(shape: a.shape, scalars: a.scalars)
      default:
        throw TrainingInputError(
          source: name, reason: "\(what) of shape \(a.shape); expected [count, columns] or [count]")
      }
    }
    let x = try matrix(inputs, "inputs")
    let y = try matrix(targets, "targets")
    guard x.shape[0] == y.shape[0] else {
      throw TrainingInputError(
        source: name, reason: "\(x.shape[0]) input rows but \(y.shape[0]) target rows")
    }
    switch loss {
    case .mse:
      return Dataset(name: name, inputs: x, targets: .values(y))
    case .crossEntropy:
      guard y.shape[1] == 1 else {
        throw TrainingInputError(
          source: name, reason: "cross-entropy needs one label per row, targets are \(y.shape)")
      }
      var labels: [Int] = []
      for (row, v) in y.scalars.enumerated() {
        guard v >= 0, v == v.rounded(), v < 1e9 else {
          throw TrainingInputError(
            source: name, line: nil, column: "row \(row)",
            reason: "a class label must be an integer ≥ 0, got \(v)")
        }
        labels.append(Int(v))
      }
      return Dataset(
        name: name, inputs: x, targets: .labels(labels, classes: (labels.max() ?? 0) + 1))
    }
  }
}
