/// The loss of an ``MLP`` over a fixed dataset (the full batch, or one minibatch) as a
/// function of the flat parameter vector: every tier — value, gradient, Hessian-vector
/// product, full Hessian — from the one tape.
///
/// ```
/// f(θ) = loss(MLP_θ(X), Y)      X, Y: the rows of `data`
/// ```
///
/// Use it with `minimize` for full-batch training (L-BFGS on a small network), or with
/// ``SymmetricEigendecomposition`` for the Hessian spectrum: the full Hessian costs one
/// recorded gradient plus n backward passes, fine up to a few thousand parameters.
public struct MLPObjective: TwiceDifferentiableObjective {
  /// The network.
  public let model: MLP
  /// The rows the loss is taken over.
  public let data: Dataset
  private let objective: AutodiffObjective

  /// The loss of `model` on `data`.
  /// - Throws: ``TrainingInputError`` when the data does not fit the network.
  public init(model: MLP, data: Dataset) throws {
    try model.check(data)
    self.model = model
    self.data = data
    let inputs = Variable(data.inputs)
    let targets = data.targets
    let targetVariable: Variable? =
      if case .values(let y) = targets { Variable(y) } else { nil }
    self.objective = AutodiffObjective(dimension: model.parameterCount) { theta in
      let prediction = try model.output(parameters: theta, inputs: inputs)
      switch targets {
      case .values: return try meanSquaredError(prediction, targetVariable!)
      case .labels(let labels, _):
        return try softmaxCrossEntropy(logits: prediction, labels: labels)
      }
    }
  }

  /// The number of parameters.
  public var dimension: Int { model.parameterCount }

  public func value(at x: [Double]) throws -> Double { try objective.value(at: x) }

  public func valueAndGradient(at x: [Double]) throws -> (value: Double, gradient: [Double]) {
    try objective.valueAndGradient(at: x)
  }

  public func hessianVectorProduct(at x: [Double], along v: [Double]) throws -> [Double] {
    try objective.hessianVectorProduct(at: x, along: v)
  }

  public func valueGradientAndHessian(at x: [Double]) throws -> (
    value: Double, gradient: [Double], hessian: Tensor
  ) {
    try objective.valueGradientAndHessian(at: x)
  }
}
