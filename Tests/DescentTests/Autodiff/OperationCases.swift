import Testing

@testable import Descent

/// One differentiable operation under test: a function of a flat vector that exercises it,
/// the number of inputs and the interval the random point is drawn from (kept away from
/// kinks and singularities by at least 0.1, far more than the finite-difference step 1e-6).
struct OperationCase: CustomTestStringConvertible, Sendable {
  let name: String
  let inputCount: Int
  let domain: ClosedRange<Double>
  let function: @Sendable (Variable) throws -> Variable

  init(
    _ name: String, inputs: Int, domain: ClosedRange<Double> = -1.5...1.5,
    _ function: @escaping @Sendable (Variable) throws -> Variable
  ) {
    self.name = name
    self.inputCount = inputs
    self.domain = domain
    self.function = function
  }

  var testDescription: String { name }

  /// A seeded random point in the domain; for cases with kinks at 0 the sign is kept and
  /// the magnitude pushed to at least 0.1.
  func point(seed: UInt64) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    return Tensor.randomUniform([inputCount], in: domain, using: &generator)
  }
}

/// Pieces of a 16-element input: a 3×4 matrix, a row [4], a column [3, 1] and more.
private func matrix(_ x: Variable) throws -> Variable { try x[0..<12].reshaped([3, 4]) }
private func row(_ x: Variable) throws -> Variable { try x[12..<16] }
private func column(_ x: Variable) throws -> Variable { try x[12..<15].reshaped([3, 1]) }
private func scalar(_ x: Variable) throws -> Variable { try x.element(15) }

enum OperationCases {
  static let all: [OperationCase] =
    arithmetic + elementary + structural + linearAlgebra + fused + losses

  static let arithmetic: [OperationCase] = [
    OperationCase("add same shape", inputs: 16) { x in try matrix(x) + matrix(x) * matrix(x) },
    OperationCase("add row broadcast", inputs: 16) { x in try (matrix(x) + row(x)) * matrix(x) },
    OperationCase("add column broadcast", inputs: 16) { x in try (matrix(x) + column(x)) * column(x)
    },
    OperationCase("subtract row broadcast", inputs: 16) { x in try (matrix(x) - row(x)) * row(x) },
    OperationCase("subtract scalar broadcast", inputs: 16) { x in
      try (scalar(x) - matrix(x)) * matrix(x)
    },
    OperationCase("multiply column broadcast", inputs: 16) { x in
      try matrix(x) * column(x) * matrix(x)
    },
    OperationCase("divide row broadcast", inputs: 16, domain: 0.5...2) { x in try matrix(x) / row(x)
    },
    OperationCase("divide column broadcast", inputs: 16, domain: 0.5...2) { x in
      try column(x) / matrix(x)
    },
    OperationCase("negate", inputs: 4) { x in try -x * x },
    OperationCase("scalar add, subtract", inputs: 4) { x in
      try (x + 2) * (3 - x) * (x - 1) * (1 + x)
    },
    OperationCase("scalar multiply", inputs: 4) { x in try (x * 2.5) * (0.5 * x) },
    OperationCase("scalar divide", inputs: 4, domain: 0.5...2) { x in try (x / 3) * (2 / x) * x },
    OperationCase("integer power 3", inputs: 4) { x in pow(x, 3) },
    OperationCase("integer power −2", inputs: 4, domain: 0.5...2) { x in pow(-x, -2) },
    OperationCase("real power 1.5", inputs: 4, domain: 0.5...2) { x in pow(x, 1.5) },
    OperationCase("power with variable exponent", inputs: 4, domain: 0.5...2) { x in
      try pow(x[0..<2], x[2..<4])
    },
  ]

  static let elementary: [OperationCase] = [
    OperationCase("exp", inputs: 4) { x in try exp(x) * x },
    OperationCase("log", inputs: 4, domain: 0.2...3) { x in try log(x) * x },
    OperationCase("sqrt", inputs: 4, domain: 0.2...3) { x in try sqrt(x) * x },
    OperationCase("sin", inputs: 4) { x in try sin(x) * x },
    OperationCase("cos", inputs: 4) { x in try cos(x) * x },
    OperationCase("tan", inputs: 4, domain: -1...1) { x in try tan(x) * x },
    OperationCase("tanh", inputs: 4) { x in try tanh(x) * x },
    OperationCase("sigmoid", inputs: 4, domain: -4...4) { x in try sigmoid(x) * x },
    OperationCase("softplus", inputs: 4, domain: -4...4) { x in try softplus(x) * x },
    OperationCase("relu positive side", inputs: 4, domain: 0.1...2) { x in try relu(x) * x },
    OperationCase("relu negative side", inputs: 4, domain: -2...(-0.1)) { x in
      try relu(x) * x + x * x
    },
    OperationCase("abs positive side", inputs: 4, domain: 0.1...2) { x in try abs(x) * x },
    OperationCase("abs negative side", inputs: 4, domain: -2...(-0.1)) { x in try abs(x) * x },
  ]

