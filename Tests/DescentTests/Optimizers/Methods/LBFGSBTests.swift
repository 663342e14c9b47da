import Foundation
import Testing

@testable import Descent

/// `Fixtures/quasi_newton.json`, written by `Scripts/references/quasi_newton.py`: SciPy's CG,
/// BFGS and L-BFGS-B from the built-in starts, and L-BFGS-B in boxes with tight tolerances.
enum QuasiNewtonFixtures {
  struct Unconstrained: Decodable, CustomTestStringConvertible, Sendable {
    var problem: String
    var method: String
    var start: [Double]
    var x: [Double]
    var fun: Double
    var nfev: Int
    var nit: Int
    var testDescription: String { "\(method) on \(problem)" }
  }

  struct Bounded: Decodable, CustomTestStringConvertible, Sendable {
    var id: String
    var problem: String
    var lower: [Bound]
    var upper: [Bound]
    var start: [Double]
    var x: [Double]
    var fun: Double
    var nfev: Int
    var testDescription: String { id }
  }

  /// A number, or "Infinity" / "-Infinity".
  struct Bound: Decodable, Sendable {
    var value: Double
    init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let number = try? container.decode(Double.self) {
        value = number
      } else {
        value = try container.decode(String.self).hasPrefix("-") ? -.infinity : .infinity
      }
    }
  }

  struct Document: Decodable {
    var generator: String
    var unconstrained: [Unconstrained]
    var bounded: [Bounded]
  }

  static let document: Document? = {
    guard
      let url = Bundle.module.url(
        forResource: "quasi_newton", withExtension: "json", subdirectory: "Fixtures"),
      let data = try? Data(contentsOf: url)
    else { return nil }
    return try? JSONDecoder().decode(Document.self, from: data)
  }()

  static func unconstrained(_ method: String) -> [Unconstrained] {
    document?.unconstrained.filter { $0.method == method } ?? []
  }

  static var bounded: [Bounded] { document?.bounded ?? [] }

  /// Runs `method` from the fixture's start with gradientTolerance 1e-5 (SciPy's gtol and
  /// pgtol) and checks the minimum and the cost against SciPy's.
  static func compare<Method: IterativeMethod>(
    _ reference: Unconstrained, method: Method,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let objective = try #require(BuiltinObjective.named(reference.problem)).parsed().objective
    var options = MinimizeOptions()
    options.gradientTolerance = 1e-5
    options.maxIterations = 5000
    let (result, _) = try minimize(
      objective, from: reference.start, method: method, options: options)
    #expect(result.stopReason == .gradientTolerance, sourceLocation: sourceLocation)
    // Both stop at ‖∇f‖∞ ≤ 1e-5 (SciPy's L-BFGS-B possibly earlier, on factr): f agrees to
    // about ‖∇f‖²/λmin ≈ 1e-9 at a minimum; the problems' minima are 0, so an absolute
    // tolerance of 1e-8 separates "the same minimum" from a different one.
    let sameMinimum = abs(result.value - reference.fun) <= 1e-8
    if !sameMinimum {
      // A different minimum is acceptable only if it is a better one (SciPy's BFGS stops at
      // the local minimum f ≈ 3.99 of the 10-dimensional chained Rosenbrock).
      #expect(
        result.value < reference.fun, "\(result.value) vs SciPy's \(reference.fun)",
        sourceLocation: sourceLocation)
    }
    // Evaluations: each of ours is one f and ∇f together, like each of SciPy's (jac=True).
    let ours = result.evaluations.g + result.evaluations.f
    print(
      "quasi-newton: \(reference.method) on \(reference.problem): ours \(ours) evaluations, "
        + "\(result.iterations) iterations, f = \(result.value); SciPy \(reference.nfev), "
        + "\(reference.nit), f = \(reference.fun)")
    #expect(
      ours <= 2 * reference.nfev, "\(ours) evaluations vs SciPy's \(reference.nfev)",
      sourceLocation: sourceLocation)
  }
}

@Suite struct LBFGSBTests {
  func options(gtol: Double, maxIterations: Int = 1000) -> MinimizeOptions {
    var options = MinimizeOptions()
    options.gradientTolerance = gtol
    options.maxIterations = maxIterations
    return options
  }

