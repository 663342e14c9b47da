import Foundation
import Testing

@testable import Descent

/// f(x) = ½xᵀAx − bᵀx with A = Q·diag(λ)·Qᵀ, Q a seeded Householder reflection and λ spread
/// log-uniformly over [1, κ]: a strictly convex quadratic whose inverse Hessian and minimiser
/// have closed forms, A⁻¹ = Q·diag(1/λ)·Qᵀ and x* = A⁻¹b.
struct RotatedQuadratic: DifferentiableObjective {
  let dimension: Int
  let eigenvalues: [Double]
  /// The Householder vector v of Q = I − 2vvᵀ/vᵀv.
  let reflector: [Double]
  let b: [Double]

  init(n: Int, conditionNumber kappa: Double, seed: UInt64) {
    var generator = SeededGenerator(seed: seed)
    dimension = n
    eigenvalues = (0..<n).map { pow(kappa, Double($0) / Double(n - 1)) }
    reflector = (0..<n).map { _ in Double.random(in: -1...1, using: &generator) }
    b = (0..<n).map { _ in Double.random(in: -1...1, using: &generator) }
  }

  /// Q·v (Q is symmetric and its own inverse).
  func reflect(_ v: [Double]) -> [Double] {
    let scale = 2 * Vectors.dot(reflector, v) / Vectors.dot(reflector, reflector)
    return zip(v, reflector).map { $0 - scale * $1 }
  }

  /// Q·diag(λᵖ)·Qᵀ·v.
  func power(_ p: Double, times v: [Double]) -> [Double] {
    reflect(zip(reflect(v), eigenvalues).map { $0 * pow($1, p) })
  }

  /// A⁻¹, row-major.
  var inverse: [Double] {
    (0..<dimension).flatMap { i in
      power(-1, times: (0..<dimension).map { $0 == i ? 1 : 0 })
    }
  }

  var minimiser: [Double] { power(-1, times: b) }

  func value(at x: [Double]) throws -> Double {
    0.5 * Vectors.dot(x, power(1, times: x)) - Vectors.dot(b, x)
  }

  func valueAndGradient(at x: [Double]) throws -> (value: Double, gradient: [Double]) {
    let ax = power(1, times: x)
    return (0.5 * Vectors.dot(x, ax) - Vectors.dot(b, x), Vectors.difference(ax, b))
  }
}

/// The exact line search on a quadratic: φ′ is linear in α, so one trial α₁ gives the zero
/// of φ′ by the secant α* = α₁·φ′(0)/(φ′(0) − φ′(α₁)), which is then evaluated.
struct ExactQuadraticLineSearch: LineSearch {
  func search(
    _ phi: (Double) throws -> (value: Double, slope: Double), initialStep: Double,
    value0: Double, slope0: Double
  ) throws -> LineSearchResult {
    if let failure = LineSearchStart.failure(value0: value0, slope0: slope0) { return failure }
    let (_, slope1) = try phi(initialStep)
    let step = initialStep * slope0 / (slope0 - slope1)
    let (value, slope) = try phi(step)
    return LineSearchResult(
      step: step, value: value, slope: slope, evaluations: 2, outcome: .accepted)
  }
}

@Suite struct BFGSTests {
  let quadratic = RotatedQuadratic(n: 8, conditionNumber: 1e3, seed: 4_242)
  let start: [Double] = [1, -1, 0.5, 2, -0.5, 0, 1.5, -2]

  func options(gtol: Double, maxIterations: Int = 1000) -> MinimizeOptions {
    var options = MinimizeOptions()
    options.gradientTolerance = gtol
    options.maxIterations = maxIterations
    return options
  }

  @Test func exactLineSearchEndsInAtMostNStepsWithTheInverseHessian() throws {
    let method = BFGS(lineSearch: ExactQuadraticLineSearch(), initialInverseHessian: .identity)
    let n = quadratic.dimension
    let (result, checkpoint) = try minimize(
      quadratic, from: start, method: method, options: options(gtol: 0, maxIterations: n))
    #expect(result.iterations == n)
    // Quadratic termination (Fletcher 1987 Thm 3.4.1; N&W §6.1): xₙ = x*. Rounding in n
    // steps on a problem with κ = 1e3 leaves about 1e-15 (NumPy, same algorithm).
    expectClose(result.x, quadratic.minimiser, rtol: 1e-9, atol: 1e-12)
    // Hₙ = A⁻¹: the n secant equations Hₙyⱼ = sⱼ with conjugate sⱼ determine it. The entries
    // of A⁻¹ are at most 1; NumPy's run of the same algorithm is within 3e-15.
    expectClose(checkpoint.state.inverseHessian, quadratic.inverse, atol: 1e-9)
    #expect(checkpoint.state.updates == n && checkpoint.state.skipped == 0)
  }

