/// The minimum-ratio experiment: many small networks, each driven to a near-critical point
/// of its full-batch training loss, and the Hessian spectrum there.
///
/// For each seed s = firstSeed, firstSeed + 1, …:
///
/// ```
/// θ₀      ~ MLP.initialParameters (SeededGenerator(seed: s))
/// θₜ₊₁    = θₜ − η·∇L(θₜ)              t < descentSteps       (full-batch gradient descent)
/// θ'      = L-BFGS on q(θ) = ½‖∇L(θ)‖², ∇q = ∇²L·∇L, from θ_T, until
///           ‖∇L‖₂ ≤ refinementTarget·gradientThreshold or refinementIterations
/// θ*      = Newton on ∇L = 0 from θ' with the pseudo-inverse of ∇²L (newtonIterations;
///           each step must lower ‖∇L‖₂): quadratic convergence to the same critical point
/// λ₁ ≤ … ≤ λₙ = eigenvalues of ∇²L(θ*)  (full Hessian, LAPACK dsyevd)
/// included ⇔ ∇L(θ*) finite and ‖∇L(θ*)‖₂ ≤ gradientThreshold
/// minimumRatio = #{λᵢ > τ} / n          τ = eigenvalueTolerance
/// ```
///
/// Minimising ‖∇L‖² converges to critical points of every kind — which is the point: plain
/// descent is repelled by saddles, so it would report only minima. Its local minima with
/// ∇L ≠ 0 are not critical points; the threshold excludes them, and every excluded network
/// is reported with the reason.
///
/// Defaults: η = 0.05 for 300 steps (tanh/MSE networks of tens of parameters on O(1) data
/// are stable there; the steps only move θ off its random start), 1000 L-BFGS iterations
/// (memory 10, strong Wolfe; q is ill-conditioned — cond(H)² — so L-BFGS alone stalls
/// around ‖∇L‖ ≈ 1e-5), 30 Newton steps, gradient threshold 1e-6 and τ = 1e-6 (the defaults of
/// ``NetworkHessian``: far above dsyevd's error ≈ 1e-15·‖H‖ for ‖H‖ = O(1)).
///
/// ## References
///
/// J. Pennington and Y. Bahri, *Geometry of Neural Network Loss Surfaces via Random Matrix
/// Theory*, ICML 2017, §4 and Fig. 2 (index of critical points against loss). Y. Dauphin et
/// al., *Identifying and attacking the saddle point problem in high-dimensional non-convex
/// optimization*, NeurIPS 2014, Fig. 1.
public struct MinimumRatioExperiment: Sendable {
  /// The network every seed initialises.
  public var model: MLP
  /// The fixed training set (full batch).
  public var data: Dataset
  /// How many networks.
  public var networks: Int
  /// The seed of the first network; the others follow by one.
  public var firstSeed: UInt64
  /// ‖∇L‖₂ at or below this counts as near-critical (default 1e-6).
  public var gradientThreshold: Double
  /// τ: eigenvalues above it count as positive (default 1e-6).
  public var eigenvalueTolerance: Double
  /// Full-batch gradient-descent steps before the refinement (default 300).
  public var descentSteps: Int
  /// η of those steps (default 0.05).
  public var learningRate: Double
  /// At most this many L-BFGS iterations on ½‖∇L‖² (default 1000).
  public var refinementIterations: Int
  /// At most this many pseudo-inverse Newton steps after L-BFGS (default 30; see
  /// `LevenbergMarquardtPolish`): Newton steps on ∇L = 0, damped where H is nearly singular.
  public var newtonIterations: Int
  /// The refinement stops once ‖∇L‖₂ ≤ refinementTarget·gradientThreshold (default 0.01:
  /// two orders below the threshold, so that inclusion is not decided by rounding).
  public var refinementTarget: Double

  /// An experiment on `networks` seeds of `model` trained on `data`.
  /// - Throws: ``TrainingInputError`` when the data do not fit the network.
  /// - Precondition: `networks` ≥ 0, thresholds finite and ≥ 0, `descentSteps` ≥ 0,
  ///   `learningRate` finite and ≥ 0, `refinementIterations` ≥ 0.
  public init(
    model: MLP, data: Dataset, networks: Int, firstSeed: UInt64 = 0,
    gradientThreshold: Double = 1e-6, eigenvalueTolerance: Double = 1e-6,
    descentSteps: Int = 300, learningRate: Double = 0.05, refinementIterations: Int = 1000,
    newtonIterations: Int = 30, refinementTarget: Double = 0.01
  ) throws {
    precondition(networks >= 0, "minimum-ratio experiment: \(networks) networks")
    precondition(
      gradientThreshold >= 0 && gradientThreshold.isFinite && eigenvalueTolerance >= 0
        && eigenvalueTolerance.isFinite,
      "minimum-ratio experiment: gradient threshold \(gradientThreshold), eigenvalue "
        + "tolerance \(eigenvalueTolerance) must be finite and ≥ 0")
    precondition(
      descentSteps >= 0 && learningRate >= 0 && learningRate.isFinite
        && refinementIterations >= 0 && newtonIterations >= 0 && refinementTarget > 0,
      "minimum-ratio experiment: descent steps \(descentSteps), learning rate \(learningRate), "
        + "refinement iterations \(refinementIterations), target \(refinementTarget)")
    try model.check(data)
    self.model = model
    self.data = data
    self.networks = networks
    self.firstSeed = firstSeed
    self.gradientThreshold = gradientThreshold
    self.eigenvalueTolerance = eigenvalueTolerance
    self.descentSteps = descentSteps
    self.learningRate = learningRate
    self.refinementIterations = refinementIterations
    self.newtonIterations = newtonIterations
    self.refinementTarget = refinementTarget
  }

