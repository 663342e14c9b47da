import Foundation
import Testing

@testable import Descent

/// Every differentiable operation against central differences, first and second order, at
/// seeded random points. Tolerances are PyTorch's gradcheck defaults (atol 1e-5, rtol 1e-3,
/// ε = 1e-6): central differences are accurate to O(ε²·f‴) plus rounding O(1e-16/ε) ≈ 1e-10,
/// so a wrong derivative fails by orders of magnitude while rounding never does.
@Suite struct OperationDerivativeTests {
  @Test(arguments: OperationCases.all)
  func firstOrder(_ operation: OperationCase) throws {
    for seed: UInt64 in [1, 2, 3] {
      let report = try gradcheck(operation.function, at: operation.point(seed: seed))
      #expect(
        report.passed,
        "\(operation.name), seed \(seed): worst \(report.worst.first.map { "\($0)" } ?? "-")")
    }
  }

  @Test(arguments: OperationCases.all)
  func secondOrder(_ operation: OperationCase) throws {
    for seed: UInt64 in [1, 2] {
      let x = operation.point(seed: seed)
      // Random output weights u, as gradgradcheck draws its grad_outputs.
      let outputShape = try operation.function(Variable(x)).shape
      var generator = SeededGenerator(seed: seed + 100)
      let u = Tensor.randomNormal(outputShape, using: &generator)
      let report = try gradgradcheck(operation.function, at: x, gradOutputs: u)
      #expect(
        report.passed,
        "\(operation.name), seed \(seed): worst \(report.worst.first.map { "\($0)" } ?? "-")")
    }
  }

  /// The checks themselves must be able to fail: a deliberately wrong derivative is caught.
  @Test func gradcheckCatchesAWrongDerivative() throws {
    // sin with the derivative of cos: recorded through a custom node.
    let wrong: DifferentiableFunction = { x in
      Variable.record(x.value.map { Foundation.sin($0) }, [x]) { g, x, _, _ in [try g * sin(x[0])] }
    }
    let x = Tensor([0.3, -0.7, 1.1])
    let first = try gradcheck(wrong, at: x)
    #expect(!first.passed)
    #expect(first.worst.count == 5 || first.worst.count == first.entries.count)
    #expect(first.worst[0].violation >= first.worst.last!.violation)
    let wrongSecond: DifferentiableFunction = { x in
      // Right first derivative (cos), wrong second: cos's rule recorded as a constant.
      Variable.record(x.value.map { Foundation.sin($0) }, [x]) { g, x, _, _ in
        [try g * Variable(x[0].value.map { Foundation.cos($0) })]
      }
    }
    #expect(try gradcheck(wrongSecond, at: x).passed)
    #expect(try !gradgradcheck(wrongSecond, at: x, gradOutputs: Tensor([1, 1, 1])).passed)
  }
}