  @Test func scaledInitialMatrixAlsoTerminatesButAmplifiesRounding() throws {
    // With H₀ = γI the exact-arithmetic iterates are the same (γ only rescales d₀, which the
    // exact search undoes), but rounding in the secant equations of the early pairs grows by
    // a factor ≈ κ/10 per step: in NumPy, at κ = 1e3 xₙ is off by 3e-5, at κ = 100 by 1e-9.
    // So the check is on a κ = 100 problem, with a tolerance 100× the NumPy figure.
    let moderate = RotatedQuadratic(n: 8, conditionNumber: 100, seed: 4_242)
    let method = BFGS(lineSearch: ExactQuadraticLineSearch(), initialInverseHessian: .scaled)
    let n = moderate.dimension
    let (result, checkpoint) = try minimize(
      moderate, from: start, method: method, options: options(gtol: 0, maxIterations: n))
    expectClose(result.x, moderate.minimiser, rtol: 1e-7, atol: 1e-7)
    // H itself is still A⁻¹ to ~1e-14 in NumPy.
    expectClose(checkpoint.state.inverseHessian, moderate.inverse, atol: 1e-10)
  }

  @Test func stopsWithinNIterationsAtTheGradientTolerance() throws {
    let method = BFGS(lineSearch: ExactQuadraticLineSearch(), initialInverseHessian: .identity)
    let (result, _) = try minimize(
      quadratic, from: start, method: method, options: options(gtol: 1e-9))
    #expect(result.stopReason == .gradientTolerance)
    #expect(result.iterations <= quadratic.dimension, "\(result.iterations) iterations")
    // Without the quasi-Newton direction the same exact search needs far more than n steps
    // (κ = 1e3): the bound above is the method's doing, not the problem's.
    let (steepest, _) = try minimize(
      quadratic, from: start, method: GradientDescentLineSearch(), options: options(gtol: 1e-9))
    #expect(steepest.iterations > 4 * quadratic.dimension)
  }

  @Test func everyUpdateSatisfiesTheSecantEquation() throws {
    let rosenbrock = try BuiltinObjective.named("rosenbrock:10")!.parsed().objective
    let method = BFGS()
    let evaluator = ObjectiveEvaluator(rosenbrock)
    let x0 = BuiltinObjective.named("rosenbrock:10")!.start
    let (f0, g0) = try evaluator.valueAndGradient(at: x0)
    var current = Iterate(x: x0, value: f0, gradient: g0)
    var state = try method.initialState(at: current, evaluator: evaluator)
    for k in 0..<25 {
      let before = state.updates
      guard
        case .moved(let next, _) = try method.step(
          from: current, state: &state, evaluator: evaluator)
      else {
        Issue.record("step \(k) stopped")
        return
      }
      let s = Vectors.difference(next.x, current.x)
      let y = Vectors.difference(next.gradient, current.gradient)
      if state.updates == before + 1 {
        // H·y = s up to rounding in the rank-two update (terms of size ‖H‖‖y‖).
        let hy = BFGS.times(state.inverseHessian, y)
        expectClose(hy, s, atol: 1e-10 * (Vectors.norm(s) + 1), "step \(k)")
      }
      // H stays symmetric: the update adds symmetric terms only.
      let n = state.dimension
      for i in 0..<n {
        for j in 0..<i {
          #expect(state.inverseHessian[i * n + j] == state.inverseHessian[j * n + i])
        }
      }
      current = next
    }
    #expect(state.updates + state.skipped + state.resets > 0)
  }

