extension Brent {
  /// Minimises `f` from the start bracket (`a`, `b`): brackets a minimum (see
  /// ``bracket(_:from:_:valueAtStart:)``), then runs Brent's parabolic/golden iteration to the
  /// tolerance. SciPy's `minimize_scalar(f, bracket=(a, b), method='brent')`.
  ///
  /// - Parameters:
  ///   - valueAtStart: f(a) when the caller knows it already (saves one evaluation).
  public func minimize(
    _ f: (Double) throws -> Double, from a: Double = 0, to b: Double = 1,
    valueAtStart: Double? = nil
  ) rethrows -> Result {
    let (found, bracketEvaluations) = try bracket(f, from: a, b, valueAtStart: valueAtStart)
    guard found.isValid else {
      let points = [(found.a, found.fa), (found.b, found.fb), (found.c, found.fc)]
      let best = points.filter { $0.0.isFinite }.min { $0.1 < $1.1 } ?? (a, .infinity)
      return Result(
        x: best.0, value: best.1, iterations: 0, evaluations: bracketEvaluations,
        status: .noBracket)
    }
    var evaluations = bracketEvaluations
    let goldenSection = Brent.goldenSection
    var x = found.b
    var w = x
    var v = x
    var fx = found.fb
    var fw = fx
    var fv = fx
    var lower = Swift.min(found.a, found.c)
    var upper = Swift.max(found.a, found.c)
    var delta = 0.0
    var rate = 0.0
    var iteration = 0
    var status = Status.maxIterations
    while iteration < maxIterations {
      let tol1 = tolerance * Swift.abs(x) + Brent.minimumTolerance
      let tol2 = 2 * tol1
      let middle = 0.5 * (lower + upper)
      if Swift.abs(x - middle) < tol2 - 0.5 * (upper - lower) {
        status = .converged
        break
      }
      if Swift.abs(delta) <= tol1 {
        delta = x >= middle ? lower - x : upper - x
        rate = goldenSection * delta
      } else {
        // The vertex of the parabola through (x, fx), (w, fw), (v, fv) is x + p/q.
        let t1 = (x - w) * (fx - fv)
        var t2 = (x - v) * (fx - fw)
        var p = (x - v) * t2 - (x - w) * t1
        t2 = 2 * (t2 - t1)
        if t2 > 0 { p = -p }
        let q = Swift.abs(t2)
        let previousDelta = delta
        delta = rate
        if p > q * (lower - x) && p < q * (upper - x)
          && Swift.abs(p) < Swift.abs(0.5 * q * previousDelta)
        {
          rate = p / q
          let u = x + rate
          if u - lower < tol2 || upper - u < tol2 { rate = middle - x >= 0 ? tol1 : -tol1 }
        } else {
          delta = x >= middle ? lower - x : upper - x
          rate = goldenSection * delta
        }
      }
      let u = Swift.abs(rate) < tol1 ? (rate >= 0 ? x + tol1 : x - tol1) : x + rate
      let fu = Brent.ordered(try f(u))
      evaluations += 1
      if fu > fx {
        if u < x { lower = u } else { upper = u }
        if fu <= fw || w == x {
          (v, w, fv, fw) = (w, u, fw, fu)
        } else if fu <= fv || v == x || v == w {
          (v, fv) = (u, fu)
        }
      } else {
        if u >= x { lower = x } else { upper = x }
        (v, w, x) = (w, x, u)
        (fv, fw, fx) = (fw, fx, fu)
      }
      iteration += 1
    }
    return Result(x: x, value: fx, iterations: iteration, evaluations: evaluations, status: status)
  }
}
