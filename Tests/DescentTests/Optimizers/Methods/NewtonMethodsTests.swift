import Foundation
import Testing

@testable import Descent

/// Newton, trust-region Newton, Newton-CG and saddle-free Newton through the driver loop: one
/// step on a quadratic, behaviour near and at a saddle.
@Suite struct NewtonMethodsTests {
  let quadratic = SeededQuadratic(seed: 20_241_123)
  let start: [Double] = [1, -2, 0.5, 3, -1]

  func options(gtol: Double = 1e-8, maxIterations: Int = 1000) -> MinimizeOptions {
    var options = MinimizeOptions()
    options.gradientTolerance = gtol
    options.maxIterations = maxIterations
    return options
  }

  /// The exact minimizer A⁻¹b of the seeded quadratic, by LAPACK.
  var quadraticMinimizer: [Double] {
    get throws {
      try Tensor.solve(NewtonFamilyFixtures.matrix(quadratic.a), Tensor(quadratic.b)).scalars
    }
  }

  @Test func newtonConvergesInOneStepOnAStrictlyConvexQuadratic() throws {
    let minimizer = try quadraticMinimizer
    let methods: [(String, any IterativeMethod)] = [
      ("newton", Newton()), ("newton plain", Newton(modified: false)),
      // A radius that holds the Newton step (‖x* − x₀‖ ≈ 3.9).
      ("newton-tr", NewtonTrustRegion(initialRadius: 10)),
      ("saddle-free", SaddleFreeNewton()),
    ]
    for (label, method) in methods {
      let result = try run(method, on: quadratic.formula.objective, from: start)
      // The model is f: x₁ = x* up to the rounding of one n = 5 solve (κ(A) ≈ 3).
      expectClose(result.trace[1].x, minimizer, rtol: 1e-12, atol: 1e-13, "\(label): x₁")
      #expect(result.iterations == 1, "\(label)")
      #expect(result.stopReason == .gradientTolerance, "\(label)")
      #expect(result.trace[1].lr == (method is NewtonTrustRegion ? nil : 1), "\(label): α = 1")
    }
  }

  func run(
    _ method: any IterativeMethod, on objective: any Objective, from start: [Double],
    options: MinimizeOptions? = nil
  ) throws -> MinimizeResult {
    func go<M: IterativeMethod>(_ m: M) throws -> MinimizeResult {
      try minimize(objective, from: start, method: m, options: options ?? self.options()).result
    }
    return try go(method)
  }

  static let saddles: [(formula: String, saddle: [Double], start: [Double])] = [
    ("(1 - w1*w2)^2", [0, 0], [1e-3, 1e-3]),
    ("x^2 - y^2 + 0.25*y^4", [0, 0], [1e-3, 1e-3]),
  ]

  @Test(arguments: 0..<2)
  func nearASaddlePlainNewtonApproachesItAndTheOthersDescendAway(_ index: Int) throws {
    let (formula, saddle, start) = Self.saddles[index]
    let objective = try Formula(formula).objective
    let distance0 = Vectors.norm(Vectors.difference(start, saddle))
    let f0 = try objective.value(at: start)

    let plain = try run(
      Newton(modified: false), on: objective, from: start, options: options(maxIterations: 1))
    let distance1 = Vectors.norm(Vectors.difference(plain.trace[1].x, saddle))
    // The quadratic model's stationary point is the saddle up to the cubic terms, O(ε²)
    // relative: 1e-3 relative leaves plenty of room while ruling out any other move.
    #expect(distance1 <= 1e-3 * distance0, "plain Newton: ‖x₁ − saddle‖ = \(distance1)")

    let methods: [(String, any IterativeMethod)] = [
      ("newton", Newton()), ("newton-tr", NewtonTrustRegion()),
      ("saddle-free", SaddleFreeNewton()),
    ]
    for (label, method) in methods {
      let first = try run(method, on: objective, from: start, options: options(maxIterations: 1))
      let x1 = first.trace[1].x
      #expect(first.trace[1].value < f0, "\(label): f decreases")
      // Saddle-free Newton multiplies the distance by √2 to 2 here (|H| ≈ 2I, α = 1); the
      // others go further.
      #expect(
        Vectors.norm(Vectors.difference(x1, saddle)) > 1.2 * distance0,
        "\(label): x₁ = \(x1) leaves the saddle")
      let full = try run(method, on: objective, from: start)
      #expect(full.stopReason == .gradientTolerance, "\(label)")
      // Both functions have minimum value 0 (x² − y² + y⁴/4 has −1 at y = ±√2).
      let minimum = index == 0 ? 0.0 : -1.0
      #expect(abs(full.value - minimum) <= 1e-12, "\(label): f = \(full.value)")
    }
  }

  @Test func exactlyAtASaddleTrustRegionNewtonEscapesAlongNegativeCurvature() throws {
    let objective = try Formula("(1 - w1*w2)^2").objective
    let (result, checkpoint) = try minimize(
      objective, from: [0, 0], method: NewtonTrustRegion(), options: options())
    // Step 1 is the hard case: Δ₀·v₁ with v₁ = (1, 1)/√2, the eigenvector of λ₁ = −2.
    let s = 1 / 2.0.squareRoot()
    expectClose(result.trace[1].x, [s, s], rtol: 1e-15, "Δ₀·v₁ to rounding")
    #expect(checkpoint.state.negativeCurvatureSteps >= 1)
    #expect(result.stopReason == .gradientTolerance)
    #expect(abs(result.value) <= 1e-15, "on the hyperbola w1·w2 = 1")
    #expect(abs(result.x[0] * result.x[1] - 1) <= 1e-7)

    // First-order methods see ∇f = 0 and stop where they are.
    for method in [LBFGS()] as [any IterativeMethod] + [GradientDescentLineSearch()] {
      let stuck = try run(method, on: objective, from: [0, 0])
      #expect(stuck.iterations == 0 && stuck.stopReason == .gradientTolerance)
      #expect(stuck.x == [0, 0])
    }
    // So do Newton-CG and saddle-free Newton: with g = 0 they have no direction.
    for method in [NewtonCG()] as [any IterativeMethod] + [SaddleFreeNewton()] {
      let stuck = try run(method, on: objective, from: [0, 0])
      #expect(stuck.iterations == 0)
    }
  }

  @Test func continuesPastStationaryPointOnlyWithNegativeCurvature() throws {
    let method = NewtonTrustRegion()
    let state = NewtonTrustRegion.State(radius: 1)
    func check(_ formula: String, at x: [Double]) throws -> Bool {
      let objective = try Formula(formula).objective
      let (f, g) = try objective.valueAndGradient(at: x)
      return try method.continuesPastStationaryPoint(
        Iterate(x: x, value: f, gradient: g), state: state, evaluator: ObjectiveEvaluator(objective)
      )
    }
    #expect(try check("(1 - w1*w2)^2", at: [0, 0]))  // eigenvalues ±2
    #expect(try !check("x^2 + y^2", at: [0, 0]))  // a minimum
    #expect(try !check("x^4 + y^2", at: [0, 0]))  // eigenvalues 0, 2: degenerate minimum
    #expect(try check("x^2 - 1e-6*y^2", at: [0, 0]))  // −2e-6 < −1e-8·2
    // Steihaug-CG has no eigenvalues to look at.
    let cg = NewtonTrustRegion(subproblem: .steihaugCG)
    let objective = try Formula("(1 - w1*w2)^2").objective
    #expect(
      try !cg.continuesPastStationaryPoint(
        Iterate(x: [0, 0], value: 1, gradient: [0, 0]), state: state,
        evaluator: ObjectiveEvaluator(objective)))
  }
}