  @Test func resumedRunContinuesBitForBit() throws {
    let beale = try BuiltinObjective.named("beale")!.parsed().objective
    let (straight, _) = try minimize(
      beale, from: [1, 1], method: BFGS(), options: options(gtol: 0, maxIterations: 12))
    let (_, checkpoint) = try minimize(
      beale, from: [1, 1], method: BFGS(), options: options(gtol: 0, maxIterations: 6))
    let data = try JSONEncoder().encode(checkpoint)
    let restored = try JSONDecoder().decode(RunCheckpoint<BFGS.State>.self, from: data)
    let (resumed, _) = try minimize(
      beale, from: [1, 1], method: BFGS(), options: options(gtol: 0, maxIterations: 12),
      resumingFrom: restored)
    #expect(resumed.x.map(\.bitPattern) == straight.x.map(\.bitPattern))
    #expect(resumed.evaluations == straight.evaluations)
  }

  @Test func aSearchThatCannotSucceedStopsAtTheStart() throws {
    // f = −x is finite for x ≤ 4 and NaN beyond (sqrt of a negative number): φ′ = −1
    // everywhere, so no step meets the curvature condition and the search gives up.
    let wall = try Formula("-x + 0*sqrt(4 - x)", variables: ["x"]).objective
    let (result, _) = try minimize(wall, from: [0], method: BFGS(), options: options(gtol: 1e-8))
    #expect(result.stopReason == .lineSearchFailed)
    #expect(result.x == [0] && result.value == 0 && result.iterations == 0)
  }

  @Test(arguments: ["bfgs", "cg", "lbfgsb"])
  func nanMidRunStopsAtTheLastFinitePoint(_ name: String) throws {
    let rosenbrock = try BuiltinObjective.named("rosenbrock")!.parsed().objective
    let poisoned = PoisonedObjective(base: rosenbrock, finiteEvaluations: 15)
    let options = options(gtol: 1e-10)
    let result: MinimizeResult
    switch name {
    case "bfgs":
      result = try minimize(poisoned, from: [-1.2, 1], method: BFGS(), options: options).result
    case "cg":
      result = try minimize(
        poisoned, from: [-1.2, 1], method: ConjugateGradient(), options: options
      )
      .result
    default:
      let method = LBFGSB(bounds: try Bounds(lower: [-2, -2], upper: [2, 2]))
      result = try minimize(poisoned, from: [-1.2, 1], method: method, options: options).result
    }
    // Every trial after the 15th evaluation is NaN: the line search (and its retry from the
    // steepest-descent direction) fails, and the run ends on the last accepted point.
    #expect(result.stopReason == .lineSearchFailed)
    #expect(result.iterations > 0)
    #expect(result.value.isFinite && result.x.allSatisfy(\.isFinite))
    #expect(result.x == result.trace.last?.x)
    #expect(result.value < result.trace[0].value)
  }

  @Test func hyperparametersUseReferenceNames() {
    guard case .object(let bfgs) = BFGS().hyperparameters,
      case .object(let search) = bfgs["linesearch"]
    else {
      Issue.record("hyperparameters are not JSON objects")
      return
    }
    #expect(bfgs["hess_inv0"] == .string("scaled"))
    #expect(search["c1"] == .number(1e-4) && search["c2"] == .number(0.9))
    #expect(BFGS().name == "bfgs")
  }
}

/// An objective that returns NaN (value and gradient) from its (k+1)-th evaluation on.
final class PoisonedObjective: DifferentiableObjective {
  let base: any DifferentiableObjective
  let finiteEvaluations: Int
  private var calls = 0

  init(base: any DifferentiableObjective, finiteEvaluations: Int) {
    self.base = base
    self.finiteEvaluations = finiteEvaluations
  }

  var dimension: Int { base.dimension }

  func value(at x: [Double]) throws -> Double { try valueAndGradient(at: x).value }

  func valueAndGradient(at x: [Double]) throws -> (value: Double, gradient: [Double]) {
    calls += 1
    guard calls <= finiteEvaluations else {
      return (.nan, Array(repeating: .nan, count: dimension))
    }
    return try base.valueAndGradient(at: x)
  }
}

extension BFGSTests {
  @Test(arguments: QuasiNewtonFixtures.unconstrained("BFGS"))
  func matchesSciPy(_ reference: QuasiNewtonFixtures.Unconstrained) throws {
    try QuasiNewtonFixtures.compare(reference, method: BFGS())
  }
}
