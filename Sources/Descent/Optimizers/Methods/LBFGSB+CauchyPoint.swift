extension LBFGSB {
  /// The generalized Cauchy point: the first local minimiser of the quadratic model
  ///
  /// ```
  /// m(z) = gᵀ(z − x) + ½(z − x)ᵀB(z − x)
  /// ```
  ///
  /// along the projected steepest-descent path x(t) = P(x − t·g), t ≥ 0, found by visiting the
  /// breakpoints tᵢ (where coordinate i reaches its bound) in increasing order. On each segment
  /// m is a quadratic in t with slope f′ and curvature f″, updated from breakpoint to breakpoint
  /// in O(k²) through the compact form (Byrd et al. 1995, Algorithm CP, eqs. 4.2–4.9). As in
  /// L-BFGS-B 3.0, f″ is kept above ε·f″₀ so rounding cannot turn it negative.
  ///
  /// - Returns: the point x^c and c = Wᵀ(x^c − x), which the subspace minimisation reuses.
  static func cauchyPoint(
    x: [Double], gradient g: [Double], bounds: Bounds, model: CompactForm
  ) -> (point: [Double], c: [Double]) {
    let n = x.count
    let theta = model.theta
    var d = [Double](repeating: 0, count: n)
    var breakpoints: [(t: Double, index: Int)] = []
    for i in 0..<n {
      let t: Double
      if g[i] < 0 {
        t = (x[i] - bounds.upper[i]) / g[i]
      } else if g[i] > 0 {
        t = (x[i] - bounds.lower[i]) / g[i]
      } else {
        t = .infinity
      }
      guard t > 0 else { continue }
      d[i] = -g[i]
      if t < .infinity { breakpoints.append((t, i)) }
    }
    breakpoints.sort { $0.t < $1.t || ($0.t == $1.t && $0.index < $1.index) }

    var point = x
    var p = model.transposeTimes(d)
    var c = [Double](repeating: 0, count: model.width)
    var slope = -Vectors.dot(d, d)
    var curvature = -theta * slope - Vectors.dot(p, model.middleTimes(p))
    let curvatureFloor = Double.ulpOfOne * curvature
    func minimiser() -> Double { curvature > 0 ? -slope / curvature : 0 }
    var stepToMinimum = minimiser()
    var previous = 0.0
    for (t, b) in breakpoints {
      let segment = t - previous
      if stepToMinimum < segment { break }
      point[b] = d[b] > 0 ? bounds.upper[b] : bounds.lower[b]
      let z = point[b] - x[b]
      for j in c.indices { c[j] += segment * p[j] }
      let gb = g[b]
      let w = model.row(b)
      let mw = model.middleTimes(w)
      slope +=
        segment * curvature + gb * gb + theta * gb * z - gb * Vectors.dot(mw, c)
      curvature +=
        -theta * gb * gb - 2 * gb * Vectors.dot(mw, p) - gb * gb * Vectors.dot(mw, w)
      curvature = max(curvature, curvatureFloor)
      for j in p.indices { p[j] += gb * w[j] }
      d[b] = 0
      stepToMinimum = minimiser()
      previous = t
    }
    stepToMinimum = max(stepToMinimum, 0)
    let t = previous + stepToMinimum
    for i in 0..<n where d[i] != 0 { point[i] = x[i] + t * d[i] }
    for j in c.indices { c[j] += stepToMinimum * p[j] }
    return (bounds.projected(point), c)
  }
}
