/// A gradient of a backward pass that has not been written out yet: a sum of terms
/// `scale · a ⊙ b`, each placed at a flat offset of the destination.
///
/// Linear operations (sums, differences, negation, scaling, slices) only change the scales
/// and offsets of their gradient's terms, and products by a recorded value only attach a
/// factor, so none of them costs a pass over memory. A gradient is written out when a rule
/// needs it as a variable, or at the end, by ``variable(shape:)``: one blocked pass that
/// reads every term once. When the backward pass is recorded (`createGraph`) that pass is
/// one differentiable node whose rule is the adjoint of the sum, so second order sees
/// through it; the factors are then the recorded variables themselves.
struct PendingGradient {
  struct Term {
    var scale: Double
    /// `length` elements, or one element standing for all of them (with a factor `b`).
    var a: Variable
    /// An optional second factor of `length` elements.
    var b: Variable?
    /// Where the term starts in the destination, flat.
    var offset: Int

    var length: Int { b?.value.count ?? a.value.count }
  }

  /// Elements of the destination.
  let count: Int
  var terms: [Term]

  init(_ variable: Variable) {
    count = variable.value.count
    terms = [Term(scale: 1, a: variable, b: nil, offset: 0)]
  }

  private init(count: Int, terms: [Term]) {
    self.count = count
    self.terms = terms
  }

  /// The variable itself when the gradient is exactly one plain variable (no pass needed).
  private var plain: Variable? {
    guard terms.count == 1, let t = terms.first, t.scale == 1, t.b == nil, t.offset == 0,
      t.a.value.count == count
    else { return nil }
    return t.a
  }

  /// The same gradient times `s`.
  func scaled(by s: Double) -> PendingGradient {
    PendingGradient(
      count: count,
      terms: terms.map {
        var t = $0
        t.scale *= s
        return t
      })
  }

  /// The same gradient placed `offset` elements into a destination of `count` elements.
  func shifted(by offset: Int, into count: Int) -> PendingGradient {
    PendingGradient(
      count: count,
      terms: terms.map {
        var t = $0
        t.offset += offset
        return t
      })
  }

  /// `s · self ⊙ factor` without a pass, when the gradient is one term without a factor
  /// covering the whole destination (or one element broadcast over `factor`); nil otherwise.
  func multiplied(by factor: Variable, scale s: Double) -> PendingGradient? {
    let n = factor.value.count
    guard terms.count == 1, let t = terms.first, t.b == nil, t.offset == 0,
      t.a.value.count == n || t.a.value.count == 1
    else { return nil }
    return PendingGradient(
      count: n, terms: [Term(scale: s * t.scale, a: t.a, b: factor, offset: 0)])
  }

  /// The sum of two gradients of the same destination.
  static func + (x: PendingGradient, y: PendingGradient) -> PendingGradient {
    precondition(x.count == y.count, "pending gradients of \(x.count) and \(y.count) elements")
    return PendingGradient(count: x.count, terms: x.terms + y.terms)
  }

  /// The gradient as a variable of `shape`: the plain variable when there is one; otherwise
  /// the written-out sum, recorded as one node when any term is on a recording tape.
  func variable(shape: [Int]) throws -> Variable {
    if let plain { return try plain.reshaped(shape) }
    let value = materialize(shape: shape)
    var inputs: [Variable] = []
    var slots: [(a: Int, b: Int?)] = []
    for t in terms {
      slots.append((inputs.count, t.b == nil ? nil : inputs.count + 1))
      inputs.append(t.a)
      if let b = t.b { inputs.append(b) }
    }
    let layout = terms.map { (scale: $0.scale, offset: $0.offset, length: $0.length) }
    let count = self.count
    return Variable.record(value, inputs) { gg, x, _, needs in
      // The adjoint of Σ scale·a⊙b placed at offsets: each factor gets the matching
      // window of the incoming gradient times the other factor.
      let flat = try gg.reshaped([count])
      var grads = [Variable?](repeating: nil, count: x.count)
      for (k, t) in layout.enumerated() {
        let window = try flat.slice(axis: 0, t.offset..<(t.offset + t.length))
        let (ia, ib) = slots[k]
        let a = try x[ia].reshaped([x[ia].value.count])
        if needs[ia] {
          if let ib {
            let product = try multiply(window, x[ib].reshaped([t.length]), scaledBy: t.scale)
            grads[ia] = try (a.value.count == 1 ? product.sum() : product).reshaped(x[ia].shape)
          } else {
            grads[ia] = try (t.scale == 1 ? window : window * t.scale).reshaped(x[ia].shape)
          }
        }
        if let ib, needs[ib] {
          grads[ib] = try multiply(window, a, scaledBy: t.scale).reshaped(x[ib].shape)
        }
      }
      return grads
    }
  }

  /// Writes the gradient out as a tensor of `shape`, in one pass over the destination:
  /// blocks small enough to stay in cache are cleared (or written by the first term that
  /// covers them) and every term's share added.
  func materialize(shape: [Int]) -> Tensor {
    precondition(Tensor.elementCount(shape) == count, "materialize \(count) elements as \(shape)")
    let block = 1 << 13
    return Tensor(shape: shape) { out in
      guard let base = out.baseAddress else { return }
      var start = 0
      while start < count {
        let end = Swift.min(count, start + block)
        var written = false
        for term in terms {
          let lo = Swift.max(start, term.offset)
          let hi = Swift.min(end, term.offset + term.length)
          guard lo < hi else { continue }
          if !written && (lo > start || hi < end) {
            (base + start).initialize(repeating: 0, count: end - start)
            written = true
          }
          PendingGradient.apply(term, base, lo, hi, overwrite: !written)
          written = true
        }
        if !written { (base + start).initialize(repeating: 0, count: end - start) }
        start = end
      }
    }
  }

  /// out[j] (=|+=) scale · a[j − offset] · b[j − offset] for j in lo..<hi.
  @inline(__always)
  private static func apply(
    _ t: Term, _ out: UnsafeMutablePointer<Double>, _ lo: Int, _ hi: Int, overwrite: Bool
  ) {
    let s = t.scale
    let o = t.offset
    t.a.value.withUnsafeBufferPointer { a in
      if let b = t.b {
        b.value.withUnsafeBufferPointer { b in
          if a.count == 1 {
            let c = s * a[0]
            if overwrite {
              for j in lo..<hi { out[j] = c * b[j - o] }
            } else {
              for j in lo..<hi { out[j] += c * b[j - o] }
            }
          } else if overwrite {
            for j in lo..<hi { out[j] = s * a[j - o] * b[j - o] }
          } else {
            for j in lo..<hi { out[j] += s * a[j - o] * b[j - o] }
          }
        }
      } else if overwrite {
        for j in lo..<hi { out[j] = s * a[j - o] }
      } else {
        for j in lo..<hi { out[j] += s * a[j - o] }
      }
    }
  }
}
