import Foundation

/// What the Adam family (``Adam``, ``AdamW``, ``Adamax``, ``NAdam``, ``RAdam``, ``Eve``,
/// ``Lion``) shares: checks of the common hyperparameters, the coding of `betas`, PyTorch's
/// `lerp`, bias corrections, the parallel driver of the elementwise loops, and the Adam
/// update that ``Adam`` and ``AdamW`` both run.
///
/// Every loop is one pass over raw pointers with the per-step scalars (bias corrections,
/// step sizes) computed before it: memory-bound streaming with no allocation, call or
/// branch per element that the optimizer cannot hoist. Where a quotient by a per-step
/// constant appears in PyTorch or Optax (v / (1 − β₂ᵗ)), the loops multiply by its
/// reciprocal instead, which moves a result by at most an ulp or two: a division per element
/// costs more than the memory traffic of the element.
enum AdamKernels {
  /// Throws unless 0 ≤ β₁ < 1 and 0 ≤ β₂ < 1, naming `betas` (PyTorch's tuple).
  static func checkBetas(_ beta1: Double, _ beta2: Double) throws(HyperparameterError) {
    for (index, beta) in [beta1, beta2].enumerated() where !(beta >= 0 && beta < 1) {
      throw HyperparameterError(
        name: "betas", value: "[\(beta1), \(beta2)]",
        valid: "two numbers in [0, 1) (betas[\(index)] = \(beta) is not)")
    }
  }

  /// Throws unless `eps_root` is finite and ≥ 0, and 0 under the PyTorch convention (where
  /// it has no meaning and would otherwise be ignored without a word).
  static func checkEpsilonRoot(
    _ epsilonRoot: Double, convention: Convention
  ) throws(HyperparameterError) {
    try HyperparameterError.requireNonNegative(epsilonRoot, name: "eps_root")
    if convention == .pytorch && epsilonRoot != 0 {
      throw HyperparameterError(
        name: "eps_root", value: "\(epsilonRoot)",
        valid: "0 under the pytorch convention (eps_root is Optax's: choose convention optax)")
    }
  }

  /// 1 − βᵗ, with `pow` as PyTorch and Optax compute it (C's `pow`, t as a floating-point
  /// number).
  @inline(__always)
  static func biasCorrection(_ beta: Double, step: Int) -> Double {
    1 - pow(beta, Double(step))
  }

  /// PyTorch's `lerp(start, end, weight)`: start + w·(end − start) for |w| < 0.5, and
  /// end − (end − start)·(1 − w) otherwise (the form that is exact at w = 1). Its moment
  /// updates are `exp_avg.lerp_(grad, 1 − β₁)`.
  @inline(__always)
  static func lerp(_ start: Double, _ end: Double, weight: Double) -> Double {
    abs(weight) < 0.5 ? start + weight * (end - start) : end - (end - start) * (1 - weight)
  }

  /// √x for x ≥ 0 (second moments), with the same result as `x.squareRoot()`.
  ///
  /// On Linux `squareRoot()` becomes a call of C's `sqrt`, which may set `errno` for a
  /// negative argument: LLVM keeps it a scalar call and will not vectorise the loop around
  /// it. Of `abs(x)` it knows the argument is not negative and emits the vector square root
  /// (`sqrtpd`). For the x ≥ 0 (or NaN) of every moment here, |x| = x.
  @inline(__always)
  static func root(_ x: Double) -> Double {
    abs(x).squareRoot()
  }

  /// Runs `body` over `0..<count` in contiguous chunks, one per thread, splitting only where
  /// bandwidth-bound arithmetic gains from a second core (see ``Parallelism``).
  @inline(__always)
  static func forEachChunk(_ count: Int, _ body: (Range<Int>) -> Void) {
    Parallelism.forEachChunk(
      count, minimumPerThread: Parallelism.arithmeticMinimumElementsPerThread, body)
  }

  /// Checks that a state vector has one entry per parameter.
  @inline(__always)
  static func checkCount(_ count: Int, of what: String, parameters n: Int, rule: String) {
    precondition(count == n, "\(rule): \(what) of \(count) entries for \(n) parameters")
  }

  /// Decodes PyTorch's `betas`, a two-element array, or returns `defaults` when absent.
  static func decodeBetas<Key: CodingKey>(
    _ container: KeyedDecodingContainer<Key>, forKey key: Key, defaults: (Double, Double)
  ) throws -> (Double, Double) {
    guard let betas = try container.decodeIfPresent([Double].self, forKey: key) else {
      return defaults
    }
    guard betas.count == 2 else {
      throw DecodingError.dataCorruptedError(
        forKey: key, in: container,
        debugDescription: "betas holds \(betas.count) numbers; expected two, [beta1, beta2]")
    }
    return (betas[0], betas[1])
  }
}

// MARK: - Adam and AdamW

