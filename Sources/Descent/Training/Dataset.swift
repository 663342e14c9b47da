/// Inputs and targets for training, one row per sample.
///
/// Inputs are a `[count, inputWidth]` tensor. Targets are either real values
/// (`[count, k]`, for MSE) or class indices (for cross-entropy). Datasets come from CSV
/// (``Dataset/csv(contentsOf:)``), NumPy `.npy` arrays (``NumPyArray``), the synthetic
/// generators of ``SyntheticData`` or the bundled ``Dataset/digits()``.
public struct Dataset: Sendable {
  /// What the network is trained to produce.
  public enum Targets: Sendable, Equatable {
    /// Real targets, `[count, k]` (MSE).
    case values(Tensor)
    /// Class indices in `0..<classes` (cross-entropy).
    case labels([Int], classes: Int)

    public static func == (a: Targets, b: Targets) -> Bool {
      switch (a, b) {
      case (.values(let x), .values(let y)): x.shape == y.shape && x.scalars == y.scalars
      case (.labels(let x, let c), .labels(let y, let d)): x == y && c == d
      default: false
      }
    }
  }

  /// Where the data came from (a file path or a dataset name), for messages.
  public var name: String
  /// `[count, inputWidth]`.
  public var inputs: Tensor
  /// One target row or label per input row.
  public var targets: Targets

  /// A dataset of `inputs` (`[count, d]`) and matching targets.
  /// - Precondition: one target row or label per input row; labels within `0..<classes`.
  public init(name: String, inputs: Tensor, targets: Targets) {
    precondition(inputs.rank == 2, "\(name): inputs of shape \(inputs.shape), expected [count, d]")
    switch targets {
    case .values(let y):
      precondition(
        y.rank == 2 && y.shape[0] == inputs.shape[0],
        "\(name): targets of shape \(y.shape) for inputs of shape \(inputs.shape)")
    case .labels(let labels, let classes):
      precondition(
        labels.count == inputs.shape[0] && labels.allSatisfy { $0 >= 0 && $0 < classes },
        "\(name): \(labels.count) labels in 0..<\(classes) for \(inputs.shape[0]) rows")
    }
    self.name = name
    self.inputs = inputs
    self.targets = targets
  }

  /// The number of samples (rows).
  public var count: Int { inputs.shape[0] }
  /// The number of input columns.
  public var inputWidth: Int { inputs.shape[1] }
  /// Target columns (values) or classes (labels).
  public var outputWidth: Int {
    switch targets {
    case .values(let y): y.shape[1]
    case .labels(_, let classes): classes
    }
  }

  /// The rows at `indices`, in that order (copied: a minibatch).
  public func rows(_ indices: some Collection<Int>) -> Dataset {
    let d = inputWidth
    let n = indices.count
    let x = inputs.withUnsafeBufferPointer { source in
      Tensor(shape: [n, d]) { out in
        for (r, i) in indices.enumerated() {
          precondition(i >= 0 && i < count, "\(name): row \(i) outside 0..<\(count)")
          for j in 0..<d { out[r * d + j] = source[i * d + j] }
        }
      }
    }
    switch targets {
    case .values(let y):
      let k = y.shape[1]
      let t = y.withUnsafeBufferPointer { source in
        Tensor(shape: [n, k]) { out in
          for (r, i) in indices.enumerated() {
            for j in 0..<k { out[r * k + j] = source[i * k + j] }
          }
        }
      }
      return Dataset(name: name, inputs: x, targets: .values(t))
    case .labels(let labels, let classes):
      return Dataset(
        name: name, inputs: x, targets: .labels(indices.map { labels[$0] }, classes: classes))
    }
  }

  /// A seeded split into training and validation sets: the rows are shuffled
  /// (Fisher–Yates with `generator`) and the last ⌊count·validationFraction⌋ of them
  /// (rounded down) form the validation set.
  /// - Precondition: `validationFraction` in [0, 1).
  public func split(validationFraction: Double, using generator: inout SeededGenerator) -> (
    training: Dataset, validation: Dataset
  ) {
    precondition(
      validationFraction >= 0 && validationFraction < 1,
      "validation fraction \(validationFraction) outside [0, 1)")
    let order = SeededShuffle.permutation(count, using: &generator)
    let held = Int((Double(count) * validationFraction).rounded(.down))
    return (rows(order[..<(count - held)]), rows(order[(count - held)...]))
  }
}