  /// Runs every seed in order; `observer` sees each network as soon as it is done.
  /// - Throws: tape errors only (numerical failure of a network excludes it instead).
  public func run(observer: ((MinimumRatioNetwork) -> Void)? = nil) throws -> MinimumRatioReport {
    var results: [MinimumRatioNetwork] = []
    for offset in 0..<networks {
      let result = try network(seed: firstSeed &+ UInt64(offset))
      observer?(result)
      results.append(result)
    }
    return MinimumRatioReport(
      networks: results, gradientThreshold: gradientThreshold,
      eigenvalueTolerance: eigenvalueTolerance)
  }

  /// One network: descent, refinement, spectrum, verdict.
  public func network(seed: UInt64) throws -> MinimumRatioNetwork {
    let objective = try MLPObjective(model: model, data: data)
    var generator = SeededGenerator(seed: seed)
    var theta = model.initialParameters(using: &generator)
    var steps = 0
    var failure: String?
    while steps < descentSteps {
      let (loss, g) = try objective.valueAndGradient(at: theta)
      guard loss.isFinite, g.allSatisfy(\.isFinite) else {
        failure = "non-finite loss or gradient after \(steps) descent steps (η = \(learningRate))"
        break
      }
      let next = zip(theta, g).map { $0 - learningRate * $1 }
      guard next.allSatisfy(\.isFinite) else {
        failure = "non-finite parameters after \(steps) descent steps (η = \(learningRate))"
        break
      }
      theta = next
      steps += 1
    }
    var iterations = 0
    var newtonSteps = 0
    var stop: String?
    if failure == nil && refinementIterations > 0 {
      var options = MinimizeOptions()
      options.maxIterations = refinementIterations
      options.gradientTolerance = 0
      options.recordTrace = false
      let target = refinementTarget * gradientThreshold
      let (result, _) = try minimize(
        GradientNormObjective(objective), from: theta, method: LBFGS(), options: options
      ) { entry in (2 * entry.value).squareRoot() <= target ? .stop : .proceed }
      if result.x.allSatisfy(\.isFinite) { theta = result.x }
      iterations = result.iterations
      stop = result.stopReason.rawValue
    }
    if failure == nil && newtonIterations > 0 {
      let polished = try LevenbergMarquardtPolish.polish(
        objective, from: theta, target: refinementTarget * gradientThreshold,
        iterations: newtonIterations)
      theta = polished.point
      newtonSteps = polished.steps
    }
    return try verdict(
      seed: seed, theta: theta, objective: objective, failure: failure, steps: steps,
      iterations: iterations, newtonSteps: newtonSteps, stop: stop)
  }

  /// The spectrum at θ and the inclusion decision.
  private func verdict(
    seed: UInt64, theta: [Double], objective: MLPObjective, failure: String?, steps: Int,
    iterations: Int, newtonSteps: Int, stop: String?
  ) throws -> MinimumRatioNetwork {
    let (value, gradient) = try objective.valueAndGradient(at: theta)
    let gradNorm = Vectors.norm(gradient)
    var result = MinimumRatioNetwork(
      seed: seed, value: value, gradNorm: gradNorm, minimumRatio: nil, eigenvalues: [],
      kind: .notCritical, included: false, reason: failure, parameters: theta,
      descentSteps: steps, refinementIterations: iterations, newtonSteps: newtonSteps,
      refinementStop: stop)
    if value.isFinite && gradNorm.isFinite {
      do {
        let h = try NetworkHessian(
          of: objective, at: theta, eigenvalueTolerance: eigenvalueTolerance,
          gradientTolerance: gradientThreshold)
        result.eigenvalues = h.eigenvalues
        result.minimumRatio = MinimumRatio.of(
          eigenvalues: h.eigenvalues, tolerance: eigenvalueTolerance)
        result.kind = CriticalPointAnalysis.classify(
          gradientMaxNorm: gradNorm, gtol: gradientThreshold, eigenvalues: h.eigenvalues,
          tol: eigenvalueTolerance)
      } catch let error as LinearAlgebraError {
        result.reason = result.reason ?? "Hessian spectrum failed: \(error)"
      }
    } else if result.reason == nil {
      result.reason = "non-finite loss or gradient at the final point"
    }
    if result.reason == nil && gradNorm > gradientThreshold {
      result.reason =
        "gradient not small: ‖∇L‖₂ = \(gradNorm) > \(gradientThreshold) after \(iterations) "
        + "L-BFGS iterations (\(stop ?? "none")) and \(newtonSteps) Newton steps"
    }
    result.included = result.reason == nil
    return result
  }
}
