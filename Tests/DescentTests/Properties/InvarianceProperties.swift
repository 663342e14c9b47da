import Foundation
import PropertyBased
import Testing

@testable import Descent

/// Optimizers are invariant under the symmetries they should be, on random inputs (Adam's
/// invariance under rescaling the loss is in `AdamInvarianceTests`):
/// - the element-wise rules (SGD with momentum, Adam, RMSProp, AdaGrad) commute with
///   permuting the coordinates and with flipping their signs — exactly, since every
///   coordinate goes through the same operations;
/// - SGD with momentum commutes with any rotation (it is linear in the gradient), up to the
///   rounding of the rotation; Adam does not, which the last property shows is detected;
/// - the derivative-free methods compare values only, so multiplying f by a power of two
///   (exact in floating point) leaves their iterates unchanged, bit for bit.
@Suite struct InvarianceProperties {
  /// Runs `steps` updates of `rule` from x with gradients from `gradient`.
  static func runRule<Rule: UpdateRule>(
    _ rule: Rule, from x: [Double], steps: Int, gradient: ([Double]) -> [Double]
  ) -> [Double] {
    var x = x
    var state = rule.initialState(parameterCount: x.count)
    for _ in 0..<steps {
      rule.update(
        &x, gradient: gradient(x), state: &state,
        context: UpdateContext(loss: 0, learningRate: rule.learningRate))
    }
    return x
  }

  /// ∇ of Σ cᵢ·xᵢ⁴/4 + (xᵢ − dᵢ)²/2: a separable, non-quadratic gradient field, so that the
  /// permuted or flipped problem is the same problem with its coordinates renamed.
  static func gradient(_ c: [Double], _ d: [Double]) -> ([Double]) -> [Double] {
    { x in x.indices.map { c[$0] * x[$0] * x[$0] * x[$0] + (x[$0] - d[$0]) } }
  }

  static var elementwiseRules: [(String, (Double) throws -> any UpdateRule)] {
    [
      ("sgd-momentum", { try SGD(learningRate: $0, momentum: 0.9) }),
      ("adam", { try Adam(learningRate: $0) }),
      ("rmsprop", { try RMSProp(learningRate: $0) }),
      ("adagrad", { try AdaGrad(learningRate: $0) }),
    ]
  }

  static func run(
    _ rule: any UpdateRule, from x: [Double], steps: Int, gradient: ([Double]) -> [Double]
  ) -> [Double] {
    func open<R: UpdateRule>(_ r: R) -> [Double] {
      runRule(r, from: x, steps: steps, gradient: gradient)
    }
    return open(rule)
  }

  @Test func elementwiseRulesCommuteWithPermutationsAndSignFlips() throws {
    let inputs = zip(
      PropertyGen.point(5), Gen.double(in: 0...2).array(of: 5), PropertyGen.point(5),
      Gen<[Int]>.shuffled(Array(0..<5)), Gen.bool.array(of: 5), Gen.double(in: 1e-3...0.1))
    try forAll(60, seed: 41, inputs) { index, input in
      let (x, c, d, permutation, flips, lr) = input
      let sign = flips.map { $0 ? -1.0 : 1.0 }
      // The problem in new coordinates yᵢ = sᵢ·x_{π(i)}: c and d follow the renaming.
      let y = (0..<5).map { sign[$0] * x[permutation[$0]] }
      let cy = (0..<5).map { c[permutation[$0]] }
      let dy = (0..<5).map { sign[$0] * d[permutation[$0]] }
      for (name, make) in Self.elementwiseRules {
        let rule = try make(lr)
        let original = Self.run(rule, from: x, steps: 20, gradient: Self.gradient(c, d))
        let renamed = Self.run(rule, from: y, steps: 20, gradient: Self.gradient(cy, dy))
        let expected = (0..<5).map { sign[$0] * original[permutation[$0]] }
        #expect(renamed == expected, "case \(index), \(name): π = \(permutation), s = \(sign)")
      }
    }
  }

