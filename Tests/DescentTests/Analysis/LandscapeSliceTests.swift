import Foundation
import Testing

@testable import Descent

@Suite struct LandscapeSliceTests {
  typealias Problems = SpectralTestProblems

  /// f(x) = ½·xᵀAx + bᵀx, whose slices are known in closed form.
  static func quadratic(_ n: Int) -> (AutodiffObjective, Tensor, [Double]) {
    let a = Problems.randomSymmetric(n, seed: 3)
    let b = Problems.randomPoint(n, scale: 1, seed: 4)
    let objective = AutodiffObjective(dimension: n) { x in
      let quadratic = try (x * matmul(Variable(a), x)).sum() * 0.5
      return try quadratic + (x * Variable(Tensor(b))).sum()
    }
    return (objective, a, b)
  }

  /// f(θ + α·d₁ + β·d₂) = f(θ) + α·gᵀd₁ + β·gᵀd₂ + ½α²·d₁ᵀAd₁ + αβ·d₁ᵀAd₂ + ½β²·d₂ᵀAd₂,
  /// g = Aθ + b; agreement to rounding (1e-10 relative to values of order 10).
  @Test func slicesOfAQuadraticFollowTheClosedForm() throws {
    let n = 12
    let (objective, a, b) = Self.quadratic(n)
    let product = Problems.product(a)
    let theta = Problems.randomPoint(n, scale: 1, seed: 5)
    let d1 = Problems.randomPoint(n, scale: 1, seed: 6)
    let d2 = Problems.randomPoint(n, scale: 1, seed: 7)
    let f0 = try objective.value(at: theta)
    let g = zip(try product(theta), b).map { $0 + $1 }
    let (ad1, ad2) = (try product(d1), try product(d2))
    func closedForm(_ alpha: Double, _ beta: Double) -> Double {
      f0 + alpha * Lanczos.dot(g, d1) + beta * Lanczos.dot(g, d2)
        + 0.5 * alpha * alpha * Lanczos.dot(d1, ad1) + alpha * beta * Lanczos.dot(d1, ad2)
        + 0.5 * beta * beta * Lanczos.dot(d2, ad2)
    }
    let alphas = LandscapeSlice.grid(radius: 1, count: 7)
    let betas = LandscapeSlice.grid(radius: 0.5, count: 5)
    let line = try LandscapeSlice(of: objective, around: theta, along: d1, alphas: alphas)
    #expect(line.betas.isEmpty)
    expectClose(
      line.values.map { $0[0] }, alphas.map { closedForm($0, 0) }, rtol: 1e-10, atol: 1e-10)
    let plane = try LandscapeSlice(
      of: objective, around: theta, along: (d1, d2), alphas: alphas, betas: betas)
    for (i, alpha) in alphas.enumerated() {
      expectClose(plane.values[i], betas.map { closedForm(alpha, $0) }, rtol: 1e-10, atol: 1e-10)
    }
    let expectedGrid: [Double] = [-1, -2.0 / 3, -1.0 / 3, 0, 1.0 / 3, 2.0 / 3, 1]
    expectClose(alphas, expectedGrid, atol: 1e-15)
  }

  /// Filter normalisation: each filter of d takes the norm of θ's filter; indices outside
  /// every filter are 0; the result ignores d's scale per filter and follows θ's.
  @Test func filterNormalizationMatchesFilterNorms() {
    let layout = Problems.NetworkLayout(inputs: 3, hidden: 4, outputs: 2)
    let filters =
      LandscapeSlice.denseLayerFilters(offset: 0, inputs: 3, outputs: 4, includeBiases: true)
      + LandscapeSlice.denseLayerFilters(
        offset: layout.secondWeights.lowerBound, inputs: 4, outputs: 2)
    #expect(filters.count == 4 + 1 + 2)
    #expect(filters[0] == 0..<3 && filters[3] == 9..<12)
    #expect(filters[4] == layout.firstBiases)
    #expect(filters[5] == layout.secondWeights.lowerBound..<(layout.secondWeights.lowerBound + 4))
    let theta = Problems.randomPoint(layout.parameterCount, scale: 1, seed: 1)
    var generator = SeededGenerator(seed: 2)
    let d = LandscapeSlice.filterNormalizedRandomDirection(
      like: theta, filters: filters, using: &generator)
    for filter in filters {
      let dNorm = Lanczos.norm(Array(d[filter]))
      let thetaNorm = Lanczos.norm(Array(theta[filter]))
      #expect(Swift.abs(dNorm - thetaNorm) <= 1e-12 * thetaNorm)
    }
    // The output biases belong to no filter: left out, as Li et al. leave out biases.
    #expect(layout.secondBiases.allSatisfy { d[$0] == 0 })
    // Rescaling a filter of θ by 3 (and of the raw direction by 7) rescales d's filter by 3.
    var scaledTheta = theta
    var raw = d
    for i in filters[1] {
      scaledTheta[i] *= 3
      raw[i] *= 7
    }
    let rescaled = LandscapeSlice.filterNormalized(raw, like: scaledTheta, filters: filters)
    expectClose(Array(rescaled[filters[1]]), d[filters[1]].map { 3 * $0 }, rtol: 1e-14)
    expectClose(Array(rescaled[filters[0]]), Array(d[filters[0]]), rtol: 1e-14)
  }

  /// Through a network objective: the slice at α = 0 is f(θ) itself.
  @Test func networkSliceAtTheCenterIsTheLoss() throws {
    let (objective, layout) = Problems.tanhNetwork(
      inputs: 2, hidden: 4, outputs: 1, samples: 6, seed: 1)
    let theta = Problems.randomPoint(layout.parameterCount, scale: 0.5, seed: 2)
    var generator = SeededGenerator(seed: 3)
    let d = LandscapeSlice.filterNormalizedRandomDirection(
      like: theta, filters: LandscapeSlice.denseLayerFilters(offset: 0, inputs: 2, outputs: 4),
      using: &generator)
    let slice = try LandscapeSlice(
      of: objective, around: theta, along: d, alphas: LandscapeSlice.grid(count: 11))
    #expect(slice.values[5][0] == (try objective.value(at: theta)))
  }
}
