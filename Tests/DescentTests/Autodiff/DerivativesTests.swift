import Foundation
import Testing

@testable import Descent

@Suite struct DerivativesTests {
  /// f(x) = ⅙∑xᵢ³ + ∑ xᵢ²xᵢ₊₁, whose Hessian is known in closed form:
  /// Hᵢᵢ = xᵢ + 2xᵢ₊₁ (the second term only for i < n−1), Hᵢ,ᵢ₊₁ = Hᵢ₊₁,ᵢ = 2xᵢ.
  static func cubic(_ x: Variable) throws -> Variable {
    let n = x.shape[0]
    return try pow(x, 3).sum() / 6 + (pow(x[0..<(n - 1)], 2) * x[1..<n]).sum()
  }

  static func cubicHessianTimes(_ x: [Double], _ v: [Double]) -> [Double] {
    let n = x.count
    var hv = [Double](repeating: 0, count: n)
    for i in 0..<n {
      var diagonal = x[i]
      if i < n - 1 { diagonal += 2 * x[i + 1] }
      hv[i] += diagonal * v[i]
      if i < n - 1 {
        hv[i] += 2 * x[i] * v[i + 1]
        hv[i + 1] += 2 * x[i] * v[i]
      }
    }
    return hv
  }

  @Test func hessianVectorProductOfACubicIsExact() throws {
    var generator = SeededGenerator(seed: 7)
    for _ in 0..<5 {
      let x = Tensor.randomNormal([9], using: &generator)
      let v = Tensor.randomNormal([9], using: &generator)
      let hv = try hessianVectorProduct(of: Self.cubic, at: x, along: v)
      let expected = Self.cubicHessianTimes(x.scalars, v.scalars)
      // Exact up to rounding of a handful of products and sums: 1e-13 absolute for O(1) entries.
      expectClose(hv.scalars, expected, atol: 1e-13)
    }
  }

  @Test func hessianOfTheTwoWeightNetworkAtTheOrigin() throws {
    let f: DifferentiableFunction = { w in try pow(1 - w.element(0) * w.element(1), 2) }
    let (value, gradient, h) = try valueGradientAndHessian(of: f, at: Tensor([0, 0]))
    #expect(value == 1)
    #expect(gradient.scalars == [0, 0])
    #expect(h.scalars == [0, -2, -2, 0])
    let eigen = try SymmetricEigendecomposition(h)
    #expect(eigen.eigenvalues == [-2, 2])
    expectClose(eigen.eigenvectors[0], [1 / 2.0.squareRoot(), 1 / 2.0.squareRoot()], atol: 1e-15)
  }

  @Test func hessianOfRosenbrockAtItsMinimum() throws {
    let f: DifferentiableFunction = { v in
      let (x, y) = (try v.element(0), try v.element(1))
      return try pow(1 - x, 2) + 100 * pow(y - pow(x, 2), 2)
    }
    let h = try hessian(of: f, at: Tensor([1, 1]))
    #expect(h.scalars == [802, -400, -400, 200])
    #expect(try gradient(of: f, at: Tensor([1, 1])).scalars == [0, 0])
  }