extension AdamKernels {
  /// The hyperparameters of one ``Adam`` or ``AdamW`` update.
  struct AdamSettings {
    var beta1: Double
    var beta2: Double
    var epsilon: Double
    var epsilonRoot: Double
    var weightDecay: Double
    var decoupledWeightDecay: Bool
    var amsgrad: Bool
    var maximize: Bool
    var convention: Convention
  }

  /// One Adam update in place, under either convention (see ``Adam`` for the formulas).
  static func adamUpdate(
    _ parameters: inout [Double], gradient: [Double], state: inout Adam.State,
    learningRate lr: Double, settings s: AdamSettings, rule: String
  ) {
    let n = parameters.count
    checkCount(gradient.count, of: "gradient", parameters: n, rule: rule)
    checkCount(state.firstMoment.count, of: "first moment", parameters: n, rule: rule)
    checkCount(state.secondMoment.count, of: "second moment", parameters: n, rule: rule)
    if s.amsgrad {
      checkCount(
        state.maxSecondMoment.count, of: "maximum second moment", parameters: n, rule: rule)
    }
    let t = state.step + 1
    state.step = t
    guard n > 0 else { return }

    let sign: Double = s.maximize ? -1 : 1
    let beta1 = s.beta1
    let beta2 = s.beta2
    let eps = s.epsilon
    let bc1 = biasCorrection(beta1, step: t)
    let bc2 = biasCorrection(beta2, step: t)
    // Coupled decay adds λ·θ to the gradient; decoupled decay shrinks θ (PyTorch) or adds
    // λ·θ to the update before the learning rate (Optax's add_decayed_weights).
    let l2 = s.decoupledWeightDecay ? 0 : s.weightDecay
    let decoupled = s.decoupledWeightDecay ? s.weightDecay : 0

    RuleBuffers.withBuffers(
      &parameters, gradient, &state.firstMoment, &state.secondMoment, &state.maxSecondMoment
    ) { p, g, m, v, maximum in
      let x = s.amsgrad ? maximum : nil
      switch s.convention {
      case .pytorch:
        // torch.optim.Adam, single-tensor path:
        //   θ ← θ·(1 − ηλ) (decoupled) · m ← lerp(m, g, 1 − β₁) · v ← β₂v + (1 − β₂)g²
        //   θ ← θ − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
        let w = 1 - beta1
        let c2 = 1 - beta2
        let decay = 1 - lr * decoupled
        let negStep = -(lr / bc1)
        let invBc2Sqrt = 1 / pow(bc2, 0.5)
        if let x {
          forEachChunk(n) { range in
            for i in range {
              let gi = sign * g[i] + l2 * p[i]
              let mi = lerp(m[i], gi, weight: w)
              let vi = v[i] * beta2 + c2 * gi * gi
              let xi = max(x[i], vi)
              m[i] = mi
              v[i] = vi
              x[i] = xi
              p[i] = p[i] * decay + negStep * (mi / (root(xi) * invBc2Sqrt + eps))
            }
          }
        } else {
          forEachChunk(n) { range in
            for i in range {
              let gi = sign * g[i] + l2 * p[i]
              let mi = lerp(m[i], gi, weight: w)
              let vi = v[i] * beta2 + c2 * gi * gi
              m[i] = mi
              v[i] = vi
              p[i] = p[i] * decay + negStep * (mi / (root(vi) * invBc2Sqrt + eps))
            }
          }
        }
      case .optax:
        // optax.scale_by_adam / scale_by_amsgrad, then add_decayed_weights (decoupled)
        // and scale_by_learning_rate:
        //   m ← (1 − β₁)g + β₁m · v ← (1 − β₂)g² + β₂v · m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)
        //   u = m̂ / (√(v̂ + ε_root) + ε) + λθ · θ ← θ − η·u
        let c1 = 1 - beta1
        let c2 = 1 - beta2
        let invBc1 = 1 / bc1
        let invBc2 = 1 / bc2
        let epsRoot = s.epsilonRoot
        let negLr = -lr
        if let x {
          forEachChunk(n) { range in
            for i in range {
              let gi = sign * g[i] + l2 * p[i]
              let mi = c1 * gi + beta1 * m[i]
              let vi = c2 * (gi * gi) + beta2 * v[i]
              // AMSGrad's maximum is over the bias-corrected v̂ (optax.amsgrad).
              let xi = max(x[i], vi * invBc2)
              m[i] = mi
              v[i] = vi
              x[i] = xi
              let u = (mi * invBc1) / (root(xi + epsRoot) + eps)
              p[i] = p[i] + negLr * (u + decoupled * p[i])
            }
          }
        } else {
          forEachChunk(n) { range in
            for i in range {
              let gi = sign * g[i] + l2 * p[i]
              let mi = c1 * gi + beta1 * m[i]
              let vi = c2 * (gi * gi) + beta2 * v[i]
              m[i] = mi
              v[i] = vi
              let u = (mi * invBc1) / (root(vi * invBc2 + epsRoot) + eps)
              p[i] = p[i] + negLr * (u + decoupled * p[i])
            }
          }
        }
      }
    }
  }
}
