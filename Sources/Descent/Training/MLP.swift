import Foundation

/// A multilayer perceptron whose parameters are one flat vector laid out exactly as
/// PyTorch's `nn.Sequential(nn.Linear, act, nn.Linear, …).parameters()`.
///
/// For widths n₀, n₁, …, n_L the network computes, with σ the ``Activation``:
///
/// ```
/// h₀ = x                                  x: [B, n₀]
/// hₖ = σ(hₖ₋₁·Wₖᵀ + bₖ)   k = 1 … L−1     Wₖ: nₖ × nₖ₋₁, bₖ: nₖ
/// ŷ  = h_{L−1}·W_Lᵀ + b_L                  no activation after the last layer
/// ```
///
/// and the flat vector θ is W₁ (row-major), b₁, W₂, b₂, … (``parameterCount`` entries):
/// `torch.nn.utils.parameters_to_vector(model.parameters())` gives the same array, and
/// `vector_to_parameters` loads one of ours into PyTorch. Each Wₖ reaches BLAS as a window
/// of θ, not a copy.
///
/// ```swift
/// let model = try MLP(widths: [64, 32, 10], activation: .relu, loss: .crossEntropy)
/// var generator = SeededGenerator(seed: 0)
/// let theta = model.initialParameters(using: &generator)
/// let objective = try MLPObjective(model: model, data: digits)
/// ```
///
/// ## References
///
/// PyTorch documentation, `torch.nn.Linear` (y = xAᵀ + b; default initialisation) and
/// `torch.nn.utils.parameters_to_vector`.
public struct MLP: Codable, Equatable, Sendable {
  /// Where one layer's weight and bias sit in the flat vector.
  public struct Layer: Codable, Equatable, Sendable {
    /// nₖ₋₁, the layer's inputs (fan-in).
    public var inputs: Int
    /// nₖ, the layer's outputs.
    public var outputs: Int
    /// Offset of Wₖ (outputs × inputs, row-major).
    public var weightOffset: Int
    /// Offset of bₖ (outputs).
    public var biasOffset: Int
    /// The range of Wₖ in the flat vector.
    public var weightRange: Range<Int> { weightOffset..<(weightOffset + inputs * outputs) }
    /// The range of bₖ in the flat vector.
    public var biasRange: Range<Int> { biasOffset..<(biasOffset + outputs) }
  }

  /// n₀, n₁, …, n_L: inputs, hidden widths, outputs.
  public let widths: [Int]
  /// σ, between layers.
  public let activation: Activation
  /// The loss the network is trained on.
  public let loss: TrainingLoss
  /// The layers in order, with their offsets.
  public let layers: [Layer]
  /// The length of the flat vector: ∑ₖ nₖ·nₖ₋₁ + nₖ.
  public let parameterCount: Int

  /// A network of the given widths (at least an input and an output width, all ≥ 1).
  /// - Throws: ``TrainingInputError`` (source `layers`) for fewer than two widths, a width
  ///   below 1, or cross-entropy with fewer than two outputs.
  public init(widths: [Int], activation: Activation, loss: TrainingLoss) throws {
    guard widths.count >= 2 else {
      throw TrainingInputError(
        source: "layers",
        reason: "need at least an input and an output width (e.g. 3,5,2), got \(widths)")
    }
    if let bad = widths.first(where: { $0 < 1 }) {
      throw TrainingInputError(source: "layers", reason: "widths must be ≥ 1, got \(bad)")
    }
    if loss == .crossEntropy && widths.last! < 2 {
      throw TrainingInputError(
        source: "layers",
        reason: "cross-entropy needs at least 2 outputs (one per class), got \(widths.last!)")
    }
    self.widths = widths
    self.activation = activation
    self.loss = loss
    var offset = 0
    var layers: [Layer] = []
    for k in 1..<widths.count {
      let (i, o) = (widths[k - 1], widths[k])
      layers.append(Layer(inputs: i, outputs: o, weightOffset: offset, biasOffset: offset + i * o))
      offset += i * o + o
    }
    self.layers = layers
    self.parameterCount = offset
  }

  /// n₀.
  public var inputWidth: Int { widths.first! }
  /// n_L.
  public var outputWidth: Int { widths.last! }

  /// PyTorch's name for each entry of the flat vector: `0.weight[1,2]`, `0.bias[1]`,
  /// `2.weight[0,0]`, … (the `nn.Sequential` index of the `Linear` module counts the
  /// activations in between, as `model.named_parameters()` does).
  public var parameterNames: [String] {
    var names: [String] = []
    names.reserveCapacity(parameterCount)
    for (k, layer) in layers.enumerated() {
      let module = 2 * k
      for r in 0..<layer.outputs {
        for c in 0..<layer.inputs { names.append("\(module).weight[\(r),\(c)]") }
      }
      for r in 0..<layer.outputs { names.append("\(module).bias[\(r)]") }
    }
    return names
  }

