/// A trial of a line search: a step α with φ(α) and φ′(α).
struct LineSearchPoint: Equatable, Sendable {
  var step: Double
  var value: Double
  var slope: Double

  /// The point seen through ψ(α) = φ(α) − shift·α (shift = c1·φ′(0) gives the auxiliary
  /// function of Moré & Thuente §2); `shifted(by: −shift)` undoes it.
  func shifted(by shift: Double) -> LineSearchPoint {
    LineSearchPoint(step: step, value: value - shift * step, slope: slope - shift)
  }
}

/// The interval of uncertainty of the Moré–Thuente search and its safeguarded step.
///
/// `best` is αₗ of the paper, the trial with the lowest function value so far (the endpoint
/// whose slope points into the interval); `other` is αᵤ. Until a minimizer is bracketed the
/// interval only grows. ``update(with:lower:upper:)`` is the paper's updating algorithm (§2)
/// together with its trial-value selection (§4): four cases, each choosing between the
/// minimizer of a cubic interpolating both values and slopes (αc), a quadratic through the
/// values and one slope (αq) and a secant of the slopes (αs).
///
/// ## References
/// - J. J. Moré and D. J. Thuente, "Line search algorithms with guaranteed sufficient
///   decrease", ACM TOMS 20(3), 1994, §2 (interval update) and §4 (trial values).
struct MoreThuenteInterval: Sendable {
  var best: LineSearchPoint
  var other: LineSearchPoint
  var bracketed = false

  init(start: LineSearchPoint) {
    best = start
    other = start
  }

  /// Updates the interval with `trial` and returns the next trial step, kept in
  /// [lower, upper] when the minimizer is not yet bracketed.
  mutating func update(with trial: LineSearchPoint, lower: Double, upper: Double) -> Double {
    let (x, t) = (best, trial)
    let slopesDisagree = (t.slope > 0 && x.slope < 0) || (t.slope < 0 && x.slope > 0)
    let next: Double
    if t.value > x.value {
      // Case 1: a higher value; the minimizer lies between. Take αc if it is closer to αₗ,
      // otherwise the midpoint of αc and αq.
      let cubic = Self.cubicMinimizer(from: x, to: t).step
      let quadratic =
        x.step + x.slope / ((x.value - t.value) / (t.step - x.step) + x.slope) / 2
        * (t.step - x.step)
      next =
        abs(cubic - x.step) < abs(quadratic - x.step) ? cubic : cubic + (quadratic - cubic) / 2
      bracketed = true
    } else if slopesDisagree {
      // Case 2: lower value, slopes of opposite sign; a minimizer lies between. Take the
      // farther of αc and αs from αₜ.
      let cubic = Self.cubicMinimizer(from: t, to: x).step
      let secant = Self.secant(x, t)
      next = abs(cubic - t.step) > abs(secant - t.step) ? cubic : secant
      bracketed = true
    } else if abs(t.slope) < abs(x.slope) {
      // Case 3: lower value, same slope sign, slope decreasing in magnitude. The cubic is
      // used only when it has a minimizer beyond αₜ; otherwise extrapolate to the bound.
      let cubic = Self.cubicMinimizer(from: t, to: x, clampRadicand: true)
      let beyond = cubic.gamma != 0 && (cubic.step - t.step) * (t.step - x.step) > 0
      let candidate = beyond ? cubic.step : (t.step > x.step ? upper : lower)
      let secant = Self.secant(x, t)
      if bracketed {
        let closer = abs(candidate - t.step) < abs(secant - t.step) ? candidate : secant
        // Stay within 0.66 of the way to αᵤ so the interval keeps shrinking.
        let limit = t.step + 0.66 * (other.step - t.step)
        next = t.step > x.step ? min(limit, closer) : max(limit, closer)
      } else {
        let farther = abs(candidate - t.step) > abs(secant - t.step) ? candidate : secant
        next = min(upper, max(lower, farther))
      }
    } else if bracketed {
      // Case 4: lower value, same slope sign, slope not decreasing: the cubic through αₜ and
      // αᵤ.
      next = Self.cubicMinimizer(from: t, to: other).step
    } else {
      next = t.step > x.step ? upper : lower
    }
    if t.value > x.value {
      other = t
    } else {
      if slopesDisagree { other = best }
      best = t
    }
    return next
  }

  /// The minimizer of the cubic interpolating value and slope at `o` and `p`, written as a
  /// step from `o` in the scaled form of the paper (dividing by the largest of θ, φ′(o),
  /// φ′(p) so the discriminant cannot overflow). With `clampRadicand` a negative discriminant
  /// is read as 0; γ = 0 then means the cubic has no minimizer.
  static func cubicMinimizer(
    from o: LineSearchPoint, to p: LineSearchPoint, clampRadicand: Bool = false
  ) -> (step: Double, gamma: Double) {
    let theta = 3 * (o.value - p.value) / (p.step - o.step) + o.slope + p.slope
    let s = max(abs(theta), abs(o.slope), abs(p.slope))
    var radicand = (theta / s) * (theta / s) - (o.slope / s) * (p.slope / s)
    if clampRadicand { radicand = max(0, radicand) }
    var gamma = s * radicand.squareRoot()
    if p.step < o.step { gamma = -gamma }
    let numerator = (gamma - o.slope) + theta
    let denominator = ((gamma - o.slope) + gamma) + p.slope
    return (o.step + numerator / denominator * (p.step - o.step), gamma)
  }

  /// The zero of the secant through the slopes at `a` and `b`.
  static func secant(_ a: LineSearchPoint, _ b: LineSearchPoint) -> Double {
    b.step + b.slope / (b.slope - a.slope) * (a.step - b.step)
  }
}