  /// The tensor form against its closed form: ∂f/∂xᵢ = −400xᵢ(xᵢ₊₁ − xᵢ²) − 2(1 − xᵢ)
  /// + 200(xᵢ − xᵢ₋₁²), and the tridiagonal Hessian.
  @Test func rosenbrockTensorFormMatchesItsClosedForm() throws {
    let n = 10
    let x = (0..<n).map { 1.5 + 0.1 * Double($0) }
    var g = [Double](repeating: 0, count: n)
    var h = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    var f = 0.0
    for i in 0..<(n - 1) {
      let t = x[i + 1] - x[i] * x[i]
      f += 100 * t * t + (1 - x[i]) * (1 - x[i])
      g[i] += -400 * x[i] * t - 2 * (1 - x[i])
      g[i + 1] += 200 * t
      h[i][i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2
      h[i + 1][i + 1] += 200
      h[i][i + 1] -= 400 * x[i]
      h[i + 1][i] -= 400 * x[i]
    }
    let (value, gradient, fullHessian) = try valueGradientAndHessian(
      of: TestFunctions.rosenbrock, at: Tensor(x))
    // Sums of ~30 terms of size up to 1e3: 1e-12 relative.
    expectClose([value], [f], rtol: 1e-12)
    expectClose(gradient.scalars, g, rtol: 1e-12, atol: 1e-10)
    expectClose(fullHessian.scalars, h.flatMap { $0 }, rtol: 1e-12, atol: 1e-10)
    // The same numbers PyTorch prints for this point (Scripts/references/bench_torch.py --check).
    expectClose([value], [3011.46], rtol: 1e-12)
    expectClose(Array(gradient.scalars.prefix(3)), [391, 421.6, 570.6], rtol: 1e-12)
    let hv = try hessianVectorProduct(
      of: TestFunctions.rosenbrock, at: Tensor(x), along: Tensor.ones([n]))
    expectClose(Array(hv.scalars.prefix(3)), [1462, 1354, 1630], rtol: 1e-12)
    let at1 = try hessian(of: TestFunctions.rosenbrock, at: Tensor([1, 1]))
    #expect(at1.rows == [[802, -400], [-400, 200]])
  }

  @Test func hessianIsSymmetricAndMatchesHessianVectorProducts() throws {
    var generator = SeededGenerator(seed: 11)
    let x = Tensor.randomNormal([6], using: &generator)
    let f: DifferentiableFunction = { x in
      try (tanh(x[0..<3]) * exp(x[3..<6]) + sin(x[0..<3] * x[3..<6])).sum() * x.element(2)
    }
    let h = try hessian(of: f, at: x)
    for i in 0..<6 {
      for j in 0..<6 {
        // Two different orders of the same products: equal to rounding.
        #expect(Swift.abs(h[i, j] - h[j, i]) <= 1e-13 * (1 + Swift.abs(h[i, j])))
      }
    }
    let v = Tensor.randomNormal([6], using: &generator)
    let hv = try hessianVectorProduct(of: f, at: x, along: v)
    expectClose(hv.scalars, try Tensor.matmul(h, v).scalars, rtol: 1e-12, atol: 1e-13)
  }

  @Test func jacobianOfALinearMapIsItsMatrix() throws {
    var generator = SeededGenerator(seed: 3)
    let a = Tensor.randomNormal([4, 3], using: &generator)
    let j = try jacobian(of: { x in try matmul(Variable(a), x) }, at: Tensor([1, 2, 3]))
    #expect(j.shape == [4, 3])
    #expect(j.scalars == a.scalars)
  }

  @Test func valueAloneRecordsNothingAndAgrees() throws {
    let x = Tensor([0.5, -1.5, 2])
    let f: DifferentiableFunction = { x in try (exp(x) * x).sum() }
    let plain = try value(of: f, at: x)
    let (withGradient, _) = try valueWithGradient(of: f, at: x)
    #expect(plain == withGradient)
    #expect(throws: ShapeError.self) { try value(of: { $0 * 2 }, at: x) }
  }

  @Test func nonScalarFunctionIsAnError() throws {
    #expect(throws: ShapeError.self) { try gradient(of: { try $0 * $0 }, at: Tensor([1, 2])) }
  }

  @Test func reluDerivativeAtZeroIsZero() throws {
    let g = try gradient(of: { try relu($0).sum() }, at: Tensor([-1, 0, 1]))
    #expect(g.scalars == [0, 0, 1])
    let a = try gradient(of: { try abs($0).sum() }, at: Tensor([-1, 0, 1]))
    #expect(a.scalars == [-1, 0, 1])
  }

  @Test func stableAtExtremes() throws {
    let x = Tensor([-1000, 1000])
    let s = try value(of: { try sigmoid($0).sum() }, at: x)
    #expect(s == 1)
    let sp = try gradient(of: { try softplus($0).sum() }, at: x)
    #expect(sp.scalars == [0, 1])
    #expect(try value(of: { try softplus($0).sum() }, at: x) == 1000)
    let logits = try Tensor(shape: [1, 3], scalars: [1000, -1000, 0])
    let ce = try value(of: { try softmaxCrossEntropy(logits: $0, labels: [1]) }, at: logits)
    #expect(ce == 2000)
  }
}
