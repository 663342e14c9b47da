import Foundation
import Testing

@testable import Descent

/// Loss, gradient, Hessian and Hessian eigenvalues of small networks against PyTorch
/// float64 (`Scripts/references/mlp_torch.py`).
@Suite struct MLPReferenceTests {
  /// 1e-8·max(1, |·|), the bound: both sides are float64 with different summation
  /// orders (BLAS vs PyTorch's kernels), which leaves about 1e-15 relative per operation;
  /// 1e-8 leaves seven digits of margin while catching any layout or formula error, which
  /// moves the figures at the 1e-2 level.
  static let tolerance = 1e-8

  @Test func fixtureIsPresent() throws {
    let document = try #require(MLPFixtures.document, "Fixtures/mlp_torch.json is missing")
    #expect(document.cases.count == 4)
  }

  @Test(arguments: MLPFixtures.cases)
  func lossGradientAndHessianMatchPyTorch(_ c: MLPFixtures.Case) throws {
    let model = try c.model()
    #expect(model.parameterCount == c.parameters.count)
    let objective = try MLPObjective(model: model, data: c.dataset())
    let (value, gradient, hessian) = try objective.valueGradientAndHessian(at: c.parameters)
    let t = Self.tolerance
    expectClose([value], [c.value], rtol: t, atol: t, "loss")
    expectClose(gradient, c.gradient, rtol: t, atol: t, "gradient")
    expectClose(hessian.scalars, c.hessian, rtol: t, atol: t, "Hessian")
    let spectrum = try SymmetricEigendecomposition(hessian, computeEigenvectors: false)
    expectClose(spectrum.eigenvalues, c.eigenvalues, rtol: t, atol: t, "eigenvalues")
    // The value alone (no tape) and the gradient tier agree with the Hessian tier.
    expectClose([try objective.value(at: c.parameters)], [c.value], rtol: t, atol: t)
  }

  /// The flat vector PyTorch loaded with `vector_to_parameters` into a fresh model gives the
  /// loss Descent computes from the same array: the layouts are the same.
  @Test(arguments: MLPFixtures.cases)
  func flatVectorMeansTheSameInBothLibraries(_ c: MLPFixtures.Case) throws {
    let objective = try MLPObjective(model: c.model(), data: c.dataset())
    let t = Self.tolerance
    expectClose([try objective.value(at: c.parameters)], [c.reloadedValue], rtol: t, atol: t)
  }

  /// Parameters exported from Descent (its seeded initialisation as `.npy`) load into
  /// PyTorch bit for bit and give the loss Descent computes.
  @Test func parametersExportedFromDescentLoadIntoPyTorch() throws {
    let document = try #require(MLPFixtures.document)
    let export = try #require(document.descentExport, "run mlp_torch.py with --descent")
    let c = try #require(MLPFixtures.cases.first)
    let model = try c.model()
    var generator = SeededGenerator(seed: export.seed)
    let theta = model.initialParameters(using: &generator)
    #expect(export.dtype == "float64")
    #expect(theta.map(\.bitPattern) == export.parameters.map(\.bitPattern))
    let t = Self.tolerance
    let value = try MLPObjective(model: model, data: c.dataset()).value(at: theta)
    expectClose([value], [export.value], rtol: t, atol: t)
  }

  /// Hessian-vector products agree with the full Hessian (a different tape path).
  @Test(arguments: MLPFixtures.cases)
  func hessianVectorProductMatchesPyTorchHessian(_ c: MLPFixtures.Case) throws {
    let objective = try MLPObjective(model: c.model(), data: c.dataset())
    let n = c.parameters.count
    var generator = SeededGenerator(seed: 7)
    let v = (0..<n).map { _ in generator.nextNormal() }
    let hv = try objective.hessianVectorProduct(at: c.parameters, along: v)
    let expected = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + c.hessian[i * n + $1] * v[$1] } }
    // Sums of n ≤ 84 products of O(1) terms: 1e-8 as above.
    expectClose(hv, expected, rtol: Self.tolerance, atol: Self.tolerance)
  }
}
