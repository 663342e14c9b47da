import Foundation
import Testing

@testable import Descent

/// Adam's step m̂/(√v̂ + ε) does not change when the loss is multiplied by c > 0 — m̂ scales
/// by c, √v̂ by c — except through ε. So does every rule of the family whose step is a ratio
/// of moments (Adamax, NAdam, Eve) or a sign (Lion).
@Suite struct AdamInvarianceTests {
  static let functions: [(formula: String, start: [Double])] = [
    ("(1-x)^2 + 100*(y-x^2)^2", [-1.2, 1]),
    ("0.5*x^2 + 5*y^2 + 0.1*x*y", [2, 1]),
  ]

  /// With ε = 0 and c a power of two the invariance is exact: the tape's gradient of c·f is
  /// c·∇f bit for bit, m and v scale by c and c² exactly, √(c²v) = c√v exactly (the square
  /// root is correctly rounded), and the quotient is unchanged — so are the iterates, bit
  /// for bit, under both conventions and with AMSGrad.
  @Test(arguments: Convention.allCases)
  func adamIsExactlyInvariantWithoutEpsilon(_ convention: Convention) throws {
    for amsgrad in [false, true] {
      let rule = try Adam(
        learningRate: 0.01, epsilon: 0, amsgrad: amsgrad, convention: convention)
      for (formula, start) in Self.functions {
        let plain = try AdamFamilyFixtures.run(rule, formula: formula, from: start, steps: 50)
        for scale in ["1024", "0.0009765625"] {
          let scaled = try AdamFamilyFixtures.run(
            rule, formula: "\(scale)*(\(formula))", from: start, steps: 50)
          #expect(scaled == plain, "\(convention), amsgrad \(amsgrad), \(scale)·\(formula)")
        }
      }
    }
  }

  /// With the default ε = 1e-8 and c = 1000 the invariance holds up to ε: each step's size
  /// changes by a relative ε/√v̂ at most, so 50 steps of size η move apart by at most
  /// 50·η·ε/min √v̂ ≈ 50 · 0.01 · 1e-8 / 0.085 ≈ 6e-8 on these paths (the smallest gradient
  /// component along them is 0.085, on Rosenbrock). Measured: 2e-11 and 2e-9. The same runs
  /// with c = 1/1000, where ε weighs 10⁶ times more against √v̂, move apart by 2e-6 — ε is
  /// the only thing that breaks the invariance.
  @Test(arguments: Convention.allCases)
  func adamIsInvariantUpToEpsilon(_ convention: Convention) throws {
    let rule = try Adam(learningRate: 0.01, convention: convention)
    for (formula, start) in Self.functions {
      let plain = try AdamFamilyFixtures.run(rule, formula: formula, from: start, steps: 50)
      let scaled = try AdamFamilyFixtures.run(
        rule, formula: "1000*(\(formula))", from: start, steps: 50)
      let worst = AdamFamilyFixtures.deviation(scaled, plain)
      #expect(worst.error <= 6e-8, "\(formula): \(worst.error)")
      let shrunk = try AdamFamilyFixtures.run(
        rule, formula: "0.001*(\(formula))", from: start, steps: 50)
      #expect(AdamFamilyFixtures.deviation(shrunk, plain).error > worst.error)
    }
  }

  /// The rest of the family, ε = 0 and no weight decay, c = 1024: bit-identical iterates.
  /// (RAdam is not invariant: its first steps are η·m̂, which scale with c. Eve's feedback
  /// uses ratios of losses, which a power of two leaves exact.)
  @Test func familyIsExactlyInvariantWithoutEpsilon() throws {
    func check<Rule: UpdateRule>(_ rule: Rule) throws {
      for (formula, start) in Self.functions {
        let plain = try AdamFamilyFixtures.run(rule, formula: formula, from: start, steps: 50)
        let scaled = try AdamFamilyFixtures.run(
          rule, formula: "1024*(\(formula))", from: start, steps: 50)
        #expect(scaled == plain, "\(Rule.name) on \(formula)")
      }
    }
    try check(Adamax(learningRate: 0.01, epsilon: 0))
    try check(NAdam(learningRate: 0.01, epsilon: 0))
    try check(NAdam(learningRate: 0.01, epsilon: 0, convention: .optax))
    try check(Eve(learningRate: 0.01, epsilon: 0))
    try check(Lion(learningRate: 0.01, weightDecay: 0))
  }
}
