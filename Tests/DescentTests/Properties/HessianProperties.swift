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
      let h = try objective.valueGradientAndHessian(at: x).hessian.scalars
      let hv = try objective.hessianVectorProduct(at: x, along: v)
      var expected = [0.0, 0.0, 0.0]
      var scale = 0.0
      for i in 0..<3 {
        var row = 0.0
        for j in 0..<3 {
          expected[i] += h[i * 3 + j] * v[j]
          row += Swift.abs(h[i * 3 + j] * v[j])
        }
        scale = Swift.max(scale, row)
      }
      // Same partials, summed in another order: 1e-12 relative to Σⱼ |Hᵢⱼvⱼ|.
      expectClose(hv, expected, atol: 1e-12 * scale + 1e-300, "case \(index): \(f)")
    }
  }

  @Test func theHessianVectorProductIsLinearInV() throws {
    let inputs = zip(
      PropertyGen.smoothExpression(), PropertyGen.point(), Gen.double(in: -1...1).array(of: 3),
      Gen.double(in: -1...1).array(of: 3), Gen.double(in: -2...2))
    try forAll(100, seed: 23, inputs) { index, input in
      let (f, x, v, w, a) = input
      let objective = try f.formula().objective
      let hv = try objective.hessianVectorProduct(at: x, along: v)
      let hw = try objective.hessianVectorProduct(at: x, along: w)
      let combined = (0..<3).map { a * v[$0] + w[$0] }
      let hc = try objective.hessianVectorProduct(at: x, along: combined)
      let expected = (0..<3).map { a * hv[$0] + hw[$0] }
      // H(a·v + w) and a·Hv + Hw: the same partials, rounded in another order (and the
      // rounding of a·v + w itself): 1e-12 relative to Σⱼ |Hᵢⱼ|·(|a·vⱼ| + |wⱼ|).
      let h = try objective.valueGradientAndHessian(at: x).hessian.scalars
      var scale = 0.0
      for i in 0..<3 {
        var row = 0.0
        for j in 0..<3 {
          let weight = Swift.abs(a * v[j]) + Swift.abs(w[j])
          row += Swift.abs(h[i * 3 + j]) * weight
        }
        scale = Swift.max(scale, row)
      }
      expectClose(hc, expected, atol: 1e-12 * scale + 1e-300, "case \(index): \(f)")
    }
  }
}
