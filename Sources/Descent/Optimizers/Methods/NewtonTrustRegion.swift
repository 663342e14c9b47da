/// Newton's method with a trust region: each iteration minimizes the quadratic model of f
/// within a ball whose radius follows how well the model predicted f.
///
/// ```
/// pₖ = argmin { gₖᵀp + ½pᵀHₖp : ‖p‖ ≤ Δₖ }
/// ρₖ = (f(xₖ) − f(xₖ + pₖ)) / (−gₖᵀpₖ − ½pₖᵀHₖpₖ)
/// accept xₖ₊₁ = xₖ + pₖ if ρₖ > η, else retry from xₖ with a smaller Δ
/// Δ ← min(Δ, ‖p‖)/4 on a rejection,  Δ/4 if ρ < ρ_lower,
///     min(2Δ, Δ_max·max(1, ‖xₖ‖)) if ρ > ρ_upper and ‖p‖ = Δ
/// ```
///
/// (Nocedal & Wright, Algorithm 4.1). The subproblem is solved by ``Subproblem``: exactly from
/// the eigendecomposition of H (``TrustRegionExact``, the hard case included), or by
/// Steihaug's truncated CG with Hessian-vector products (``TrustRegionSteihaug``).
///
/// One iteration is one accepted step: rejected trials are retried inside the iteration, each
/// costing one counted `g` (f and ∇f together, so the accepted trial needs no second
/// evaluation); the exact solver costs one `h` per iteration, Steihaug-CG one `hvp` per CG
/// step. If the radius falls below 10⁻¹²·(1 + ‖x‖) without an acceptable trial, the run stops
/// with ``StopReason/stepTolerance`` — no step the model trusts changes x any more — unless
/// the last trial was not finite: then that trial is returned and the loop stops with
/// ``StopReason/nonFinite``, keeping x. A ratio computed from reductions that are both
/// within rounding of f (|pred| and |actual − pred| ≤ 10⁻¹⁴·|f|) counts as ρ = 1.
///
/// At a point where ∇f = 0 the method looks at H (with the exact solver): if its smallest
/// eigenvalue is below −``curvatureTolerance``·max(1, ‖H‖₂), the loop does not stop there and
/// the next step follows the direction of negative curvature (the hard case).
///
/// Defaults are Optim.jl's `NewtonTrustRegion` — Δ_max = 100, η = 0.1, ρ_lower = 0.25,
/// ρ_upper = 0.75 — except Δ₀. (SciPy's `trust-exact` uses Δ₀ = 1, Δ_max = 1000, η = 0.15 and
/// shrinks to Δ/4.) Unlike both, the cap on the radius scales with max(1, ‖xₖ‖), as Dennis and
/// Schnabel scale their maximum step by ‖x₀‖: the same for ‖x‖ ≤ 1, but a solution far out —
/// MGH problem 4, Brown badly scaled, has x* = (10⁶, 2·10⁻⁶) — is not held to 100 per iteration.
///
/// Unless ``initialRadius`` is given, Δ₀ is the length of the Cauchy step at x₀, as Dennis
/// and Schnabel's driver for the exact ("hook") step does when the user supplies no radius
/// (Appendix A; routine `HOOKDR` of UNCMIN, their implementation):
///
/// ```
/// Δ₀ = ‖g₀‖³ / (g₀ᵀH₀g₀)   if g₀ᵀH₀g₀ > 0 (capped at the largest radius), else 1
/// ```
///
/// UNCMIN's model Hessian is positive definite; the fallback to Optim.jl's 1 where g₀ᵀH₀g₀ ≤ 0
/// is ours. It costs one Hessian-vector product. Optim.jl's and SciPy's Δ₀ = 1 ignores the scale of f;
/// on MGH problem 18 (Biggs EXP6) it lets the first steps enter a valley where x₃, x₄ grow
/// without bound and f creeps towards 0.2427, while the Cauchy length 0.134 reaches f = 0 in
/// 35 evaluations. The outcome there is sensitive to the constants: SciPy's trust-exact, from
/// Δ₀ = 1, solves it with its η = 0.15 but not with η = 0.1. On the other 42 MGH instances the
/// Cauchy Δ₀ solves the same ones as Δ₀ = 1, with the same median of evaluations (14).
///
/// ## References
/// - J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., 2006, Algorithm 4.1, §4.3
///   and Algorithm 7.2.
/// - J. J. Moré and D. C. Sorensen, "Computing a trust region step", SIAM J. Sci. Stat.
///   Comput. 4(3), 1983.
/// - J. E. Dennis and R. B. Schnabel, *Numerical Methods for Unconstrained Optimization and
///   Nonlinear Equations*, 1983, §7.2 and Appendix A (maxstep; the initial radius).
/// - R. B. Schnabel, J. E. Koontz and B. E. Weiss, "A modular system of algorithms for
///   unconstrained minimization", ACM TOMS 11(4), 1985 (UNCMIN, `HOOKDR`).
public struct NewtonTrustRegion: IterativeMethod {
  /// How the trust-region subproblem is solved.
  public enum Subproblem: String, Codable, Sendable {
    /// Exact for n ≤ 200, Steihaug-CG above.
    case automatic
    /// By the eigendecomposition of the full Hessian (O(n³) per iteration).
    case exact
    /// By Steihaug's truncated conjugate gradients (Hessian-vector products only).
    case steihaugCG

