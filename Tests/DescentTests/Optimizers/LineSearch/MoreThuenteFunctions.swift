import Foundation
import Testing

/// The six test functions of Moré & Thuente 1994, §5, with the (μ, η) of the paper's tables.
///
/// Each is φ(α) with its derivative in closed form; the search is checked against the strong
/// Wolfe conditions for (c1, c2) = (μ, η) computed here, independently of the library.
struct MoreThuenteFunction: CustomTestStringConvertible, Sendable {
  var name: String
  var c1: Double
  var c2: Double
  var phi: @Sendable (Double) -> (value: Double, slope: Double)
  var testDescription: String { name }

  /// φ(α) = −α/(α² + β), β = 2: minimizer √2, φ nearly flat far out.
  static let one = MoreThuenteFunction(name: "1: -a/(a^2+2)", c1: 0.001, c2: 0.1) { a in
    let beta = 2.0
    let d = a * a + beta
    return (-a / d, (a * a - beta) / (d * d))
  }

  /// φ(α) = (α + β)⁵ − 2(α + β)⁴, β = 0.004: minimizer 1.6 − β, φ′(0) ≈ −5e-7 tiny.
  static let two = MoreThuenteFunction(name: "2: (a+b)^5-2(a+b)^4", c1: 0.001, c2: 0.1) { a in
    let t = a + 0.004
    return (pow(t, 5) - 2 * pow(t, 4), 5 * pow(t, 4) - 8 * pow(t, 3))
  }

  /// φ(α) = φ₀(α) + 2(1 − β)/(lπ)·sin(lπα/2), l = 39, β = 0.01, with φ₀ = 1 − α left of
  /// 1 − β, α − 1 right of 1 + β, and (α − 1)²/(2β) + β/2 between: many local minimizers.
  static let three = MoreThuenteFunction(name: "3: wiggly", c1: 0.1, c2: 0.1) { a in
    let (beta, l) = (0.01, 39.0)
    let (base, baseSlope): (Double, Double)
    if a <= 1 - beta {
      (base, baseSlope) = (1 - a, -1)
    } else if a >= 1 + beta {
      (base, baseSlope) = (a - 1, 1)
    } else {
      (base, baseSlope) = ((a - 1) * (a - 1) / (2 * beta) + beta / 2, (a - 1) / beta)
    }
    let w = l * Double.pi / 2
    return (
      base + 2 * (1 - beta) / (l * Double.pi) * sin(w * a), baseSlope + (1 - beta) * cos(w * a)
    )
  }

  /// φ(α) = γ(β₁)·√((1 − α)² + β₂²) + γ(β₂)·√(α² + β₁²), γ(β) = √(1 + β²) − β.
  static func psi(_ number: Int, _ beta1: Double, _ beta2: Double) -> MoreThuenteFunction {
    let gamma = { (b: Double) in (1 + b * b).squareRoot() - b }
    let (g1, g2) = (gamma(beta1), gamma(beta2))
    return MoreThuenteFunction(
      name: "\(number): psi(\(beta1), \(beta2))", c1: 0.001, c2: 0.001
    ) { a in
      let r1 = ((1 - a) * (1 - a) + beta2 * beta2).squareRoot()
      let r2 = (a * a + beta1 * beta1).squareRoot()
      return (g1 * r1 + g2 * r2, g1 * (a - 1) / r1 + g2 * a / r2)
    }
  }

  static let all = [
    one, two, three, psi(4, 0.001, 0.001), psi(5, 0.01, 0.001), psi(6, 0.001, 0.01),
  ]
  /// The paper's initial steps.
  static let initialSteps = [1e-3, 1e-1, 10, 1000]
}