  static let structural: [OperationCase] = [
    OperationCase("sum all", inputs: 4) { x in try x.sum() * x },
    OperationCase("mean all", inputs: 4) { x in try x.mean() * x },
    OperationCase("sum along axis 0", inputs: 16) { x in try matrix(x).sum(alongAxis: 0) * row(x) },
    OperationCase("sum along axis 1 keeping it", inputs: 16) { x in
      try matrix(x).sum(alongAxis: 1, keepingDimension: true) * matrix(x)
    },
    OperationCase("mean along axis 1", inputs: 16) { x in
      try matrix(x).mean(alongAxis: 1) * column(x).reshaped([3])
    },
    OperationCase("reshape", inputs: 12) { x in
      try x.reshaped([4, 3]) * x.reshaped([4, 3]).sum(alongAxis: 1, keepingDimension: true)
    },
    OperationCase("transpose", inputs: 16) { x in
      try matrix(x).transposed() * row(x).reshaped([4, 1]) * matrix(x).transposed()
    },
    OperationCase("slice axis 0", inputs: 16) { x in try x[3..<9] * x[5..<11] },
    OperationCase("slice axis 1", inputs: 16) { x in
      try matrix(x).slice(axis: 1, 1..<3) * matrix(x).slice(axis: 1, 2..<4)
    },
    OperationCase("element", inputs: 4) { x in try x.element(2) * x },
    OperationCase("concatenate axis 0", inputs: 6) { x in
      try Variable.concatenate([x[0..<2] * x[0..<2], x, x[4..<6]], axis: 0)
        * Variable.concatenate([x, x[1..<5]])
    },
    OperationCase("concatenate axis 1", inputs: 16) { x in
      let m = try matrix(x)
      return try Variable.concatenate([m, column(x) * column(x)], axis: 1)
        * Variable.concatenate([column(x), m], axis: 1)
    },
    OperationCase("logsumexp along axis 1", inputs: 16, domain: -3...3) { x in
      try matrix(x).logSumExp(alongAxis: 1) * column(x).reshaped([3])
    },
    OperationCase("logsumexp along axis 0 keeping it", inputs: 16, domain: -3...3) { x in
      try matrix(x).logSumExp(alongAxis: 0, keepingDimension: true) * matrix(x)
    },
    OperationCase("broadcast and sum to shape", inputs: 4) { x in
      try x.reshaped([1, 4]).broadcast(to: [3, 4]).sum(toShape: [1, 4]) * x.reshaped([1, 4])
    },
  ]

  static let linearAlgebra: [OperationCase] = [
    OperationCase("matmul", inputs: 24) { x in
      try matmul(
        x[0..<12].reshaped([3, 4]), x[12..<24].reshaped([4, 3]) * x[12..<24].reshaped([4, 3]))
    },
    OperationCase("matmul transposing a", inputs: 24) { x in
      try matmul(
        x[0..<12].reshaped([4, 3]), x[12..<24].reshaped([4, 3]) * x[0..<12].reshaped([4, 3]),
        transposeA: true)
    },
    OperationCase("matmul transposing b", inputs: 24) { x in
      try matmul(
        x[0..<12].reshaped([3, 4]) * x[12..<24].reshaped([3, 4]), x[12..<24].reshaped([3, 4]),
        transposeB: true)
    },
    OperationCase("matmul transposing both", inputs: 24) { x in
      try matmul(
        x[0..<12].reshaped([4, 3]), x[12..<24].reshaped([3, 4]) * x[0..<12].reshaped([3, 4]),
        transposeA: true, transposeB: true)
    },
    OperationCase("matrix-vector product", inputs: 16) { x in
      try matmul(matrix(x) * matrix(x), row(x))
    },
  ]

  static let fused: [OperationCase] = [
    OperationCase("square", inputs: 4) { x in try square(x) * x },
    OperationCase("multiply scaled, broadcasting", inputs: 16) { x in
      try multiply(matrix(x), row(x), scaledBy: -2.5) * matrix(x)
    },
    OperationCase("sum of squares", inputs: 6) { x in try sumOfSquares(x) * x },
    OperationCase("Rosenbrock, tensor form", inputs: 6, domain: -2...2) { x in
      try TestFunctions.rosenbrock(x)
    },
  ]

  static let losses: [OperationCase] = [
    OperationCase("softmax cross-entropy", inputs: 12, domain: -3...3) { x in
      try softmaxCrossEntropy(logits: x.reshaped([3, 4]), labels: [2, 0, 3]) * x.sum()
    },
    OperationCase("mean squared error", inputs: 12) { x in
      try meanSquaredError(
        x[0..<6].reshaped([2, 3]) * x[0..<6].reshaped([2, 3]), x[6..<12].reshaped([2, 3]))
    },
  ]
}