    /// The solver used in dimension `n`.
    public func resolved(dimension n: Int) -> Subproblem {
      self == .automatic ? (n <= 200 ? .exact : .steihaugCG) : self
    }
  }

  /// The subproblem solver (default ``Subproblem/automatic``).
  public var subproblem: Subproblem
  /// Δ₀; nil (the default) for the length of the Cauchy step at the start.
  public var initialRadius: Double?
  /// Δ_max, for ‖x‖ ≤ 1; the cap is Δ_max·max(1, ‖x‖).
  public var maxRadius: Double
  /// η: a trial with ρ > η is accepted.
  public var eta: Double
  /// ρ below which the radius shrinks.
  public var rhoLower: Double
  /// ρ above which a step on the boundary doubles the radius.
  public var rhoUpper: Double
  /// The relative size of a negative eigenvalue that makes a stationary point worth leaving.
  public var curvatureTolerance: Double

  /// Trust-region Newton with Optim.jl's defaults, and Dennis and Schnabel's Δ₀.
  public init(
    subproblem: Subproblem = .automatic, initialRadius: Double? = nil, maxRadius: Double = 100,
    eta: Double = 0.1, rhoLower: Double = 0.25, rhoUpper: Double = 0.75,
    curvatureTolerance: Double = 1e-8
  ) {
    precondition(
      maxRadius > 0 && maxRadius.isFinite
        && initialRadius.map { $0 > 0 && $0 <= maxRadius } ?? true,
      "NewtonTrustRegion: need 0 < initialRadius = \(String(describing: initialRadius)) ≤ maxRadius = \(maxRadius) < ∞"
    )
    precondition(
      0 <= eta && eta < rhoLower && rhoLower < rhoUpper && rhoUpper < 1,
      "NewtonTrustRegion: need 0 ≤ eta = \(eta) < rhoLower = \(rhoLower) < rhoUpper = \(rhoUpper) < 1"
    )
    precondition(
      curvatureTolerance >= 0,
      "NewtonTrustRegion: curvatureTolerance = \(curvatureTolerance) must be ≥ 0")
    self.subproblem = subproblem
    self.initialRadius = initialRadius
    self.maxRadius = maxRadius
    self.eta = eta
    self.rhoLower = rhoLower
    self.rhoUpper = rhoUpper
    self.curvatureTolerance = curvatureTolerance
  }

  /// What evolves between iterations: the radius, and counts for the trace.
  public struct State: Codable, Equatable, Sendable {
    /// Δ for the next iteration.
    public var radius: Double
    /// Trials rejected so far.
    public var rejected = 0
    /// Accepted steps on which the subproblem met negative curvature (the hard case of the
    /// exact solver; a direction of negative curvature in CG).
    public var negativeCurvatureSteps = 0
    /// λ of the last exact subproblem solution.
    public var lastMultiplier: Double?
  }

  public var name: String { "newton-tr" }
  public var usesGradient: Bool { true }
  public var learningRateIsBoundedByCurvature: Bool { false }

  public var hyperparameters: JSONValue {
    .object([
      "subproblem": .string(subproblem.rawValue),
      "initial_delta": initialRadius.map { .number($0) } ?? .string("cauchy"),
      "delta_hat": .number(maxRadius), "eta": .number(eta), "rho_lower": .number(rhoLower),
      "rho_upper": .number(rhoUpper), "curvature_tolerance": .number(curvatureTolerance),
    ])
  }