  /// Checks the first-order conditions of min f over the box at x: the projected gradient
  /// within `tolerance`, gᵢ ≥ −tolerance at a lower bound, gᵢ ≤ tolerance at an upper bound.
  func expectKKT(
    _ result: MinimizeResult, _ bounds: Bounds, tolerance: Double,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let (x, g) = (result.x, result.gradient)
    #expect(bounds.contains(x), "x = \(x) outside the box", sourceLocation: sourceLocation)
    let projected = bounds.projectedGradientNorm(at: x, gradient: g)
    #expect(
      projected <= tolerance, "‖P(x − g) − x‖∞ = \(projected)", sourceLocation: sourceLocation)
    for i in x.indices {
      if x[i] == bounds.lower[i] && x[i] < bounds.upper[i] {
        #expect(
          g[i] >= -tolerance, "g[\(i)] = \(g[i]) at a lower bound", sourceLocation: sourceLocation)
      } else if x[i] == bounds.upper[i] && x[i] > bounds.lower[i] {
        #expect(
          g[i] <= tolerance, "g[\(i)] = \(g[i]) at an upper bound", sourceLocation: sourceLocation)
      } else if x[i] != bounds.lower[i] {
        #expect(abs(g[i]) <= tolerance, "g[\(i)] = \(g[i]) inside", sourceLocation: sourceLocation)
      }
    }
  }

  @Test func infiniteBoundsReproduceLBFGS() throws {
    let rosenbrock = try BuiltinObjective.named("rosenbrock")!.parsed().objective
    let (boxed, _) = try minimize(
      rosenbrock, from: [-1.2, 1], method: LBFGSB(bounds: .unbounded(dimension: 2)),
      options: options(gtol: 1e-8))
    let (free, _) = try minimize(
      rosenbrock, from: [-1.2, 1], method: LBFGS(), options: options(gtol: 1e-8))
    #expect(boxed.stopReason == .gradientTolerance)
    // With no bound the Cauchy point and the subspace step compose to x − H·g, the L-BFGS
    // direction, computed through the compact form instead of the two-loop recursion: the
    // same iterates up to rounding, which the run amplifies (hence only the first ten, and
    // 1e-8 relative).
    for k in 1...min(10, boxed.trace.count - 1, free.trace.count - 1) {
      expectClose(boxed.trace[k].x, free.trace[k].x, rtol: 1e-8, atol: 1e-10, "iteration \(k)")
    }
    #expect(
      abs(boxed.iterations - free.iterations) <= 2, "\(boxed.iterations) vs \(free.iterations)")
    expectClose(boxed.x, [1, 1], atol: 1e-7)
  }

  @Test func inactiveBoundsReachTheUnconstrainedMinimum() throws {
    // Bounds that do not hold at the minimum still shape the path (the first Cauchy point
    // from (−1.2, 1) lies ‖g‖ ≈ 233 away and is clipped by the box), so the iterates differ
    // from L-BFGS's; the minimum, the stop reason and the cost do not.
    let rosenbrock = try BuiltinObjective.named("rosenbrock")!.parsed().objective
    let box = try Bounds(lower: [-10, -10], upper: [10, 10])
    let (boxed, _) = try minimize(
      rosenbrock, from: [-1.2, 1], method: LBFGSB(bounds: box), options: options(gtol: 1e-8))
    let (free, _) = try minimize(
      rosenbrock, from: [-1.2, 1], method: LBFGS(), options: options(gtol: 1e-8))
    #expect(boxed.stopReason == .gradientTolerance && free.stopReason == .gradientTolerance)
    // ‖∇f‖∞ ≤ 1e-8 at (1, 1), smallest Hessian eigenvalue ≈ 0.4: ‖x − x*‖ ≲ 3e-8.
    expectClose(boxed.x, [1, 1], atol: 1e-7)
    expectClose(boxed.x, free.x, atol: 1e-7)
    #expect(
      boxed.evaluations.g <= 2 * free.evaluations.g, "\(boxed.evaluations) vs \(free.evaluations)")
  }

  @Test func rosenbrockInABoxThatExcludesTheMinimum() throws {
    // For x₁ ≤ ½ the minimiser is (½, ¼): f = (1 − x₁)² once x₂ = x₁², decreasing up to the
    // bound, where ∂f/∂x₁ = −2(1 − ½) = −1 < 0 (pushing against the upper bound).
    let rosenbrock = try BuiltinObjective.named("rosenbrock")!.parsed().objective
    let box = try Bounds(lower: [-2, -2], upper: [0.5, 2])
    let (result, _) = try minimize(
      rosenbrock, from: [-1.2, 1], method: LBFGSB(bounds: box), options: options(gtol: 1e-8))
    #expect(result.stopReason == .gradientTolerance)
    expectClose(result.x, [0.5, 0.25], atol: 1e-8)
    #expect(abs(result.value - 0.25) <= 1e-12)
    expectKKT(result, box, tolerance: 1e-8)
    // The bound is active with the sign that holds it there.
    expectClose(result.gradient, [-1, 0], atol: 1e-7)
  }

  @Test func diagonalQuadraticMinimiserIsTheClippedCentre() throws {
    // f = ½Σ dᵢ(xᵢ − cᵢ)²: separable, so the constrained minimiser is clip(c, l, u).
    let d: [Double] = [1, 10, 100, 3, 0.5, 30]
    let c: [Double] = [2, -3, 0.5, 0.25, -1, 7]
    let box = try Bounds(
      lower: [-1, -1, -1, -.infinity, 0, -.infinity], upper: [1, 1, 1, 0, .infinity, 5])
    let names = (1...6).map { "x\($0)" }
    let formula = zip(zip(d, c), names).map { "0.5*\($0.0)*(\($1) - (\($0.1)))^2" }
      .joined(separator: " + ")
    let objective = try Formula(formula, variables: names).objective
    let (result, _) = try minimize(
      objective, from: [0, 0, 0, -1, 2, 0], method: LBFGSB(bounds: box),
      options: options(gtol: 1e-10))
    #expect(result.stopReason == .gradientTolerance)
    let expected = box.projected(c)
    #expect(expected == [1, -1, 0.5, 0, 0, 5])
    // Free coordinates: |gᵢ| ≤ 1e-10 means |xᵢ − cᵢ| ≤ 1e-10/dᵢ ≤ 2e-10.
    expectClose(result.x, expected, atol: 1e-9)
    expectKKT(result, box, tolerance: 1e-10)
  }

  @Test(arguments: QuasiNewtonFixtures.bounded)
  func matchesSciPyInABox(_ reference: QuasiNewtonFixtures.Bounded) throws {
    let builtin = try #require(BuiltinObjective.named(reference.problem))
    let box = try Bounds(lower: reference.lower.map(\.value), upper: reference.upper.map(\.value))
    let (result, _) = try minimize(
      try builtin.parsed().objective, from: reference.start, method: LBFGSB(bounds: box),
      options: options(gtol: 1e-7, maxIterations: 5000))
    #expect(result.stopReason == .gradientTolerance)
    // SciPy ran to pgtol 1e-10 (and stopped on ftol 1e-15 with 9e-9 at worst). Ours runs to
    // 1e-7: below that the 10-dimensional case is at the rounding level of f ≈ 6.7 (a Wolfe
    // search cannot see decreases of 1e-15). At an isolated constrained minimum with
    // curvature ≳ 0.1 on the free coordinates, a projected gradient of 1e-7 means
    // |Δx| ≲ 1e-6 and |Δf| ≲ 1e-13.
    expectClose(result.x, reference.x, rtol: 1e-5, atol: 1e-6)
    #expect(abs(result.value - reference.fun) <= 1e-11 * max(1, abs(reference.fun)))
    expectKKT(result, box, tolerance: 1e-7)
    print(
      "quasi-newton: lbfgsb on \(reference.id): ours \(result.evaluations.g) evaluations, "
        + "SciPy \(reference.nfev) (at tighter tolerances)")
  }

  @Test func aStartOutsideTheBoxIsProjected() throws {
    let rosenbrock = try BuiltinObjective.named("rosenbrock")!.parsed().objective
    let box = try Bounds(lower: [-2, -2], upper: [0.5, 2])
    let (result, _) = try minimize(
      rosenbrock, from: [3, 1], method: LBFGSB(bounds: box), options: options(gtol: 1e-8))
    #expect(result.trace[0].x == [3, 1])
    // The first iteration is the projection P(3, 1) = (0.5, 1).
    #expect(result.trace[1].x == [0.5, 1])
    for entry in result.trace.dropFirst() {
      #expect(box.contains(entry.x), "step \(entry.step): \(entry.x)")
    }
    expectClose(result.x, [0.5, 0.25], atol: 1e-8)
    expectKKT(result, box, tolerance: 1e-8)
  }

  @Test(arguments: QuasiNewtonFixtures.unconstrained("L-BFGS-B"))
  func unboundedMatchesSciPy(_ reference: QuasiNewtonFixtures.Unconstrained) throws {
    let method = LBFGSB(bounds: .unbounded(dimension: reference.start.count))
    try QuasiNewtonFixtures.compare(reference, method: method)
  }

  @Test(arguments: QuasiNewtonFixtures.unconstrained("L-BFGS-B"))
  func lbfgsMatchesSciPy(_ reference: QuasiNewtonFixtures.Unconstrained) throws {
    try QuasiNewtonFixtures.compare(reference, method: LBFGS())
  }

  @Test func fixtureIsPresent() throws {
    let document = try #require(QuasiNewtonFixtures.document, "Fixtures/quasi_newton.json")
    #expect(document.unconstrained.count == 12 && document.bounded.count == 6)
    #expect(document.generator.contains("scipy"))
  }

  @Test func hyperparametersUseSciPyNames() {
    let method = LBFGSB(bounds: .unbounded(dimension: 2))
    guard case .object(let object) = method.hyperparameters else {
      Issue.record("hyperparameters are not a JSON object")
      return
    }
    #expect(object["maxcor"] == .number(10))
    #expect(object["lower"] == .array([.string("-Infinity"), .string("-Infinity")]))
    #expect(method.name == "lbfgsb")
  }
}

