/// The minimum ratio of a Hessian spectrum: the fraction of its eigenvalues that are
/// positive beyond a tolerance fixed before the run.
///
/// ```
/// minimumRatio = #{i : λᵢ > τ} / n        n = number of eigenvalues, τ ≥ 0
/// ```
///
/// 1 at a strict local minimum, below 1 at a saddle point (or at a degenerate point, where
/// eigenvalues in [−τ, τ] count as not positive); 1 − minimumRatio is at least the index
/// (the fraction of negative eigenvalues). An empty spectrum has ratio 0.
///
/// ## References
///
/// Y. Dauphin et al., *Identifying and attacking the saddle point problem in
/// high-dimensional non-convex optimization*, NeurIPS 2014, §3 (the index α). J. Pennington
/// and Y. Bahri, *Geometry of Neural Network Loss Surfaces via Random Matrix Theory*, ICML
/// 2017, §4.
public enum MinimumRatio {
  /// #{λᵢ > τ} / n for the eigenvalues `eigenvalues` and the tolerance `tolerance` (τ).
  /// - Precondition: `tolerance` ≥ 0 and finite.
  public static func of(eigenvalues: [Double], tolerance: Double) -> Double {
    precondition(
      tolerance >= 0 && tolerance.isFinite,
      "minimum ratio: eigenvalue tolerance \(tolerance) must be finite and ≥ 0")
    guard !eigenvalues.isEmpty else { return 0 }
    let positive = eigenvalues.reduce(0) { $0 + ($1 > tolerance ? 1 : 0) }
    return Double(positive) / Double(eigenvalues.count)
  }

  /// The second-order verdict of ``CriticalPointAnalysis`` with an absolute tolerance:
  ///
  /// ```
  /// not critical   ‖∇f‖ > gtol        (whichever norm the caller passes)
  /// local minimum  λᵢ > τ for all i    local maximum  λᵢ < −τ for all i
  /// saddle point   some λᵢ < −τ and some λⱼ > τ       degenerate  otherwise
  /// ```
  ///
  /// Only the extremes matter, so the k smallest and k largest eigenvalues (Lanczos) give
  /// the same verdict as the whole spectrum.
  public static func kind(
    gradientNorm: Double, gradientTolerance: Double, eigenvalues: [Double], tolerance: Double
  ) -> CriticalPointKind {
    CriticalPointAnalysis.classify(
      gradientMaxNorm: gradientNorm, gtol: gradientTolerance, eigenvalues: eigenvalues,
      tol: tolerance)
  }
}

/// One network of a ``MinimumRatioExperiment``: where it ended, the Hessian spectrum there,
/// and whether it counts.
///
/// A network is included when its final gradient is finite and ‖∇L‖₂ ≤ the experiment's
/// gradient threshold; otherwise ``reason`` says why it was left out, and its spectrum (when
/// it could be computed) is still reported.
public struct MinimumRatioNetwork: Codable, Equatable, Sendable {
  /// The seed of the network's initial parameters.
  public var seed: UInt64
  /// L(θ) at the final point: the training loss.
  public var value: Double
  /// ‖∇L(θ)‖₂ at the final point.
  public var gradNorm: Double
  /// #{λᵢ > τ} / n (see ``MinimumRatio``); nil when the Hessian could not be computed.
  public var minimumRatio: Double?
  /// The eigenvalues of ∇²L(θ), ascending (empty when the Hessian could not be computed).
  public var eigenvalues: [Double]
  /// The second-order verdict at threshold ‖∇L‖₂ ≤ gradient threshold and ±τ.
  public var kind: CriticalPointKind
  /// Whether the point counts as near-critical.
  public var included: Bool
  /// Why the network was excluded; nil when included.
  public var reason: String?
  /// The final parameters θ.
  public var parameters: [Double]
  /// The gradient-descent steps taken before the refinement.
  public var descentSteps: Int
  /// The L-BFGS iterations of the refinement on ½‖∇L‖².
  public var refinementIterations: Int
  /// The pseudo-inverse Newton steps taken after L-BFGS.
  public var newtonSteps: Int
  /// Why the refinement stopped (a ``StopReason`` raw value), nil if it did not run.
  public var refinementStop: String?
}

/// The outcome of a ``MinimumRatioExperiment``: every network, and the thresholds fixed
/// before the run.
public struct MinimumRatioReport: Codable, Equatable, Sendable {
  /// Every seed in order, included or not.
  public var networks: [MinimumRatioNetwork]
  /// The gradient threshold: ‖∇L‖₂ at or below it counts as near-critical.
  public var gradientThreshold: Double
  /// τ: eigenvalues above it count as positive.
  public var eigenvalueTolerance: Double

  /// The networks left out.
  public var excluded: Int { networks.filter { !$0.included }.count }
  /// Included networks with minimum ratio below 1 (some eigenvalue ≤ τ: saddles, or
  /// degenerate points).
  public var belowOne: Int { networks.filter { $0.included && ($0.minimumRatio ?? 0) < 1 }.count }
  /// Included networks with minimum ratio 1 (every eigenvalue > τ: minima).
  public var equalToOne: Int {
    networks.filter { $0.included && ($0.minimumRatio ?? 0) == 1 }.count
  }
}
