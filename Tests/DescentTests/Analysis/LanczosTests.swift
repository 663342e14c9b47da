import Foundation
import Testing

@testable import Descent

@Suite struct LanczosTests {
  typealias Problems = SpectralTestProblems

  /// The k extremes at both ends against LAPACK's full eigendecomposition, to 1e-6 (the issue's
  /// requirement); Lanczos's own tolerance is 1e-10 relative, so 1e-6 leaves a wide margin.
  @Test(arguments: [1, 2, 3] as [UInt64])
  func extremesMatchDenseEigenvaluesOfRandomSymmetricMatrices(seed: UInt64) throws {
    let n = 80
    let a = Problems.randomSymmetric(n, seed: seed)
    let exact = try SymmetricEigendecomposition(a)
    let k = 3
    let pairs = try Lanczos.extremeEigenpairs(
      dimension: n, largest: k, smallest: k, tolerance: 1e-10, seed: seed,
      product: Problems.product(a))
    #expect(pairs.converged)
    expectClose(pairs.smallest, Array(exact.eigenvalues.prefix(k)), atol: 1e-6)
    expectClose(pairs.largest, Array(exact.eigenvalues.suffix(k).reversed()), atol: 1e-6)
    #expect(pairs.productCount == pairs.steps)
    #expect(pairs.steps < n, "should converge before the Krylov space is the whole space")
    // The reported residual bound is ‖H·y − θ·y‖: recompute it with an independent product.
    for (theta, (y, bound)) in zip(
      pairs.largest + pairs.smallest,
      zip(
        pairs.largestVectors + pairs.smallestVectors,
        pairs.largestResiduals + pairs.smallestResiduals))
    {
      let hy = try Problems.product(a)(y)
      let residual = Problems.distance(hy, y.map { theta * $0 })
      // Rounding in H·y (n terms of size ‖H‖ ≈ 13) adds about 1e-13.
      #expect(Swift.abs(residual - bound) <= 1e-9 * max(1, bound) + 1e-12)
      #expect(Swift.abs(Lanczos.norm(y) - 1) <= 1e-12)
    }
    // Ritz vector of λmax against the dense eigenvector (up to sign): 1 − |cos| ≲ (r/gap)².
    let cosine = Swift.abs(Lanczos.dot(pairs.largestVectors[0], exact.eigenvectors[n - 1]))
    #expect(Swift.abs(1 - cosine) <= 1e-8)
  }

  /// With m = n steps and full reorthogonalisation every eigenvalue appears once, with no
  /// ghost copies, and Q stays orthonormal (so T is similar to H).
  @Test func fullRunReproducesTheWholeSpectrum() throws {
    let n = 40
    // A spread spectrum with a cluster and an outlier: where plain Lanczos makes ghosts.
    let spectrum = (0..<n).map { i in i == n - 1 ? 100.0 : 1 + Double(i) / Double(n) }
    let a = Problems.withSpectrum(spectrum, seed: 7)
    var lanczos = Lanczos(dimension: n, seed: 11, product: Problems.product(a))
    try lanczos.extend(by: n + 5)
    #expect(lanczos.steps == n)
    #expect(lanczos.isExhausted)
    let ritz = try lanczos.ritzApproximation()
    // Eigenvalues of T against the known spectrum: rounding of order n·ε·‖H‖ ≈ 1e-12.
    expectClose(ritz.values, spectrum.sorted(), atol: 1e-10)
    // Gauss weights of the start vector's spectral measure sum to 1 (‖q₁‖ = 1).
    #expect(Swift.abs(ritz.firstComponents.reduce(0) { $0 + $1 * $1 } - 1) <= 1e-12)
  }

  /// A spectrum of three distinct values with multiplicities 3, 2, 1: one Krylov space has
  /// dimension 3, so the iteration breaks down and restarts, and the copies appear.
  @Test func breakdownRestartsAndFindsRepeatedEigenvalues() throws {
    let spectrum = [1.0, 1, 1, 2, 2, 3]
    let a = Problems.withSpectrum(spectrum, seed: 5)
    var lanczos = Lanczos(dimension: 6, seed: 3, product: Problems.product(a))
    try lanczos.extend(by: 3)
    let first = try lanczos.ritzApproximation()
    // After three steps the Krylov space is invariant: Ritz values exact, residuals ~0.
    expectClose(first.values, [1, 2, 3], atol: 1e-10)
    #expect(first.residualBounds.allSatisfy { $0 <= 1e-9 })
    try lanczos.extend(by: 3)
    #expect(lanczos.restarts >= 1)
    expectClose(try lanczos.ritzApproximation().values, spectrum, atol: 1e-10)
  }

  /// The requirement on a small network: extremes of the Hessian of a tanh network
  /// (from Hessian-vector products) against the full autodiff Hessian's eigenvalues, to 1e-6.
  @Test func extremesOfATanhNetworkHessianMatchTheFullHessian() throws {
    let (objective, layout) = Problems.tanhNetwork(
      inputs: 3, hidden: 6, outputs: 2, samples: 10, seed: 21)
    let n = layout.parameterCount
    let point = Problems.randomPoint(n, scale: 0.7, seed: 4)
    let exact = try SymmetricEigendecomposition(
      objective.valueGradientAndHessian(at: point).hessian)
    let pairs = try Lanczos.extremeEigenpairs(
      of: objective, at: point, largest: 2, smallest: 2, tolerance: 1e-10, seed: 9)
    #expect(pairs.converged)
    #expect(exact.eigenvalues[0] < 0, "a random point of a network is not convex")
    expectClose(pairs.smallest, Array(exact.eigenvalues.prefix(2)), atol: 1e-6)
    expectClose(pairs.largest, Array(exact.eigenvalues.suffix(2).reversed()), atol: 1e-6)
  }

  /// k-extremes need at least k steps; an unreachable tolerance stops at maxSteps unconverged.
  @Test func reportsNonConvergenceAtTheStepLimit() throws {
    let a = Problems.randomSymmetric(60, seed: 2)
    let pairs = try Lanczos.extremeEigenpairs(
      dimension: 60, largest: 2, smallest: 2, tolerance: 1e-14, maxSteps: 8,
      product: Problems.product(a))
    #expect(!pairs.converged)
    #expect(pairs.steps == 8)
    #expect(pairs.productCount == 8)
  }
}