/// The pieces of an L-BFGS-B iteration, checked against independent computations.
extension LBFGSBTests {
  /// Five pairs from the first L-BFGS iterations on the 10-dimensional Rosenbrock function.
  func pairs() throws -> (s: [[Double]], y: [[Double]], x: [Double], g: [Double]) {
    let builtin = BuiltinObjective.named("rosenbrock:10")!
    let (_, checkpoint) = try minimize(
      try builtin.parsed().objective, from: builtin.start, method: LBFGS(memory: 5),
      options: options(gtol: 0, maxIterations: 8))
    return (
      checkpoint.state.s, checkpoint.state.y, checkpoint.current.x,
      checkpoint.current.gradient
    )
  }

  @Test func compactFormInvertsTheTwoLoopRecursion() throws {
    let (s, y, _, g) = try pairs()
    let model = try #require(LBFGSB.CompactForm(s: s, y: y))
    // The two-loop recursion applies H = B⁻¹ (same pairs, H₀ = I/θ): B·(H·g) = g. Both are
    // O(ε·κ(B)) accurate; κ(B) here is below 1e4.
    let hg = LBFGS().direction(g, state: LBFGS.State(s: s, y: y)).map { -$0 }
    expectClose(model.times(hg), g, rtol: 1e-9, atol: 1e-9 * Vectors.norm(g))
    // The secant equation of the newest pair: B·s = y.
    expectClose(model.times(s.last!), y.last!, rtol: 1e-9, atol: 1e-12)
  }