  /// Nil: the step length comes from the radius.
  public func learningRate(in state: State) -> Double? { nil }

  public func initialState(at start: Iterate, evaluator: ObjectiveEvaluator) throws -> State {
    if let initialRadius { return State(radius: initialRadius) }
    let g = start.gradient
    let squaredNorm = Vectors.dot(g, g)
    guard squaredNorm > 0, squaredNorm.isFinite else { return State(radius: 1) }
    let curvature = Vectors.dot(g, try evaluator.hessianVectorProduct(at: start.x, along: g))
    let cauchy = squaredNorm * squaredNorm.squareRoot() / curvature
    guard curvature > 0, cauchy.isFinite, cauchy > 0 else { return State(radius: 1) }
    return State(radius: Swift.min(cauchy, maxRadius * Swift.max(1, Vectors.norm(start.x))))
  }

  /// True when the exact solver is in use and λ₁(H) < −curvatureTolerance·max(1, ‖H‖₂).
  public func continuesPastStationaryPoint(
    _ current: Iterate, state: State, evaluator: ObjectiveEvaluator
  ) throws -> Bool {
    guard subproblem.resolved(dimension: current.x.count) == .exact else { return false }
    let (_, _, h) = try evaluator.valueGradientAndHessian(at: current.x)
    guard let eigen = try? SymmetricEigendecomposition(h, computeEigenvectors: false),
      let lowest = eigen.eigenvalues.first, let highest = eigen.eigenvalues.last
    else { return false }
    let scale = Swift.max(1, Swift.abs(lowest), Swift.abs(highest))
    return lowest < -curvatureTolerance * scale
  }

  public func step(from current: Iterate, state: inout State, evaluator: ObjectiveEvaluator) throws
    -> StepOutcome
  {
    let x = current.x
    let n = x.count
    let exact = subproblem.resolved(dimension: n) == .exact
    var eigen: SymmetricEigendecomposition?
    if exact {
      let (_, _, h) = try evaluator.valueGradientAndHessian(at: x)
      guard h.isFinite, let e = try? SymmetricEigendecomposition(h) else {
        return .stopped(.nonFinite)
      }
      eigen = e
    }
    let floor = 1e-12 * (1 + Vectors.norm(x))
    let noise = 1e-14 * Swift.abs(current.value)
    for _ in 0..<200 {
      let radius = state.radius
      let solution: TrustRegionStep
      if let eigen {
        solution = TrustRegionExact.solve(gradient: current.gradient, eigen: eigen, radius: radius)
      } else {
        solution = try TrustRegionSteihaug.solve(
          gradient: current.gradient, radius: radius, maxIterations: Swift.max(20 * n, 20)
        ) { try evaluator.hessianVectorProduct(at: x, along: $0) }
      }
      let predicted = solution.predictedReduction
      let p = solution.step
      guard predicted > 0, predicted.isFinite, p.allSatisfy({ $0.isFinite }) else {
        // No decrease the model can see (∇f = 0 to rounding, or a non-finite H·v).
        return .stopped(predicted.isFinite ? .stepTolerance : .nonFinite)
      }
      let trialX = zip(x, p).map { $0 + $1 }
      let (value, gradient) = try evaluator.valueAndGradient(at: trialX)
      let trial = Iterate(x: trialX, value: value, gradient: gradient)
      let actual = current.value - value
      var rho: Double
      if !trial.isFinite {
        rho = -.infinity
      } else if predicted <= noise && Swift.abs(actual - predicted) <= noise {
        rho = 1
      } else {
        rho = actual / predicted
      }
      let stepNorm = Vectors.norm(p)
      if rho <= eta {
        state.rejected += 1
        state.radius = Swift.min(radius, stepNorm) / 4
        if state.radius < floor {
          return trial.isFinite ? .stopped(.stepTolerance) : .moved(trial, learningRate: nil)
        }
        continue
      }
      if rho < rhoLower {
        state.radius = radius / 4
      } else if rho > rhoUpper && solution.onBoundary {
        state.radius = Swift.min(2 * radius, maxRadius * Swift.max(1, Vectors.norm(x)))
      }
      if solution.negativeCurvature { state.negativeCurvatureSteps += 1 }
      state.lastMultiplier = solution.multiplier
      return .moved(trial, learningRate: nil)
    }
    return .stopped(.stepTolerance)
  }
}
