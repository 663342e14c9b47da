import Foundation
import Testing

@testable import Descent

/// Lanczos on ~2·10⁵ variables, where no Hessian can be formed: HVP counts and time.
@Suite struct LanczosLargeScaleTests {
  typealias Problems = SpectralTestProblems

  /// f(x) = Σᵢ ½·dᵢ·xᵢ² + ¼·xᵢ⁴ through the autodiff tape: ∇²f(x) = diag(dᵢ + 3·xᵢ²), known in
  /// closed form. d has a bulk in [0.5, 50] and three outliers at each end, as a network
  /// Hessian has (Ghorbani et al. 2019).
  static func separableQuartic(_ n: Int, seed: UInt64) -> (
    objective: AutodiffObjective, point: [Double], spectrum: [Double]
  ) {
    var generator = SeededGenerator(seed: seed)
    var d = (0..<n).map { _ in 0.5 + 49.5 * generator.nextUniform() }
    for (i, outlier) in [400.0, 300, 200, -20, -10, -5].enumerated() { d[i * 1000 + 17] = outlier }
    let coefficients = Tensor(d)
    let objective = AutodiffObjective(dimension: n) { x in
      let quadratic = try (Variable(coefficients) * square(x)).sum() * 0.5
      return try quadratic + (try square(square(x)).sum() * 0.25)
    }
    let point = Problems.randomPoint(n, scale: 0.1, seed: seed &+ 1)
    let spectrum = zip(d, point).map { $0 + 3 * $1 * $1 }.sorted()
    return (objective, point, spectrum)
  }

  @Test func topAndBottomThreeOfATwoHundredThousandVariableHessian() throws {
    let n = 200_000
    let (objective, point, spectrum) = Self.separableQuartic(n, seed: 1)
    let counting = CountingObjective(objective)
    let began = Date()
    let pairs = try Lanczos.extremeEigenpairs(
      of: counting, at: point, largest: 3, smallest: 3, tolerance: 1e-9, maxSteps: 250,
      computeVectors: false, seed: 5)
    let seconds = Date().timeIntervalSince(began)
    print(
      "Lanczos n = \(n): \(pairs.productCount) HVPs, \(pairs.steps) steps, "
        + "\(String(format: "%.2f", seconds)) s, converged \(pairs.converged)")
    #expect(pairs.converged)
    // The count Lanczos reports is the count the objective saw.
    #expect(counting.counts.hvp == pairs.productCount)
    #expect(counting.counts.h == 0, "no full Hessian for a large problem")
    // Outliers separated by ≥ 5 from the rest: Lanczos needs far fewer than n products
    // (SciPy's eigsh takes a comparable number; see the report).
    #expect(pairs.productCount <= 250)
    // Residual tolerance 1e-9·‖H‖ ≈ 4e-7 bounds each eigenvalue error; asked to 1e-6.
    expectClose(pairs.smallest, Array(spectrum.prefix(3)), atol: 1e-6)
    expectClose(pairs.largest, Array(spectrum.suffix(3).reversed()), atol: 1e-6)
  }

  /// A tanh network of 193 564 parameters: λmax and λmin with their Ritz vectors, whose
  /// residuals and Rayleigh quotients are recomputed with one more, independent,
  /// Hessian-vector product each.
  @Test func extremeEigenvaluesOfANetworkWithTwoHundredThousandParameters() throws {
    let (objective, layout) = Problems.tanhNetwork(
      inputs: 64, hidden: 1500, outputs: 64, samples: 16, seed: 3)
    let n = layout.parameterCount
    #expect(n == 193_564)
    let point = Problems.randomPoint(n, scale: 0.1, seed: 8)
    let counting = CountingObjective(objective)
    let began = Date()
    let pairs = try Lanczos.extremeEigenpairs(
      of: counting, at: point, largest: 1, smallest: 1, tolerance: 1e-8, maxSteps: 150,
      seed: 2)
    let seconds = Date().timeIntervalSince(began)
    print(
      "Lanczos network n = \(n): λmax = \(pairs.largest[0]) ± \(pairs.largestResiduals[0]), "
        + "λmin = \(pairs.smallest[0]) ± \(pairs.smallestResiduals[0]), "
        + "\(pairs.productCount) HVPs, \(String(format: "%.2f", seconds)) s")
    #expect(pairs.converged)
    #expect(counting.counts.hvp == pairs.productCount)
    #expect(pairs.smallest[0] < 0, "a network at a random point has negative curvature")
    for (theta, y, bound) in [
      (pairs.largest[0], pairs.largestVectors[0], pairs.largestResiduals[0]),
      (pairs.smallest[0], pairs.smallestVectors[0], pairs.smallestResiduals[0]),
    ] {
      let hy = try objective.hessianVectorProduct(at: point, along: y)
      let residual = Problems.distance(hy, y.map { theta * $0 })
      // The residual recomputed agrees with the bound Lanczos reports (up to rounding in
      // H·y and in Q's orthogonality, 1e-9 of ‖H‖ ≈ λmax), and the Rayleigh quotient yᵀHy
      // (‖y‖ = 1) lies within the residual of θ.
      let scale = Swift.abs(pairs.largest[0])
      #expect(Swift.abs(residual - bound) <= 1e-9 * scale)
      #expect(Swift.abs(Lanczos.dot(y, hy) - theta) <= residual + 1e-12 * scale)
      #expect(residual <= 1e-8 * scale * (1 + 1e-6))
    }
  }
}
