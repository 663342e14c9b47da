extension LBFGSB {
  /// The compact representation of the limited-memory BFGS matrix built from k stored pairs:
  ///
  /// ```
  /// B = θ·I − W·M·Wᵀ,   W = [Y  θ·S]  (n × 2k)
  /// M = [ −D   Lᵀ  ]⁻¹
  ///     [  L  θSᵀS ]
  /// D = diag(sᵢᵀyᵢ),  Lᵢⱼ = sᵢᵀyⱼ for i > j (0 otherwise),  θ = yᵀy / sᵀy of the newest pair
  /// ```
  ///
  /// With no pair, B = θ·I with θ = 1 and W is empty.
  ///
  /// ## References
  /// - R. H. Byrd, J. Nocedal and R. B. Schnabel, "Representations of quasi-Newton matrices and
  ///   their use in limited memory methods", Math. Programming 63, 1994, Theorem 2.3.
  /// - Byrd, Lu, Nocedal and Zhu 1995, eqs. (3.2)–(3.4).
  struct CompactForm {
    /// θ.
    let theta: Double
    /// The pairs, oldest first.
    let s: [[Double]]
    let y: [[Double]]
    /// M, row-major 2k × 2k.
    let middle: [Double]

    /// The number of stored pairs k.
    var pairs: Int { s.count }
    /// 2k, the width of W.
    var width: Int { 2 * s.count }

    /// The compact form of the pairs, or nil when the middle matrix is singular (pairs that
    /// are numerically dependent).
    init?(s: [[Double]], y: [[Double]]) {
      precondition(s.count == y.count, "CompactForm: \(s.count) steps but \(y.count) changes")
      self.s = s
      self.y = y
      let k = s.count
      guard let sn = s.last, let yn = y.last else {
        theta = 1
        middle = []
        return
      }
      theta = Vectors.dot(yn, yn) / Vectors.dot(sn, yn)
      guard theta.isFinite, theta > 0 else { return nil }
      let size = 2 * k
      var kMatrix = [Double](repeating: 0, count: size * size)
      for i in 0..<k {
        kMatrix[i * size + i] = -Vectors.dot(s[i], y[i])
        for j in 0..<k {
          if i > j {
            let l = Vectors.dot(s[i], y[j])
            kMatrix[(k + i) * size + j] = l
            kMatrix[j * size + k + i] = l
          }
          if i >= j {
            let ss = theta * Vectors.dot(s[i], s[j])
            kMatrix[(k + i) * size + k + j] = ss
            kMatrix[(k + j) * size + k + i] = ss
          }
        }
      }
      // Pairs of very different lengths make K badly scaled: invert E·K·E instead, with
      // E = diag(1/√|Kᵢᵢ|) (Jacobi equilibration), and undo the scaling: M = E·(EKE)⁻¹·E.
      let scale = (0..<size).map { 1 / abs(kMatrix[$0 * size + $0]).squareRoot() }
      var identity = [Double](repeating: 0, count: size * size)
      for i in 0..<size {
        identity[i * size + i] = 1
        for j in 0..<size { kMatrix[i * size + j] *= scale[i] * scale[j] }
      }
      guard scale.allSatisfy(\.isFinite),
        let inverse = try? Tensor.solve(
          Tensor(shape: [size, size], scalars: kMatrix),
          Tensor(shape: [size, size], scalars: identity)),
        inverse.scalars.allSatisfy(\.isFinite)
      else { return nil }
      var middle = inverse.scalars
      for i in 0..<size {
        for j in 0..<size { middle[i * size + j] *= scale[i] * scale[j] }
      }
      self.middle = middle
    }

    /// Row i of W: (y₁ᵢ, …, yₖᵢ, θs₁ᵢ, …, θsₖᵢ).
    func row(_ i: Int) -> [Double] {
      y.map { $0[i] } + s.map { theta * $0[i] }
    }

    /// M·v for a 2k-vector v.
    func middleTimes(_ v: [Double]) -> [Double] {
      let size = width
      return (0..<size).map { i in
        var sum = 0.0
        for j in 0..<size { sum += middle[i * size + j] * v[j] }
        return sum
      }
    }

    /// Wᵀ·v for an n-vector v.
    func transposeTimes(_ v: [Double]) -> [Double] {
      y.map { Vectors.dot($0, v) } + s.map { theta * Vectors.dot($0, v) }
    }

    /// B·v = θv − W·M·Wᵀv.
    func times(_ v: [Double]) -> [Double] {
      let p = middleTimes(transposeTimes(v))
      var r = v.map { theta * $0 }
      let k = pairs
      for j in 0..<k {
        let (a, b) = (p[j], theta * p[k + j])
        for i in r.indices { r[i] -= a * y[j][i] + b * s[j][i] }
      }
      return r
    }
  }
}
