import Benchmark
import Descent

/// One batch through a 784-256-10 ReLU network with softmax cross-entropy, differentiated
/// with respect to all its parameters, as `Scripts/references/bench_torch.py` does with
/// `nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))` and `F.cross_entropy`.
///
/// The parameters are one flat vector in PyTorch's `model.parameters()` order — W1 (256×784,
/// row-major), b1 (256), W2 (10×256), b2 (10): 203,530 in all — and each weight matrix is a
/// zero-copy window of it, so the gradient and the HVP come back as one flat vector too.
struct MultilayerPerceptron {
  /// Layer widths: inputs, hidden units, classes.
  let sizes = (inputs: 784, hidden: 256, classes: 10)
  /// Rows in the batch.
  let batch = 128

  /// The number of parameters, `hidden·inputs + hidden + classes·hidden + classes`.
  var parameterCount: Int {
    sizes.hidden * sizes.inputs + sizes.hidden + sizes.classes * sizes.hidden + sizes.classes
  }

  /// The benchmark name suffix, `/784-256-10x128`.
  var label: String { "/\(sizes.inputs)-\(sizes.hidden)-\(sizes.classes)x\(batch)" }

  /// Parameters drawn as `nn.Linear`'s default initialisation does: each layer's weights and
  /// biases uniform in [−1/√fan_in, 1/√fan_in].
  func initialParameters(using generator: inout SeededGenerator) -> Tensor {
    let layers = [(sizes.inputs, sizes.hidden), (sizes.hidden, sizes.classes)]
    var scalars: [Double] = []
    scalars.reserveCapacity(parameterCount)
    for (fanIn, fanOut) in layers {
      let bound = 1 / Double(fanIn).squareRoot()
      for shape in [[fanOut, fanIn], [fanOut]] {
        scalars += Tensor.randomUniform(shape, in: -bound...bound, using: &generator).scalars
      }
    }
    return Tensor(scalars)
  }

  /// The mean softmax cross-entropy of the network with parameters `p` on `inputs`
  /// (`[batch, inputs]`) against `labels`.
  func loss(_ p: Variable, inputs: Variable, labels: [Int]) throws -> Variable {
    let (i, h, c) = sizes
    var offset = 0
    func take(_ shape: [Int]) throws -> Variable {
      let count = shape.reduce(1, *)
      defer { offset += count }
      return try p.slice(axis: 0, offset..<(offset + count)).reshaped(shape)
    }
    let w1 = try take([h, i])
    let b1 = try take([h])
    let w2 = try take([c, h])
    let b2 = try take([c])
    let hidden = relu(try matmul(inputs, w1, transposeB: true) + b1)
    let logits = try matmul(hidden, w2, transposeB: true) + b2
    return try softmaxCrossEntropy(logits: logits, labels: labels)
  }
}

/// The three MLP cases on one seeded batch (standard normal inputs, uniform labels in 0..<10)
/// along a standard normal direction v.
func registerMLPBenchmarks() {
  let model = MultilayerPerceptron()
  var generator = SeededGenerator(seed: 0)
  let p = model.initialParameters(using: &generator)
  let inputs = Tensor.randomNormal([model.batch, model.sizes.inputs], using: &generator)
  let labels = (0..<model.batch).map { _ in
    Int.random(in: 0..<model.sizes.classes, using: &generator)
  }
  let v = Tensor.randomNormal([model.parameterCount], using: &generator)
  let f: DifferentiableFunction = { p in
    try model.loss(p, inputs: Variable(inputs), labels: labels)
  }

  Benchmark("MLP.value" + model.label) { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try value(of: f, at: p))
    }
  }
  Benchmark("MLP.gradient" + model.label) { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try valueWithGradient(of: f, at: p))
    }
  }
  Benchmark("MLP.hessianVectorProduct" + model.label) { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try hessianVectorProduct(of: f, at: p, along: v))
    }
  }
}
