import Foundation
import Testing

@testable import Descent

/// The minimum-ratio experiment: the ratio of a known spectrum, ½‖∇L‖² and its gradient,
/// the exclusion rule, determinism by seed, and a run of five networks checked against
/// finite differences.
@Suite("Minimum ratio")
struct MinimumRatioTests {
  /// A 2-3-1 tanh network (13 parameters) on 32 rows of a noisy teacher of the same widths.
  static func experiment(
    networks: Int = 5, descentSteps: Int = 300, learningRate: Double = 0.05,
    refinementIterations: Int = 1000, newtonIterations: Int = 30
  ) throws -> MinimumRatioExperiment {
    var generator = SeededGenerator(seed: 11)
    let data = try SyntheticData.teacher(
      widths: [2, 3, 1], activation: .tanh, samples: 32, noise: 0.1, using: &generator)
    let model = try MLP(widths: [2, 3, 1], activation: .tanh, loss: .mse)
    return try MinimumRatioExperiment(
      model: model, data: data, networks: networks, descentSteps: descentSteps,
      learningRate: learningRate, refinementIterations: refinementIterations,
      newtonIterations: newtonIterations)
  }

  @Test("ratio of a known spectrum: count above τ over n, τ itself not positive")
  func knownSpectrum() throws {
    // H = Q·diag(d)·Qᵀ with Q = I − 2vvᵀ/‖v‖² (a Householder reflection: orthogonal in
    // closed form), so the eigenvalues of H are d: 3 of 6 above τ = 1e-6.
    let d = [3.0, 1e-3, -2.0, 0.0, 5e-7, 1e-6]
    let v = [1.0, -2.0, 0.5, 1.5, -1.0, 2.0]
    let vv = v.reduce(0) { $0 + $1 * $1 }
    let n = d.count
    var q = [Double](repeating: 0, count: n * n)
    for i in 0..<n { for j in 0..<n { q[i * n + j] = (i == j ? 1 : 0) - 2 * v[i] * v[j] / vv } }
    var h = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in 0..<n { for k in 0..<n { h[i * n + j] += q[i * n + k] * d[k] * q[j * n + k] } }
    }
    let spectrum = try SymmetricEigendecomposition(
      try Tensor(shape: [n, n], scalars: h), computeEigenvectors: false)
    // dsyevd on an O(1) matrix: backward error ≈ 1e-15·‖H‖; 1e-12 leaves room and keeps
    // 5e-7 and 1e-6 on their sides of τ = 1e-6 only if they are computed to 1e-12 — which
    // the ratio checks below therefore also test.
    expectClose(spectrum.eigenvalues, d.sorted(), atol: 1e-12)
    #expect(MinimumRatio.of(eigenvalues: d, tolerance: 1e-6) == 2.0 / 6.0)
    #expect(MinimumRatio.of(eigenvalues: d, tolerance: 0) == 4.0 / 6.0)
    #expect(MinimumRatio.of(eigenvalues: [1, 2, 3], tolerance: 1e-6) == 1)
    #expect(MinimumRatio.of(eigenvalues: [], tolerance: 1e-6) == 0)
    #expect(
      MinimumRatio.kind(
        gradientNorm: 1e-9, gradientTolerance: 1e-6, eigenvalues: d.sorted(), tolerance: 1e-6)
        == .saddlePoint)
    #expect(
      MinimumRatio.kind(
        gradientNorm: 1e-9, gradientTolerance: 1e-6, eigenvalues: [1e-7, 2], tolerance: 1e-6)
        == .degenerate)
    #expect(
      MinimumRatio.kind(
        gradientNorm: 1e-3, gradientTolerance: 1e-6, eigenvalues: [1, 2], tolerance: 1e-6)
        == .notCritical)
  }

  @Test("∇(½‖∇L‖²) = ∇²L·∇L equals central differences of ½‖∇L‖²")
  func gradientNormObjective() throws {
    let e = try Self.experiment()
    let objective = try MLPObjective(model: e.model, data: e.data)
    var generator = SeededGenerator(seed: 5)
    let theta = e.model.initialParameters(using: &generator)
    let q = GradientNormObjective(objective)
    let (value, gradient) = try q.valueAndGradient(at: theta)
    let g = try objective.valueAndGradient(at: theta).gradient
    #expect(value == 0.5 * g.reduce(0) { $0 + $1 * $1 })
    let h = 1e-5
    var differences: [Double] = []
    for i in theta.indices {
      var plus = theta
      var minus = theta
      plus[i] += h
      minus[i] -= h
      differences.append((try q.value(at: plus) - q.value(at: minus)) / (2 * h))
    }
    // Central differences: truncation h²·|q'''| ≈ 1e-10 plus rounding ε·|q|/h ≈ 1e-11 on
    // O(1) third derivatives; 1e-7 is three orders above both.
    expectClose(gradient, differences, rtol: 1e-7, atol: 1e-7)
  }

  @Test("the Levenberg–Marquardt polish converges to a saddle, not to the nearby minimum")
  func polishFindsSaddle() throws {
    // f = x² − y² + y⁴/4: a saddle at 0 (Hessian diag(2, −2)), minima at (0, ±√2).
    let f = AutodiffObjective(dimension: 2) { v in
      let x = try v.slice(axis: 0, 0..<1)
      let y = try v.slice(axis: 0, 1..<2)
      return try sum(x * x - y * y + 0.25 * pow(y, 4))
    }
    let (point, steps) = try LevenbergMarquardtPolish.polish(
      f, from: [0.1, 0.2], target: 1e-12, iterations: 50)
    // Newton near a non-degenerate saddle converges quadratically: 1e-12 in a few steps.
    expectClose(point, [0, 0], atol: 1e-12)
    #expect(steps >= 1 && steps <= 20)
    let h = try f.valueGradientAndHessian(at: point).hessian
    let spectrum = try SymmetricEigendecomposition(h, computeEigenvectors: false)
    #expect(MinimumRatio.of(eigenvalues: spectrum.eigenvalues, tolerance: 1e-6) == 0.5)
  }

  @Test(
    "exclusion: a gradient above the threshold and a diverged descent are left out, with the reason"
  )
  func exclusion() throws {
    let unrefined = try Self.experiment(
      networks: 2, descentSteps: 0, refinementIterations: 0, newtonIterations: 0)
    let report = try unrefined.run()
    #expect(report.networks.map(\.seed) == [0, 1])
    #expect(report.excluded == 2)
    for n in report.networks {
      // At a random start the gradient is O(0.1): far above 1e-6.
      #expect(!n.included && n.gradNorm > unrefined.gradientThreshold)
      #expect(n.reason?.contains("gradient not small") == true)
      #expect(n.kind == .notCritical)
      #expect(n.eigenvalues.count == unrefined.model.parameterCount)
    }
    let diverging = try Self.experiment(networks: 1, learningRate: 1e300, refinementIterations: 0)
    let blown = try diverging.network(seed: 0)
    #expect(!blown.included)
    #expect(blown.reason?.contains("non-finite") == true)
    #expect(blown.parameters.allSatisfy { $0.isFinite })
  }

  @Test("the same seed gives the same network, bit for bit; seeds follow firstSeed")
  func determinism() throws {
    var e = try Self.experiment(networks: 2)
    e.firstSeed = 7
    let report = try e.run()
    #expect(report.networks.map(\.seed) == [7, 8])
    #expect(try e.network(seed: 8) == report.networks[1])
    #expect(report.networks[0].parameters != report.networks[1].parameters)
  }

  @Test("five networks: every seed reported, verdicts consistent, spectra equal finite differences")
  func fiveNetworks() throws {
    let e = try Self.experiment(networks: 5)
    var seen: [UInt64] = []
    let report = try e.run { seen.append($0.seed) }
    #expect(seen == [0, 1, 2, 3, 4])
    #expect(report.networks.count == 5)
    #expect(report.excluded == report.networks.filter { !$0.included }.count)
    #expect(report.belowOne + report.equalToOne + report.excluded == 5)
    #expect(report.gradientThreshold == 1e-6 && report.eigenvalueTolerance == 1e-6)
    let objective = try MLPObjective(model: e.model, data: e.data)
    for n in report.networks {
      let (value, gradient) = try objective.valueAndGradient(at: n.parameters)
      #expect(value == n.value)
      #expect(n.included == (Vectors.norm(gradient) <= e.gradientThreshold))
      guard n.included else { continue }
      // The Hessian by central differences of the gradient, symmetrised: error
      // h²·|L''''| + ε/h ≈ 1e-10 for h = 1e-5; eigenvalues move by at most ‖ΔH‖₂, so 1e-7.
      let p = n.parameters.count
      let h = 1e-5
      var matrix = [Double](repeating: 0, count: p * p)
      for j in 0..<p {
        var plus = n.parameters
        var minus = n.parameters
        plus[j] += h
        minus[j] -= h
        let gp = try objective.valueAndGradient(at: plus).gradient
        let gm = try objective.valueAndGradient(at: minus).gradient
        for i in 0..<p { matrix[i * p + j] = (gp[i] - gm[i]) / (2 * h) }
      }
      for i in 0..<p {
        for j in 0..<i {
          let m = (matrix[i * p + j] + matrix[j * p + i]) / 2
          matrix[i * p + j] = m
          matrix[j * p + i] = m
        }
      }
      let spectrum = try SymmetricEigendecomposition(
        try Tensor(shape: [p, p], scalars: matrix), computeEigenvectors: false)
      expectClose(n.eigenvalues, spectrum.eigenvalues, atol: 1e-7)
      let counted = Double(n.eigenvalues.filter { $0 > 1e-6 }.count) / Double(p)
      #expect(n.minimumRatio == counted)
      #expect((n.minimumRatio == 1) == (n.kind == .localMinimum))
    }
  }
}
