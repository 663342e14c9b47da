import Foundation
import Testing

@testable import Descent

/// Problems with known spectra for the spectral tools' tests (this file holds no tests; its
/// name follows the suite's file pattern).
enum SpectralTestProblems {
  /// (B + Bᵀ)/2 with B standard normal, seeded.
  static func randomSymmetric(_ n: Int, seed: UInt64) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    let b = Tensor.randomNormal([n, n], using: &generator).scalars
    var a = [Double](repeating: 0, count: n * n)
    for i in 0..<n { for j in 0..<n { a[i * n + j] = 0.5 * (b[i * n + j] + b[j * n + i]) } }
    return try! Tensor(shape: [n, n], scalars: a)
  }

  /// Q·diag(λ)·Qᵀ with Q the (orthogonal) eigenvectors of a seeded random symmetric matrix.
  static func withSpectrum(_ eigenvalues: [Double], seed: UInt64) -> Tensor {
    let n = eigenvalues.count
    let q = try! SymmetricEigendecomposition(randomSymmetric(n, seed: seed)).eigenvectors
    var a = [Double](repeating: 0, count: n * n)
    for k in 0..<n {
      for i in 0..<n {
        let scaled = eigenvalues[k] * q[k][i]
        for j in 0..<n { a[i * n + j] += scaled * q[k][j] }
      }
    }
    return try! Tensor(shape: [n, n], scalars: a)
  }

  /// v ↦ A·v.
  static func product(_ a: Tensor) -> HessianVectorProduct {
    { v in try Tensor.matmul(a, Tensor(v)).scalars }
  }

  /// A dense layer's parameter layout inside the flat vector of ``tanhNetwork``.
  struct NetworkLayout {
    let inputs: Int
    let hidden: Int
    let outputs: Int
    var firstWeights: Range<Int> { 0..<(hidden * inputs) }
    var firstBiases: Range<Int> { firstWeights.upperBound..<(firstWeights.upperBound + hidden) }
    var secondWeights: Range<Int> {
      firstBiases.upperBound..<(firstBiases.upperBound + outputs * hidden)
    }
    var secondBiases: Range<Int> {
      secondWeights.upperBound..<(secondWeights.upperBound + outputs)
    }
    var parameterCount: Int { secondBiases.upperBound }
  }

  /// ½·mean over samples of ‖W₂·tanh(W₁·x + b₁) + b₂ − y‖², written directly with `Variable`
  /// ops on one flat vector [W₁ (hidden×inputs), b₁, W₂ (outputs×hidden), b₂]; the data are
  /// seeded normal inputs and targets y = Foundation.sin(x₁ + … ) per output, a smooth target.
  static func tanhNetwork(
    inputs: Int, hidden: Int, outputs: Int, samples: Int, seed: UInt64
  ) -> (objective: AutodiffObjective, layout: NetworkLayout) {
    let layout = NetworkLayout(inputs: inputs, hidden: hidden, outputs: outputs)
    var generator = SeededGenerator(seed: seed)
    let x = Tensor.randomNormal([inputs, samples], using: &generator)
    var targets = [Double](repeating: 0, count: outputs * samples)
    let xs = x.scalars
    for o in 0..<outputs {
      for s in 0..<samples {
        var sum = 0.0
        for i in 0..<inputs { sum += xs[i * samples + s] * Double((i + o) % 3 - 1) }
        targets[o * samples + s] = Foundation.sin(sum)
      }
    }
    let y = try! Tensor(shape: [outputs, samples], scalars: targets)
    let scale = 0.5 / Double(samples)
    let objective = AutodiffObjective(dimension: layout.parameterCount) { p in
      let w1 = try p.slice(layout.firstWeights).reshaped([hidden, inputs])
      let b1 = try p.slice(layout.firstBiases).reshaped([hidden, 1])
      let w2 = try p.slice(layout.secondWeights).reshaped([outputs, hidden])
      let b2 = try p.slice(layout.secondBiases).reshaped([outputs, 1])
      let h = tanh(try matmul(w1, Variable(x)) + b1)
      let residual = try matmul(w2, h) + b2 - Variable(y)
      return sumOfSquares(residual) * scale
    }
    return (objective, layout)
  }

  /// A seeded normal point with standard deviation `scale`.
  static func randomPoint(_ n: Int, scale: Double, seed: UInt64) -> [Double] {
    var generator = SeededGenerator(seed: seed)
    return (0..<n).map { _ in scale * generator.nextNormal() }
  }

  /// ‖a − b‖₂.
  static func distance(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
  }
}
