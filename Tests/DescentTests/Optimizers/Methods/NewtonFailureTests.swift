import Foundation
import Testing

@testable import Descent

/// The Newton family where things go wrong: a singular Hessian, NaN part-way through a run,
/// an objective unbounded below. No crash, no success reported where there is none.
@Suite struct NewtonFailureTests {
  /// f(x) with NaN everywhere x₀ ≥ `wall` (value, gradient, Hessian and products alike).
  struct NaNBeyond: TwiceDifferentiableObjective {
    let base: AutodiffObjective
    let wall: Double
    var dimension: Int { base.dimension }

    func poisoned(_ x: [Double]) -> Bool { x[0] >= wall }
    var nans: [Double] { Array(repeating: .nan, count: dimension) }

    func value(at x: [Double]) throws -> Double {
      poisoned(x) ? .nan : try base.value(at: x)
    }
    func valueAndGradient(at x: [Double]) throws -> (value: Double, gradient: [Double]) {
      poisoned(x) ? (.nan, nans) : try base.valueAndGradient(at: x)
    }
    func hessianVectorProduct(at x: [Double], along v: [Double]) throws -> [Double] {
      poisoned(x) ? nans : try base.hessianVectorProduct(at: x, along: v)
    }
    func valueGradientAndHessian(at x: [Double]) throws -> (
      value: Double, gradient: [Double], hessian: Tensor
    ) {
      if poisoned(x) {
        return (.nan, nans, Tensor(shape: [dimension, dimension], repeating: .nan))
      }
      return try base.valueGradientAndHessian(at: x)
    }
  }

  static var methods: [(String, any IterativeMethod)] {
    [
      ("newton", Newton()), ("newton-tr", NewtonTrustRegion()),
      ("newton-tr/steihaug", NewtonTrustRegion(subproblem: .steihaugCG)),
      ("newton-cg", NewtonCG()), ("saddle-free", SaddleFreeNewton()),
    ]
  }

  func run(
    _ method: any IterativeMethod, on objective: any Objective, from start: [Double],
    maxIterations: Int = 1000
  ) throws -> MinimizeResult {
    var options = MinimizeOptions()
    options.maxIterations = maxIterations
    func go<M: IterativeMethod>(_ m: M) throws -> MinimizeResult {
      try minimize(objective, from: start, method: m, options: options).result
    }
    return try go(method)
  }

  @Test func plainNewtonStopsOnASingularHessianAndKeepsThePoint() throws {
    // (x + y)²: H = [[2, 2], [2, 2]] is singular everywhere; from (1, 0), g = (2, 2) ≠ 0.
    let objective = try Formula("(x + y)^2").objective
    let plain = try run(Newton(modified: false), on: objective, from: [1, 0])
    #expect(plain.stopReason == .singularHessian)
    #expect(plain.x == [1, 0] && plain.iterations == 0 && plain.value == 1)
    #expect(!plain.converged)
    // Damping λ = 1 makes H + I = [[3, 2], [2, 3]] regular: plain Newton now moves.
    let damped = try run(Newton(modified: false, damping: 1), on: objective, from: [1, 0])
    #expect(damped.iterations > 0 && damped.stopReason == .gradientTolerance)
    // The modified and trust-region methods handle it: x + y → 0.
    for (label, method) in Self.methods {
      let result = try run(method, on: objective, from: [1, 0])
      #expect(result.stopReason == .gradientTolerance, "\(label)")
      #expect(abs(result.x[0] + result.x[1]) <= 1e-8, "\(label): x = \(result.x)")
    }
  }

  @Test func aNaNPartWayStopsWithoutCrashOrFalseSuccess() throws {
    // (x − 3)² + (y − 1)², NaN for x ≥ 2: the minimizer (3, 1) is beyond the wall.
    let objective = NaNBeyond(
      base: try Formula("(x - 3)^2 + (y - 1)^2").objective, wall: 2)
    let plain = try run(Newton(modified: false), on: objective, from: [0, 0])
    // The full step lands on (3, 1): the loop's non-finite check keeps the start.
    #expect(plain.stopReason == .nonFinite)
    #expect(plain.x == [0, 0] && plain.divergence != nil)
    for (label, method) in Self.methods {
      let result = try run(method, on: objective, from: [0, 0])
      #expect(!result.converged, "\(label): \(result.stopReason)")
      #expect(result.x[0] < 2 && result.value.isFinite, "\(label): x = \(result.x)")
      #expect(result.value < 10, "\(label): f went down from f(0, 0) = 10")
    }
    // The trust region shrinks around the wall until the radius collapses on a NaN trial.
    let tr = try run(NewtonTrustRegion(), on: objective, from: [0, 0])
    #expect(tr.stopReason == .nonFinite)
  }

  @Test func aNaNHessianStopsTheRun() throws {
    // Start right at the wall's edge: f and ∇f are finite at x₀ = 1.999…, the Hessian is
    // asked at the same point and is finite too; so poison the Hessian alone instead.
    struct NaNHessian: TwiceDifferentiableObjective {
      let base: AutodiffObjective
      var dimension: Int { base.dimension }
      func value(at x: [Double]) throws -> Double { try base.value(at: x) }
      func valueAndGradient(at x: [Double]) throws -> (value: Double, gradient: [Double]) {
        try base.valueAndGradient(at: x)
      }
      func hessianVectorProduct(at x: [Double], along v: [Double]) throws -> [Double] {
        v.map { _ in .nan }
      }
      func valueGradientAndHessian(at x: [Double]) throws -> (
        value: Double, gradient: [Double], hessian: Tensor
      ) {
        let (f, g) = try base.valueAndGradient(at: x)
        return (f, g, Tensor(shape: [dimension, dimension], repeating: .nan))
      }
    }
    let objective = NaNHessian(base: try Formula("x^2 + y^2").objective)
    for (label, method) in Self.methods + [("newton plain", Newton(modified: false))] {
      let result = try run(method, on: objective, from: [1, 1])
      #expect(result.stopReason == .nonFinite, "\(label): \(result.stopReason)")
      #expect(result.x == [1, 1], "\(label)")
    }
  }

  @Test(arguments: ["x^2 - y^2", "-x^2 - 0.5*y^2"])
  func unboundedBelowIsNeverReportedAsConvergence(_ formula: String) throws {
    let objective = try Formula(formula).objective
    let start = [1.0, 1e-3]
    let f0 = try objective.value(at: start)
    for (label, method) in Self.methods {
      // 200 iterations: the trust region walks off at ≤ Δ_max = 100 per step.
      let result = try run(method, on: objective, from: start, maxIterations: 200)
      #expect(!result.converged, "\(label): \(result.stopReason)")
      // f never goes up (Newton-CG's strong Wolfe search finds no step along a ray where f
      // falls without bound, and stops at x₀).
      #expect(result.value <= f0 && result.value.isFinite, "\(label): f = \(result.value)")
      #expect(
        [.nonFinite, .diverged, .maxIterations, .lineSearchFailed].contains(result.stopReason),
        "\(label): \(result.stopReason)")
    }
  }
}