  @Test func cauchyPointMinimisesTheModelAlongTheProjectedPath() throws {
    let (s, y, x, g) = try pairs()
    let model = try #require(LBFGSB.CompactForm(s: s, y: y))
    // A box around x tight enough that the path P(x − t·g) bends at several breakpoints.
    let box = try Bounds(lower: x.map { $0 - 0.05 }, upper: x.map { $0 + 0.02 })
    let (point, c) = LBFGSB.cauchyPoint(x: x, gradient: g, bounds: box, model: model)
    func quadratic(_ z: [Double]) -> Double {
      let d = Vectors.difference(z, x)
      return Vectors.dot(g, d) + 0.5 * Vectors.dot(d, model.times(d))
    }
    // c = Wᵀ(x^c − x), which the subspace step reuses.
    expectClose(c, model.transposeTimes(Vectors.difference(point, x)), rtol: 1e-9, atol: 1e-12)
    // The model along the path, sampled finely: nothing before x^c is lower, and x^c is on
    // the path (some sample reaches it).
    let mc = quadratic(point)
    var firstMinimum = Double.infinity
    var onPath = false
    for k in 0...20_000 {
      let t = Double(k) * 1e-6
      let z = box.projected(zip(x, g).map { $0 - t * $1 })
      let m = quadratic(z)
      if Vectors.norm(Vectors.difference(z, point)) <= 1e-6 { onPath = true }
      if m < firstMinimum { firstMinimum = m } else if m > firstMinimum + 1e-12 { break }
    }
    #expect(onPath, "x^c is not on the projected-gradient path")
    // Sampling at Δt = 1e-6 misses the exact minimiser by a second-order amount.
    #expect(abs(mc - firstMinimum) <= 1e-8 * abs(firstMinimum), "\(mc) vs sampled \(firstMinimum)")
    #expect(mc < 0)
  }

