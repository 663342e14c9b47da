import Foundation
import Testing

@testable import Descent

/// The bundled digits, synthetic sets, splits and the MLP's layout and initialisation.
@Suite struct DatasetTests {
  /// Figures published with scikit-learn's `load_digits` (class counts in its dataset
  /// description; the first image is the well-known "0" of the user guide).
  @Test func digitsMatchScikitLearn() throws {
    let digits = try Dataset.digits()
    #expect(digits.count == 1797)
    #expect(digits.inputWidth == 64)
    guard case .labels(let labels, let classes) = digits.targets else {
      Issue.record("digits have no labels")
      return
    }
    #expect(classes == 10)
    let counts = (0..<10).map { c in labels.filter { $0 == c }.count }
    #expect(counts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
    #expect(Array(labels.prefix(10)) == Array(0..<10))
    let first: [Double] = [0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0]
    #expect(Array(digits.inputs.scalars.prefix(16)) == first.map { $0 / 16 })
  }

  @Test func splitIsSeededAndDisjoint() throws {
    let data = try Dataset.csv(
      text: "x,y\n" + (0..<10).map { "\($0),\($0 * 2)" }.joined(separator: "\n"), name: "s")
    var g1 = SeededGenerator(seed: 3)
    var g2 = SeededGenerator(seed: 3)
    let (a, b) = data.split(validationFraction: 0.3, using: &g1)
    let (c, _) = data.split(validationFraction: 0.3, using: &g2)
    #expect(a.count == 7 && b.count == 3)
    #expect(a.inputs.scalars == c.inputs.scalars)
    #expect(Set(a.inputs.scalars + b.inputs.scalars) == Set((0..<10).map(Double.init)))
    // Rows stay whole: y = 2x in every row of both parts.
    for part in [a, b] {
      guard case .values(let y) = part.targets else { return }
      #expect(y.scalars == part.inputs.scalars.map { 2 * $0 })
    }
  }

  @Test func syntheticSetsHaveTheirDefiningProperties() throws {
    var g = SeededGenerator(seed: 1)
    let xor = SyntheticData.xor(samples: 200, using: &g)
    guard case .labels(let xorLabels, _) = xor.targets else { return }
    for (i, label) in xorLabels.enumerated() {
      #expect((xor.inputs[i, 0] * xor.inputs[i, 1] < 0) == (label == 1))
    }
    let spirals = SyntheticData.spirals(samples: 100, noise: 0, using: &g)
    // Without noise every point lies inside the unit disc, radius ≥ 0.5/(0.5 + 3π).
    for i in 0..<100 {
      let r =
        (spirals.inputs[i, 0] * spirals.inputs[i, 0] + spirals.inputs[i, 1]
        * spirals.inputs[i, 1]).squareRoot()
      #expect(r <= 1 + 1e-15 && r >= 0.5 / (0.5 + 3 * .pi) - 1e-15)
    }
    // A noiseless teacher is fitted exactly by its own parameters: regenerate them.
    var t1 = SeededGenerator(seed: 5)
    let teacher = try SyntheticData.teacher(
      widths: [3, 4, 2], activation: .tanh, samples: 20, using: &t1)
    var t2 = SeededGenerator(seed: 5)
    let model = try MLP(widths: [3, 4, 2], activation: .tanh, loss: .mse)
    let theta = model.initialParameters(using: &t2)
    #expect(try MLPObjective(model: model, data: teacher).value(at: theta) == 0)
    let blobs = SyntheticData.blobs(classes: 3, dimension: 4, samples: 30, using: &g)
    #expect(blobs.targets == .labels((0..<30).map { $0 % 3 }, classes: 3))
  }

  @Test func layoutIsPyTorchsParametersOrder() throws {
    let model = try MLP(widths: [3, 5, 2], activation: .tanh, loss: .mse)
    #expect(model.parameterCount == 3 * 5 + 5 + 5 * 2 + 2)
    #expect(model.layers[1].weightOffset == 20 && model.layers[1].biasOffset == 30)
    let names = model.parameterNames
    #expect(names.count == 32)
    #expect(names[0] == "0.weight[0,0]" && names[1] == "0.weight[0,1]")
    #expect(names[15] == "0.bias[0]" && names[20] == "2.weight[0,0]" && names[31] == "2.bias[1]")
  }

  /// Every parameter of a layer with fan-in m lies in [−1/√m, 1/√m], and the draws fill
  /// the interval (mean near 0, variance near bound²/3: 4 standard errors).
  @Test func initialisationIsPyTorchsDefaultDistribution() throws {
    let model = try MLP(widths: [100, 400, 10], activation: .relu, loss: .crossEntropy)
    var g = SeededGenerator(seed: 0)
    let theta = model.initialParameters(using: &g)
    for layer in model.layers {
      let bound = 1 / Double(layer.inputs).squareRoot()
      let values = Array(theta[layer.weightRange]) + Array(theta[layer.biasRange])
      #expect(values.allSatisfy { abs($0) <= bound })
      let n = Double(values.count)
      let mean = values.reduce(0, +) / n
      let variance = values.reduce(0) { $0 + $1 * $1 } / n
      let sigma = bound / 3.0.squareRoot()
      #expect(abs(mean) < 4 * sigma / n.squareRoot())
      // Var(U²) = bound⁴·(1/5 − 1/9) = bound⁴·4/45.
      #expect(
        abs(variance - sigma * sigma) < 4 * bound * bound * (4.0 / 45).squareRoot() / n.squareRoot()
      )
    }
  }

  @Test func mismatchedDataIsRefusedWithTheShapes() throws {
    let model = try MLP(widths: [3, 5, 2], activation: .tanh, loss: .mse)
    let data = try Dataset.csv(text: "a,b,y\n1,2,3\n", name: "d.csv")
    let error = try #require(throws: TrainingInputError.self) {
      try MLPObjective(model: model, data: data)
    }
    #expect(
      error.description
        == "d.csv: 2 input columns, but the network's first width is 3 (layers 3,5,2)")
    #expect(throws: TrainingInputError.self) { try MLP(widths: [3], activation: .tanh, loss: .mse) }
  }
}
