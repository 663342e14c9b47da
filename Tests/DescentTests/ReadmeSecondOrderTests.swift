import Testing

@testable import Descent

/// The second snippet of README.md's library tour (methods, MGH, networks), kept compiling
/// and true.
@Suite struct ReadmeSecondOrderTests {
  @Test func methodsAndNetworks() throws {
    // Least squares on an MGH problem: Meyer's f* = 87.9458… (Moré et al. 1981).
    let meyer = try MGH.problem(named: "meyer")
    let (fit, _) = try minimize(meyer.objective, from: meyer.start, method: LevenbergMarquardt())
    #expect(meyer.isSolved(by: fit.value))

    // Box bounds: Rosenbrock in [0, 0.5]², whose constrained minimum is (0.5, 0.25).
    let rosenbrock = try Formula("(1-x)^2 + 100*(y-x^2)^2").objective
    let box = try Bounds(lower: [0, 0], upper: [0.5, 0.5])
    let (boxed, _) = try minimize(rosenbrock, from: [0, 0], method: LBFGSB(bounds: box))
    // The projected gradient ≤ 1e-8 puts y within 1e-8 of x² = 0.25.
    expectClose(boxed.x, [0.5, 0.25], atol: 1e-8)

    // A network on one flat vector (PyTorch's layout), its Hessian's extremes by Lanczos.
    var generator = SeededGenerator(seed: 7)
    let data = SyntheticData.xor(samples: 64, using: &generator)
    let model = try MLP(widths: [2, 8, 2], activation: .tanh, loss: .crossEntropy)
    let loss = try MLPObjective(model: model, data: data)
    let theta = model.initialParameters(using: &generator)
    let extremes = try Lanczos.extremeEigenpairs(of: loss, at: theta, largest: 1, smallest: 1)
    let full = try NetworkHessian(of: loss, at: theta)
    // Lanczos against the full spectrum: the 1e-6.
    expectClose(
      [extremes.smallest[0], extremes.largest[0]],
      [full.eigenvalues.first!, full.eigenvalues.last!], atol: 1e-6)
  }
}
