import Testing

@testable import Descent

/// The library tour of README.md, kept compiling and true.
@Suite struct ReadmeTests {
  func rosenbrock(_ v: Variable) throws -> Variable {
    let (x, y) = (try v.element(0), try v.element(1))
    return try pow(1 - x, 2) + 100 * pow(y - pow(x, 2), 2)
  }

  @Test func libraryTour() throws {
    let x = Tensor([-1.2, 1])
    let (f, g) = try valueWithGradient(of: rosenbrock, at: x)
    // 24.2 in decimal; the double nearest −1.2 makes it 24.199999999999992 (SymPy agrees).
    expectClose([f], [24.2], rtol: 1e-15)
    expectClose(g.scalars, [-215.6, -88], rtol: 1e-14)
    let hv = try hessianVectorProduct(of: rosenbrock, at: x, along: Tensor([1, 0]))
    expectClose(hv.scalars, [1330, 480], rtol: 1e-14)
    #expect(try hessian(of: rosenbrock, at: Tensor([1, 1])).rows == [[802, -400], [-400, 200]])

    let analysis = try CriticalPointAnalysis(
      of: try Formula("(1 - w1*w2)^2").objective, at: [0, 0])
    #expect(analysis.kind == .saddlePoint)
    expectClose(
      try #require(analysis.escapeDirection), [(0.5).squareRoot(), (0.5).squareRoot()], atol: 1e-15)

    let a = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    #expect(try (a + Tensor([10, 20, 30])).scalars == [11, 22, 33, 14, 25, 36])
    let c = try Tensor.matmul(a, a, transposeB: true)
    #expect(c.rows == [[14, 32], [32, 77]])
    let eigen = try SymmetricEigendecomposition(c)
    #expect(eigen.eigenvalues[0] < eigen.eigenvalues[1])
    #expect(try gradgradcheck(rosenbrock, at: x).passed)

    let objective = try Formula("(1 - w1*w2)^2").objective
    let method = FirstOrderMethod(
      try Adam(learningRate: 0.05), schedule: CosineAnnealing(learningRate: 0.05, halfPeriod: 3000))
    var options = MinimizeOptions()
    options.maxIterations = 3000
    let (result, checkpoint) = try minimize(
      objective, from: [0.5, 0.2], method: method, options: options)
    #expect(result.stopReason == .gradientTolerance)
    #expect(Swift.abs(result.x[0] * result.x[1] - 1) < 1e-6)
    #expect(checkpoint.iterations == result.iterations)
  }
}