  /// Parameters drawn as `nn.Linear`'s default initialisation: every weight and bias of a
  /// layer with fan-in m uniform in [−1/√m, 1/√m], layer by layer, weight before bias.
  ///
  /// The distribution is PyTorch's (`kaiming_uniform_(a=√5)` reduces to this bound); the
  /// bits are this generator's, not `torch.manual_seed`'s.
  public func initialParameters(using generator: inout SeededGenerator) -> [Double] {
    var theta: [Double] = []
    theta.reserveCapacity(parameterCount)
    for layer in layers {
      let bound = 1 / Double(layer.inputs).squareRoot()
      for _ in 0..<(layer.inputs * layer.outputs + layer.outputs) {
        theta.append(-bound + 2 * bound * generator.nextUniform())
      }
    }
    return theta
  }

  /// The network's output ŷ (or the logits) for `inputs` (`[B, n₀]`) with parameters `theta`
  /// (`[parameterCount]`), on the tape.
  public func output(parameters theta: Variable, inputs: Variable) throws -> Variable {
    precondition(
      theta.value.count == parameterCount,
      "MLP \(widths): \(theta.value.count) parameters given, \(parameterCount) needed")
    var h = inputs
    for (k, layer) in layers.enumerated() {
      let w = try theta.slice(axis: 0, layer.weightRange).reshaped([layer.outputs, layer.inputs])
      let b = try theta.slice(axis: 0, layer.biasRange)
      h = try matmul(h, w, transposeB: true) + b
      if k < layers.count - 1 { h = activation(h) }
    }
    return h
  }

  /// The loss of the network with parameters `theta` on `data`, on the tape.
  /// - Throws: ``TrainingInputError`` when `data` does not fit the network (see
  ///   ``check(_:)``).
  public func loss(parameters theta: Variable, on data: Dataset) throws -> Variable {
    try check(data)
    let prediction = try output(parameters: theta, inputs: Variable(data.inputs))
    switch data.targets {
    case .values(let y): return try meanSquaredError(prediction, Variable(y))
    case .labels(let labels, _): return try softmaxCrossEntropy(logits: prediction, labels: labels)
    }
  }

  /// Throws unless `data` has n₀ input columns and targets of the network's kind and width:
  /// n_L target columns for MSE, class labels in 0..<n_L for cross-entropy.
  public func check(_ data: Dataset) throws {
    guard data.inputWidth == inputWidth else {
      throw TrainingInputError(
        source: data.name,
        reason:
          "\(data.inputWidth) input columns, but the network's first width is \(inputWidth) "
          + "(layers \(widths.map(String.init).joined(separator: ",")))")
    }
    switch (loss, data.targets) {
    case (.mse, .values(let y)):
      guard y.shape[1] == outputWidth else {
        throw TrainingInputError(
          source: data.name,
          reason: "\(y.shape[1]) target columns, but the network's last width is \(outputWidth)")
      }
    case (.crossEntropy, .labels(_, let classes)):
      guard classes <= outputWidth else {
        throw TrainingInputError(
          source: data.name,
          reason: "labels go up to \(classes - 1), but the network has \(outputWidth) outputs")
      }
    case (.mse, .labels):
      throw TrainingInputError(
        source: data.name,
        reason: "MSE needs target columns (y or y1, y2, …), the data has class labels")
    case (.crossEntropy, .values):
      throw TrainingInputError(
        source: data.name,
        reason: "cross-entropy needs a label column of class indices, the data has targets y")
    }
  }

  /// The fraction of rows whose largest logit is at the label (ties: the first); `nil` for
  /// data without labels.
  public func accuracy(parameters theta: [Double], on data: Dataset) throws -> Double? {
    guard case .labels(let labels, _) = data.targets, !labels.isEmpty else { return nil }
    try check(data)
    let logits = try output(parameters: Variable(Tensor(theta)), inputs: Variable(data.inputs))
      .value
    let classes = outputWidth
    var correct = 0
    logits.withUnsafeBufferPointer { z in
      for (row, label) in labels.enumerated() {
        var best = 0
        for c in 1..<classes where z[row * classes + c] > z[row * classes + best] { best = c }
        if best == label { correct += 1 }
      }
    }
    return Double(correct) / Double(labels.count)
  }
}