  @Test func subspaceStepWithEveryVariableFreeIsTheQuasiNewtonStep() throws {
    let (s, y, x, g) = try pairs()
    let model = try #require(LBFGSB.CompactForm(s: s, y: y))
    let box = Bounds.unbounded(dimension: x.count)
    let cauchy = LBFGSB.cauchyPoint(x: x, gradient: g, bounds: box, model: model)
    let end = LBFGSB.subspaceMinimum(
      x: x, gradient: g, cauchy: cauchy, bounds: box, model: model)
    // The Sherman–Morrison–Woodbury formula from x^c lands on x − B⁻¹g, the two-loop step.
    let d = LBFGS().direction(g, state: LBFGS.State(s: s, y: y))
    expectClose(
      Vectors.difference(end, x), d, rtol: 1e-8, atol: 1e-10 * Vectors.norm(d))
  }
}

extension LBFGSBTests {
  @Test func aProjectedStartThatIsOptimalEndsTheRun() throws {
    // Himmelblau in [1, 2]²: the minimiser is the corner (2, 2), where g = (−42, −18) points
    // out of the box. From (5, 5) the projection lands on it and the run stops there.
    let himmelblau = try BuiltinObjective.named("himmelblau")!.parsed().objective
    let box = try Bounds(lower: [1, 1], upper: [2, 2])
    let (result, _) = try minimize(
      himmelblau, from: [5, 5], method: LBFGSB(bounds: box), options: options(gtol: 1e-8))
    #expect(result.stopReason == .gradientTolerance)
    #expect(result.x == [2, 2] && result.iterations == 1 && result.value == 26)
    #expect(result.evaluations.g == 2)
    expectKKT(result, box, tolerance: 0)
  }

  @Test func resumedRunContinuesBitForBit() throws {
    let rosenbrock = try BuiltinObjective.named("rosenbrock")!.parsed().objective
    let method = LBFGSB(memory: 3, bounds: try Bounds(lower: [-2, -2], upper: [0.5, 2]))
    let (straight, _) = try minimize(
      rosenbrock, from: [-1.2, 1], method: method, options: options(gtol: 0, maxIterations: 15))
    let (_, checkpoint) = try minimize(
      rosenbrock, from: [-1.2, 1], method: method, options: options(gtol: 0, maxIterations: 7))
    let data = try JSONEncoder().encode(checkpoint)
    let restored = try JSONDecoder().decode(RunCheckpoint<LBFGSB.State>.self, from: data)
    let (resumed, _) = try minimize(
      rosenbrock, from: [-1.2, 1], method: method, options: options(gtol: 0, maxIterations: 15),
      resumingFrom: restored)
    #expect(resumed.x.map(\.bitPattern) == straight.x.map(\.bitPattern))
    #expect(resumed.evaluations == straight.evaluations)
  }
}

extension LBFGSBTests {
  @Test func equalBoundsHoldACoordinateFixed() throws {
    // x₃ = 0.5 fixed in the 10-dimensional Rosenbrock function: it never moves, and the
    // other coordinates reach the KKT point of the reduced problem.
    let builtin = BuiltinObjective.named("rosenbrock:10")!
    var lower = [Double](repeating: -.infinity, count: 10)
    var upper = [Double](repeating: .infinity, count: 10)
    (lower[2], upper[2]) = (0.5, 0.5)
    let box = try Bounds(lower: lower, upper: upper)
    var start = builtin.start
    start[2] = 0.5
    let (result, _) = try minimize(
      try builtin.parsed().objective, from: start, method: LBFGSB(bounds: box),
      options: options(gtol: 1e-7, maxIterations: 2000))
    #expect(result.stopReason == .gradientTolerance)
    #expect(result.trace.allSatisfy { $0.x[2] == 0.5 })
    // The free coordinates meet ‖g‖∞ ≤ 1e-7; the fixed one may have any gradient.
    expectKKT(result, box, tolerance: 1e-7)
    #expect(result.value > 0, "fixing x₃ ≠ 1 excludes the unconstrained minimum")
  }
}
