/// Full-batch gradient descent on a network with the sharpness λmax(∇²L) recorded every k
/// steps, next to the stability bound 2/η.
///
/// ```
/// θₜ₊₁ = θₜ − η·∇L(θₜ)                         t = 0 … steps − 1
/// at t = 0, k, 2k, … and t = steps:  λmax(∇²L(θₜ)) by Lanczos (Sharpness.topEigenvalue)
/// ```
///
/// On a quadratic, GD is stable iff η < 2/λmax (see ``Sharpness``); on a network the
/// sharpness typically rises during training until it reaches 2/η and then hovers there
/// (the edge of stability), while the loss keeps falling non-monotonically.
///
/// ## References
///
/// J. Cohen, S. Kaur, Y. Li, J. Z. Kolter, A. Talwalkar, *Gradient descent on neural
/// networks typically occurs at the edge of stability*, ICLR 2021, Fig. 1.
public enum SharpnessTracking {
  /// One record: the step, the loss and the sharpness there.
  public struct Record: Codable, Equatable, Sendable {
    /// Updates applied so far.
    public var step: Int
    /// L(θ) on the full batch.
    public var loss: Double
    /// λmax(∇²L(θ)).
    public var sharpness: Double
    /// The Lanczos residual bound of ``sharpness``.
    public var residual: Double
    /// Hessian-vector products Lanczos used.
    public var productCount: Int
    /// 2/η: the stability bound for this run's learning rate.
    public var stabilityBound: Double
  }

  /// Runs `steps` updates of gradient descent at learning rate `learningRate` from
  /// `parameters`, recording the sharpness every `every` steps (and at the end).
  ///
  /// Stops early, with the records so far, when the loss or gradient is no longer finite.
  /// - Parameters:
  ///   - tolerance: Lanczos's relative residual tolerance (default 1e-6, as
  ///     ``Sharpness/topEigenvalue(of:at:tolerance:maxSteps:seed:)``).
  /// - Returns: the records and the final parameters.
  /// - Precondition: `steps` ≥ 0, `every` ≥ 1, `learningRate` > 0 and finite.
  public static func gradientDescent(
    _ objective: some TwiceDifferentiableObjective, from parameters: [Double],
    learningRate: Double, steps: Int, every: Int, tolerance: Double = 1e-6
  ) throws -> (records: [Record], parameters: [Double]) {
    precondition(
      steps >= 0 && every >= 1 && learningRate > 0 && learningRate.isFinite,
      "sharpness tracking: steps \(steps), every \(every), learning rate \(learningRate)")
    var theta = parameters
    var records: [Record] = []
    let bound = 2 / learningRate
    func record(_ step: Int, loss: Double) throws {
      let top = try Sharpness.topEigenvalue(of: objective, at: theta, tolerance: tolerance)
      records.append(
        Record(
          step: step, loss: loss, sharpness: top.value, residual: top.residual,
          productCount: top.productCount, stabilityBound: bound))
    }
    for step in 0...steps {
      let (loss, g) = try objective.valueAndGradient(at: theta)
      guard loss.isFinite, g.allSatisfy(\.isFinite) else { break }
      if step % every == 0 || step == steps { try record(step, loss: loss) }
      guard step < steps else { break }
      let next = zip(theta, g).map { $0 - learningRate * $1 }
      guard next.allSatisfy(\.isFinite) else { break }
      theta = next
    }
    return (records, theta)
  }
}