extension NewtonMethodsTests {
  @Test func resumedTrustRegionNewtonContinuesBitForBit() throws {
    let rosenbrock = try BuiltinObjective.named("rosenbrock")!.parsed().objective
    let method = NewtonTrustRegion()
    // 15 iterations: past the first rejected trials, so the radius in the state matters.
    let (straight, straightCheckpoint) = try minimize(
      rosenbrock, from: [-1.2, 1], method: method, options: options(gtol: 0, maxIterations: 15))
    let (_, checkpoint) = try minimize(
      rosenbrock, from: [-1.2, 1], method: method, options: options(gtol: 0, maxIterations: 7))
    let data = try JSONEncoder().encode(checkpoint)
    let restored = try JSONDecoder().decode(
      RunCheckpoint<NewtonTrustRegion.State>.self, from: data)
    #expect(restored == checkpoint)
    let (resumed, resumedCheckpoint) = try minimize(
      rosenbrock, from: [-1.2, 1], method: method, options: options(gtol: 0, maxIterations: 15),
      resumingFrom: restored)
    #expect(straight.iterations == 15 && straightCheckpoint.state.rejected > 0)
    #expect(resumed.x.map(\.bitPattern) == straight.x.map(\.bitPattern))
    #expect(resumed.trace == straight.trace)
    #expect(resumed.evaluations == straight.evaluations)
    #expect(resumedCheckpoint.state == straightCheckpoint.state)
  }

  @Test func hyperparametersShowDampingAndUseReferenceNames() {
    guard case .object(let newton) = Newton(damping: 0.5).hyperparameters,
      case .object(let plain) = Newton(modified: false).hyperparameters,
      case .object(let region) = NewtonTrustRegion().hyperparameters,
      case .object(let saddleFree) = SaddleFreeNewton(damping: 0.25).hyperparameters,
      case .object(let cg) = NewtonCG().hyperparameters
    else {
      Issue.record("hyperparameters are not objects")
      return
    }
    #expect(newton["damping"] == .number(0.5) && newton["beta"] == .number(1e-3))
    #expect(newton["modified"] == .bool(true) && plain["modified"] == .bool(false))
    #expect(plain["step"] == .number(1) && plain["linesearch"] == nil)
    // Optim.jl's NewtonTrustRegion names and defaults; Δ₀ is Dennis and Schnabel's Cauchy length.
    #expect(region["initial_delta"] == .string("cauchy") && region["delta_hat"] == .number(100))
    #expect(region["eta"] == .number(0.1) && region["rho_lower"] == .number(0.25))
    #expect(region["rho_upper"] == .number(0.75) && region["subproblem"] == .string("automatic"))
    #expect(saddleFree["damping"] == .number(0.25))
    #expect(cg["cg_maxiter"] == .string("20*n"))
  }

  @Test func automaticSubproblemIsExactUpTo200Variables() {
    #expect(NewtonTrustRegion.Subproblem.automatic.resolved(dimension: 200) == .exact)
    #expect(NewtonTrustRegion.Subproblem.automatic.resolved(dimension: 201) == .steihaugCG)
    #expect(NewtonTrustRegion.Subproblem.exact.resolved(dimension: 1000) == .exact)
  }
}
