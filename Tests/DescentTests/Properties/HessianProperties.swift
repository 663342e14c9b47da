import PropertyBased
import Testing

@testable import Descent

/// Second derivatives on random smooth compositions of three variables: the Hessian, built
/// row by row from n backward passes, is symmetric, and the Hessian-vector product (one
/// differentiated backward pass, no Hessian) equals H·v.
@Suite struct HessianProperties {
  static func inputs() -> Generator<(FormulaTree, [Double], [Double]), some SendableSequenceType> {
    zip(PropertyGen.smoothExpression(), PropertyGen.point(), Gen.double(in: -1...1).array(of: 3))
  }

  @Test func theHessianIsSymmetric() throws {
    try forAll(150, seed: 21, Self.inputs()) { index, input in
      let (f, x, _) = input
      let (_, _, h) = try f.formula().objective.valueGradientAndHessian(at: x)
      let entries = h.scalars
      let scale = entries.map { Swift.abs($0) }.max() ?? 0
      // Row i and column i are different sums of the same rounded partials (Schwarz's
      // theorem holds exactly; the tape's orders differ): 1e-12 relative to max |Hᵢⱼ|.
      for i in 0..<3 {
        for j in 0..<i {
          let (upper, lower) = (entries[i * 3 + j], entries[j * 3 + i])
          #expect(
            Swift.abs(upper - lower) <= 1e-12 * scale, "case \(index): H[\(i),\(j)] in \(f)")
        }
      }
    }
  }

  @Test func theHessianVectorProductIsHTimesV() throws {
    try forAll(150, seed: 22, Self.inputs()) { index, input in
      let (f, x, v) = input
      let objective = try f.formula().objective
      let (_, _, h) = try objective.valueGradientAndHessian(at: x)
      let hv = try objective.hessianVectorProduct(at: x, along: v)
      let entries = h.scalars
      let expected = (0..<3).map { i in (0..<3).reduce(0.0) { $0 + entries[i * 3 + $1] * v[$1] } }
      let scale =
        (0..<3).map { i in
          (0..<3).reduce(0.0) { $0 + Swift.abs(entries[i * 3 + $1] * v[$1]) }
        }.max() ?? 0
      // Same partials, summed in another order: 1e-12 relative to Σ|Hᵢⱼvⱼ|.
      expectClose(hv, expected, atol: 1e-12 * scale + 1e-300, "case \(index): \(f)")
    }
  }
}