  @Test func momentumCommutesWithRotationsAndAdamDoesNot() throws {
    // f = ½(x − d)ᵀA(x − d) with A = diag(1, 4) in 2-D, and the same bowl rotated by θ.
    let inputs = zip(PropertyGen.point(2), PropertyGen.point(2), Gen.double(in: 0.2...1.3))
    var adamDeviations: [Double] = []
    try forAll(60, seed: 42, inputs) { index, input in
      let (x, d, theta) = input
      let (cs, sn) = (Foundation.cos(theta), Foundation.sin(theta))
      func rotate(_ v: [Double]) -> [Double] { [cs * v[0] - sn * v[1], sn * v[0] + cs * v[1]] }
      func unrotate(_ v: [Double]) -> [Double] { [cs * v[0] + sn * v[1], -sn * v[0] + cs * v[1]] }
      let bowl: ([Double]) -> [Double] = { x in [x[0] - d[0], 4 * (x[1] - d[1])] }
      let rotatedBowl: ([Double]) -> [Double] = { y in rotate(bowl(unrotate(y))) }
      let momentum = try SGD(learningRate: 0.05, momentum: 0.9)
      let original = Self.run(momentum, from: x, steps: 30, gradient: bowl)
      let rotated = Self.run(momentum, from: rotate(x), steps: 30, gradient: rotatedBowl)
      // Each rotation rounds to an ulp or so of |x| ≤ 2; 30 steps of a contracting linear
      // map carry a few dozen such errors: 1e-13 absolute.
      expectClose(unrotate(rotated), original, atol: 1e-13, "case \(index), θ = \(theta)")
      let adam = try Adam(learningRate: 0.05)
      let adamOriginal = Self.run(adam, from: x, steps: 30, gradient: bowl)
      let adamRotated = Self.run(adam, from: rotate(x), steps: 30, gradient: rotatedBowl)
      adamDeviations.append(
        zip(unrotate(adamRotated), adamOriginal).map { Swift.abs($0 - $1) }.max() ?? 0)
    }
    // Adam divides each coordinate by its own scale: rotating the problem changes its path
    // by far more than rounding (measured: typically 1e-2), which is the property's contrast.
    #expect((adamDeviations.max() ?? 0) > 1e-6)
  }

  @Test func derivativeFreeMethodsIgnoreAPowerOfTwoScaleOfF() throws {
    let inputs = zip(PropertyGen.point(2), Gen.int(in: -20...20))
    try forAll(20, seed: 43, inputs) { index, input in
      let (start, k) = input
      let scale = Foundation.pow(2.0, Double(k))
      let problem = try Formula("(1-x)^2 + 100*(y-x^2)^2 + 1").objective
      let scaled = try Formula("\(scale)*((1-x)^2 + 100*(y-x^2)^2 + 1)").objective
      var options = MinimizeOptions()
      options.maxIterations = 40
      // fatol = 0 so that only the iteration limit stops either run (fatol is absolute in f).
      let nelderMead = try NelderMead(valueTolerance: 0)
      let (a, _) = try minimize(problem, from: start, method: nelderMead, options: options)
      let (b, _) = try minimize(scaled, from: start, method: nelderMead, options: options)
      #expect(a.trace.map(\.x) == b.trace.map(\.x), "case \(index): nelder-mead, 2^\(k)")
      let random = try RandomSearch(candidates: 2, seed: UInt64(index))
      let (c, _) = try minimize(problem, from: start, method: random, options: options)
      let (e, _) = try minimize(scaled, from: start, method: random, options: options)
      #expect(c.trace.map(\.x) == e.trace.map(\.x), "case \(index): random, 2^\(k)")
      let coordinate = try CoordinateDescent()
      options.maxIterations = 3
      let (f, _) = try minimize(problem, from: start, method: coordinate, options: options)
      let (g, _) = try minimize(scaled, from: start, method: coordinate, options: options)
      #expect(f.trace.map(\.x) == g.trace.map(\.x), "case \(index): coordinate, 2^\(k)")
    }
  }
}
