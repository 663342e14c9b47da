import Foundation

/// Seeded synthetic datasets for trying out networks and optimizers.
///
/// Every generator takes a ``SeededGenerator``: the same seed gives the same rows.
public enum SyntheticData {
  /// Regression on a random "teacher" network: inputs x ~ N(0, I), targets the teacher's
  /// output plus noise,
  ///
  /// ```
  /// y = MLP_θ*(x) + noise·ε,   θ* ~ PyTorch's default Linear initialisation, ε ~ N(0, I)
  /// ```
  ///
  /// A student of the same widths can reach loss noise² (zero without noise).
  public static func teacher(
    widths: [Int], activation: Activation, samples: Int, noise: Double = 0,
    using generator: inout SeededGenerator
  ) throws -> Dataset {
    let teacher = try MLP(widths: widths, activation: activation, loss: .mse)
    let theta = teacher.initialParameters(using: &generator)
    let x = Tensor.randomNormal([samples, teacher.inputWidth], using: &generator)
    let clean = try teacher.output(parameters: Variable(Tensor(theta)), inputs: Variable(x)).value
    let y = try Tensor(
      shape: clean.shape, scalars: clean.scalars.map { $0 + noise * generator.nextNormal() })
    return Dataset(name: "teacher", inputs: x, targets: .values(y))
  }

  /// Gaussian blobs: `classes` centres drawn from N(0, 4·I) in `dimension` dimensions, and
  /// row i of class i mod classes at its centre plus N(0, spread²·I).
  public static func blobs(
    classes: Int, dimension: Int, samples: Int, spread: Double = 1,
    using generator: inout SeededGenerator
  ) -> Dataset {
    precondition(classes >= 1 && dimension >= 1 && samples >= 0, "blobs of \(classes) classes")
    let centres = Tensor.randomNormal(
      [classes, dimension], standardDeviation: 2, using: &generator)
    var x: [Double] = []
    var labels: [Int] = []
    for i in 0..<samples {
      let c = i % classes
      labels.append(c)
      for j in 0..<dimension { x.append(centres[c, j] + spread * generator.nextNormal()) }
    }
    return Dataset(
      name: "blobs", inputs: matrix(samples, dimension, x),
      targets: .labels(labels, classes: classes))
  }

  /// XOR: points uniform in [−1, 1]², label 1 when the coordinates have opposite signs
  /// (x₁·x₂ < 0), 0 otherwise — not linearly separable.
  public static func xor(samples: Int, using generator: inout SeededGenerator) -> Dataset {
    var x: [Double] = []
    var labels: [Int] = []
    for _ in 0..<samples {
      let a = 2 * generator.nextUniform() - 1
      let b = 2 * generator.nextUniform() - 1
      x += [a, b]
      labels.append(a * b < 0 ? 1 : 0)
    }
    return Dataset(
      name: "xor", inputs: matrix(samples, 2, x),
      targets: .labels(labels, classes: 2))
  }

  /// Two interleaved spirals (Lang & Witbrock 1988): row i has class c = i mod 2 and
  ///
  /// ```
  /// t = 0.5 + 3π·u,  u ~ U(0, 1)
  /// x = (t·cos(t + cπ), t·sin(t + cπ)) / (0.5 + 3π) + noise·N(0, I)
  /// ```
  ///
  /// so both arms wind one and a half turns inside the unit disc.
  ///
  /// ## References
  ///
  /// Lang & Witbrock, *Learning to tell two spirals apart*, Proceedings of the 1988
  /// Connectionist Models Summer School.
  public static func spirals(
    samples: Int, noise: Double = 0.02, using generator: inout SeededGenerator
  ) -> Dataset {
    var x: [Double] = []
    var labels: [Int] = []
    let scale = 0.5 + 3 * Double.pi
    for i in 0..<samples {
      let c = i % 2
      let t = 0.5 + 3 * Double.pi * generator.nextUniform()
      let angle = t + Double(c) * Double.pi
      x.append(t * Foundation.cos(angle) / scale + noise * generator.nextNormal())
      x.append(t * Foundation.sin(angle) / scale + noise * generator.nextNormal())
      labels.append(c)
    }
    return Dataset(
      name: "spirals", inputs: matrix(samples, 2, x),
      targets: .labels(labels, classes: 2))
  }

  /// A rows × columns tensor of `scalars` (row-major), whose count the caller guarantees.
  private static func matrix(_ rows: Int, _ columns: Int, _ scalars: [Double]) -> Tensor {
    precondition(scalars.count == rows * columns, "\(scalars.count) scalars for \(rows)×\(columns)")
    return Tensor(shape: [rows, columns]) { buffer in
      for i in scalars.indices { buffer[i] = scalars[i] }
    }
  }
}
