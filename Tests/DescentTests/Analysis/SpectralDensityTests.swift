import Foundation
import Testing

@testable import Descent

@Suite struct SpectralDensityTests {
  typealias Problems = SpectralTestProblems

  /// 280 eigenvalues spread over [0, 1] and 20 outliers over [5, 10]: a bulk and outliers,
  /// the shape of a network Hessian's spectrum.
  static let spectrum: [Double] = (0..<300).map { (i: Int) -> Double in
    if i < 280 { return Double(i) / 279 }
    return 5 + 5 * Double(i - 280) / 19
  }

  /// Mean of g(λ) over the spectrum, (1/n)·Σ g(λᵢ).
  static func average(_ g: (Double) -> Double) -> Double {
    spectrum.reduce(0) { $0 + g($1) } / Double(spectrum.count)
  }

  /// Standard error of the SLQ estimate of (1/n)·tr g(H) from `runs` unit vectors uniform on
  /// the sphere: Var[vᵀBv] = 2/(n + 2)·(mean g² − (mean g)²) per run (exact for the sphere).
  static func standardError(_ g: @escaping (Double) -> Double, runs: Int) -> Double {
    let n = Double(spectrum.count)
    let mean = average(g)
    let variance = 2 / (n + 2) * (average { g($0) * g($0) } - mean * mean)
    return (variance / Double(runs)).squareRoot()
  }

  /// Moments 0…4 of the node/weight measure against the exact spectral moments: quadrature
  /// with 30 steps is exact for degree ≤ 59, so only the start vectors' sampling error
  /// remains; each moment must lie within 4 of its standard errors (computed in closed form).
  @Test func momentsAgreeWithTheExactSpectrumWithinTheirSamplingError() throws {
    let a = Problems.withSpectrum(Self.spectrum, seed: 31)
    let runs = 20
    let density = try SpectralDensity(
      dimension: Self.spectrum.count, runs: runs, steps: 30, seed: 4,
      product: Problems.product(a))
    #expect(density.productCount == runs * 30)
    #expect(Swift.abs(density.moment(0) - 1) <= 1e-12, "weights of each run sum to 1")
    for k in 1...4 {
      let power = { (t: Double) in Foundation.pow(t, Double(k)) }
      let exact = Self.average(power)
      let error = Swift.abs(density.moment(k) - exact)
      #expect(
        error <= 4 * Self.standardError(power, runs: runs),
        "moment \(k): \(density.moment(k)) against \(exact)")
    }
  }

  /// The broadened density integrates to 1, and the mass it puts on the outliers (above 3,
  /// far from both groups at σ = 0.2) matches their share 20/300 within 4 standard errors
  /// (the indicator's variance, closed form as above).
  @Test func densityIntegratesToOneAndWeighsTheOutliers() throws {
    let a = Problems.withSpectrum(Self.spectrum, seed: 8)
    let runs = 20
    let density = try SpectralDensity(
      dimension: Self.spectrum.count, runs: runs, steps: 40, seed: 9,
      product: Problems.product(a))
    let sigma = 0.2
    let (grid, values) = density.densityCurve(sigma: sigma, count: 4001)
    let h = grid[1] - grid[0]
    func integral(from low: Double) -> Double {
      var sum = 0.0
      for i in 1..<grid.count where grid[i - 1] >= low {
        sum += 0.5 * h * (values[i - 1] + values[i])
      }
      return sum
    }
    // Trapezoid on 4001 points over ±3σ margins: the Gaussian tails beyond 3σ hold 0.27 % of
    // the mass each side at the extreme nodes only, so the total is within 3e-3 of 1.
    #expect(Swift.abs(integral(from: -.infinity) - 1) <= 3e-3)
    let indicator = { (t: Double) in t > 3 ? 1.0 : 0.0 }
    let share = Self.average(indicator)
    #expect(Swift.abs(integral(from: 3) - share) <= 4 * Self.standardError(indicator, runs: runs))
    // The largest node of every run is λmax = 10 (extreme Ritz values converge first).
    for nodes in density.nodes { #expect(Swift.abs(nodes.last! - 10) <= 1e-6) }
  }

  /// On a tanh network's Hessian through the objective: the first three moments against the
  /// exact ones from the full Hessian's eigenvalues, each within 4 standard errors (the
  /// sphere's closed form, from the exact eigenvalues).
  @Test func networkHessianMomentsMatchTheFullHessian() throws {
    let (objective, layout) = Problems.tanhNetwork(
      inputs: 3, hidden: 8, outputs: 2, samples: 10, seed: 2)
    let n = layout.parameterCount
    let point = Problems.randomPoint(n, scale: 0.8, seed: 3)
    let eigenvalues = try SymmetricEigendecomposition(
      objective.valueGradientAndHessian(at: point).hessian, computeEigenvectors: false
    ).eigenvalues
    let runs = 30
    let density = try SpectralDensity(of: objective, at: point, runs: runs, steps: 20, seed: 1)
    func average(_ k: Int) -> Double {
      eigenvalues.reduce(0) { $0 + Foundation.pow($1, Double(k)) } / Double(n)
    }
    for k in 1...3 {
      let variance = 2 / Double(n + 2) * (average(2 * k) - average(k) * average(k))
      let standardError = (variance / Double(runs)).squareRoot()
      #expect(
        Swift.abs(density.moment(k) - average(k)) <= 4 * standardError,
        "moment \(k): \(density.moment(k)) against \(average(k))")
    }
  }
}
