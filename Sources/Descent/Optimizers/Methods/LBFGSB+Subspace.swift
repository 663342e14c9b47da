extension LBFGSB {
  /// The subspace minimisation: from the Cauchy point x^c, minimise the quadratic model over
  /// the free variables (those strictly inside their bounds at x^c), the others held at x^c.
  ///
  /// Direct primal method (Byrd et al. 1995, §5.1), with Z selecting the free coordinates:
  ///
  /// ```
  /// r̂ = Zᵀ(g + θ(x^c − x) − W·M·c)                    reduced gradient at x^c
  /// B̂ = ZᵀBZ = θI − ZᵀW·M·WᵀZ                        reduced model Hessian
  /// d̂ = −B̂⁻¹r̂ = −r̂/θ − ZᵀW·(I − M·WᵀZZᵀW/θ)⁻¹·M·WᵀZ·r̂ / θ²   (Sherman–Morrison–Woodbury)
  /// ```
  ///
  /// Then, following Morales and Nocedal (2011), the point x̄ = P(x^c + Z·d̂) is projected onto
  /// the box; if x̄ − x is not a descent direction (gᵀ(x̄ − x) > 0), the 1995 rule is used
  /// instead: x̄ = x^c + α*·Z·d̂ with α* ≤ 1 the longest step that stays in the box.
  ///
  /// - Returns: x̄, the end of the search direction x̄ − x (x^c itself when no variable is
  ///   free or the reduced system is singular).
  ///
  /// ## References
  /// - Byrd, Lu, Nocedal and Zhu 1995, §5.1, eqs. (5.4)–(5.11).
  /// - J. L. Morales and J. Nocedal, "Remark on 'Algorithm 778: L-BFGS-B'", ACM TOMS 38(1),
  ///   2011, §2.
  static func subspaceMinimum(
    x: [Double], gradient g: [Double], cauchy: (point: [Double], c: [Double]), bounds: Bounds,
    model: CompactForm
  ) -> [Double] {
    let xc = cauchy.point
    let free = xc.indices.filter { bounds.lower[$0] < xc[$0] && xc[$0] < bounds.upper[$0] }
    guard !free.isEmpty else { return xc }
    let theta = model.theta
    let size = model.width
    let mc = model.middleTimes(cauchy.c)
    let rows = free.map { model.row($0) }
    var reduced = [Double](repeating: 0, count: free.count)
    for (position, i) in free.enumerated() {
      reduced[position] = g[i] + theta * (xc[i] - x[i]) - Vectors.dot(rows[position], mc)
    }
    var step = reduced.map { -$0 / theta }
    if size > 0 {
      // v = M·WᵀZ·r̂ and WᵀZZᵀW, both 2k-sized.
      var wr = [Double](repeating: 0, count: size)
      var gram = [Double](repeating: 0, count: size * size)
      for (position, w) in rows.enumerated() {
        for a in 0..<size {
          wr[a] += w[a] * reduced[position]
          for b in 0..<size { gram[a * size + b] += w[a] * w[b] }
        }
      }
      let v = model.middleTimes(wr)
      var n = [Double](repeating: 0, count: size * size)
      for a in 0..<size {
        for b in 0..<size {
          var sum = 0.0
          for j in 0..<size { sum += model.middle[a * size + j] * gram[j * size + b] }
          n[a * size + b] = (a == b ? 1 : 0) - sum / theta
        }
      }
      guard
        let solved = try? Tensor.solve(
          Tensor(shape: [size, size], scalars: n), Tensor(shape: [size], scalars: v)),
        solved.scalars.allSatisfy(\.isFinite)
      else { return xc }
      let u = solved.scalars
      for position in step.indices {
        step[position] -= Vectors.dot(rows[position], u) / (theta * theta)
      }
    }
    var projected = xc
    for (position, i) in free.enumerated() { projected[i] += step[position] }
    projected = bounds.projected(projected)
    if Vectors.dot(g, Vectors.difference(projected, x)) <= 0 { return projected }
    // The 1995 rule: truncate Z·d̂ at the box.
    var full = [Double](repeating: 0, count: x.count)
    for (position, i) in free.enumerated() { full[i] = step[position] }
    let alpha = bounds.maxStep(from: xc, along: full, limit: 1)
    var truncated = xc
    for i in free { truncated[i] += alpha * full[i] }
    return bounds.projected(truncated)
  }
}
