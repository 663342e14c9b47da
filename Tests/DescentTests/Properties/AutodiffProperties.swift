import Foundation
import PropertyBased
import Testing

@testable import Descent

/// The tape obeys the rules of differentiation on random smooth compositions f, g of three
/// variables: linearity, the product rule and the chain rule through each elementary
/// function, each checked against the derivatives of the parts.
///
/// Tolerance: the two sides are different sums of the same rounded partials, so they agree
/// to a few ulps of the size of the terms — 1e-12 times the sum of the magnitudes of the terms
/// (the Hessian of a depth-4 tree has a few hundred operations, each off by ≤ ε ≈ 1.1e-16).
@Suite struct AutodiffProperties {
  static func inputs() -> Generator<
    (FormulaTree, FormulaTree, [Double], Double, Double), some SendableSequenceType
  > {
    zip(
      PropertyGen.smoothExpression(), PropertyGen.smoothExpression(), PropertyGen.point(),
      Gen.double(in: -3...3), Gen.double(in: -3...3))
  }

  static func valueAndGradient(_ e: FormulaTree, at x: [Double]) throws -> (Double, [Double]) {
    try e.formula().objective.valueAndGradient(at: x)
  }

  static func combine(_ op: FormulaTree.BinaryOperator, _ a: FormulaTree, _ b: FormulaTree)
    -> FormulaTree
  { FormulaTree(.binary(op, a, b)) }

  @Test func theGradientIsLinear() throws {
    try forAll(150, seed: 11, Self.inputs()) { index, input in
      let (f, g, x, a, b) = input
      let sum = Self.combine(
        .add, Self.combine(.multiply, FormulaTree(.number(Swift.abs(a))), f),
        Self.combine(.multiply, FormulaTree(.number(Swift.abs(b))), g))
      let (_, df) = try Self.valueAndGradient(f, at: x)
      let (_, dg) = try Self.valueAndGradient(g, at: x)
      let (_, dsum) = try Self.valueAndGradient(sum, at: x)
      let expected = (0..<3).map { Swift.abs(a) * df[$0] + Swift.abs(b) * dg[$0] }
      let scale = (0..<3).map { Swift.abs(a * df[$0]) + Swift.abs(b * dg[$0]) }.max() ?? 0
      expectClose(dsum, expected, atol: 1e-12 * scale + 1e-300, "case \(index): \(sum)")
    }
  }

  @Test func theProductRuleHolds() throws {
    try forAll(150, seed: 12, Self.inputs()) { index, input in
      let (f, g, x, _, _) = input
      let (fx, df) = try Self.valueAndGradient(f, at: x)
      let (gx, dg) = try Self.valueAndGradient(g, at: x)
      let (px, dp) = try Self.valueAndGradient(Self.combine(.multiply, f, g), at: x)
      #expect(Swift.abs(px - fx * gx) <= 1e-15 * Swift.abs(fx * gx), "case \(index)")
      let expected = (0..<3).map { fx * dg[$0] + gx * df[$0] }
      let scale = (0..<3).map { Swift.abs(fx * dg[$0]) + Swift.abs(gx * df[$0]) }.max() ?? 0
      expectClose(dp, expected, atol: 1e-12 * scale + 1e-300, "case \(index): (\(f))*(\(g))")
    }
  }

  /// h and h′ in closed form.
  static var outer: [(FormulaTree.Function, (Double) -> Double)] {
    [
      (.sin, { Foundation.cos($0) }),
      (.cos, { -Foundation.sin($0) }),
      (.exp, { Foundation.exp($0) }),
      (.tanh, { 1 - Foundation.tanh($0) * Foundation.tanh($0) }),
      (.sigmoid, sigmoidSlope),
      (.softplus, { 1 / (1 + Foundation.exp(-$0)) }),
    ]
  }

  /// σ′(s) = σ(s)·(1 − σ(s)).
  static func sigmoidSlope(_ s: Double) -> Double {
    let sigma = 1 / (1 + Foundation.exp(-s))
    return sigma * (1 - sigma)
  }

  @Test func theChainRuleHolds() throws {
    try forAll(150, seed: 13, Self.inputs()) { index, input in
      let (f, _, x, _, _) = input
      let (fx, df) = try Self.valueAndGradient(f, at: x)
      for (h, derivative) in Self.outer {
        // exp of a value past ~700 overflows on both sides; such a case checks nothing.
        if h == .exp && fx > 50 { continue }
        let (_, dh) = try Self.valueAndGradient(FormulaTree(.call(h, f)), at: x)
        let slope = derivative(fx)
        let expected = df.map { slope * $0 }
        // h′ here and on the tape are separately rounded (sigmoid's two forms differ by a
        // few ulps): 1e-12 relative to |h′(f)|·‖∇f‖∞.
        let scale = Swift.abs(slope) * (df.map { Swift.abs($0) }.max() ?? 0)
        expectClose(dh, expected, atol: 1e-12 * scale + 1e-300, "case \(index): \(h)(\(f))")
      }
    }
  }

  /// `outer` with every `x` replaced by `inner`.
  static func substitute(_ inner: FormulaTree, forXIn outer: FormulaTree) -> FormulaTree {
    switch outer.node {
    case .variable("x"): return inner
    case .number, .constant, .variable: return outer
    case .negate(let operand): return FormulaTree(.negate(substitute(inner, forXIn: operand)))
    case .binary(let op, let left, let right):
      return FormulaTree(
        .binary(op, substitute(inner, forXIn: left), substitute(inner, forXIn: right)))
    case .call(let function, let argument):
      return FormulaTree(.call(function, substitute(inner, forXIn: argument)))
    }
  }

  @Test func theChainRuleHoldsThroughAnotherComposition() throws {
    // h(x, y, w1) = g(f(x, y, w1), y, w1), both random: the multivariate chain rule
    // ∇h(p) = ∂g/∂x(q)·∇f(p) + (0, ∂g/∂y(q), ∂g/∂w1(q)),  q = (f(p), y, w1).
    try forAll(150, seed: 14, Self.inputs()) { index, input in
      let (f, g, p, _, _) = input
      let h = Self.substitute(f, forXIn: g)
      let (fp, df) = try Self.valueAndGradient(f, at: p)
      let q = [fp, p[1], p[2]]
      let (_, dg) = try Self.valueAndGradient(g, at: q)
      let (_, dh) = try Self.valueAndGradient(h, at: p)
      let expected = (0..<3).map { dg[0] * df[$0] + ($0 == 0 ? 0 : dg[$0]) }
      let scale =
        (0..<3).map { Swift.abs(dg[0] * df[$0]) + ($0 == 0 ? 0 : Swift.abs(dg[$0])) }.max() ?? 0
      // The same partials multiplied and summed in another order: 1e-12 relative to the terms.
      expectClose(dh, expected, atol: 1e-12 * scale + 1e-300, "case \(index): \(h)")
    }
  }
}
