/// A gradient of a first-order backward pass that has not been written out yet: a sum of
/// terms `scale · a ⊙ b`, each placed at a flat offset of the destination.
///
/// Linear operations (sums, differences, negation, scaling, slices, reshapes) only change
/// the scales and offsets of their gradient's terms, and products by a recorded value only
/// attach a factor, so none of them costs a pass over memory. The gradient is written out
/// when a rule needs it as a tensor, or at the end, in one blocked pass that reads every
/// term once (``materialize(shape:)``). On the n-dimensional Rosenbrock function this
/// removes half of the backward passes.
///
/// Used only when the backward pass is not recorded; a recorded pass (`createGraph`) runs
/// every rule, since its operations must land on the tape.
struct PendingGradient {
  struct Term {
    var scale: Double
    /// A tensor of `length` elements, or one element standing for all of them.
    var a: Tensor
    /// An optional second factor of `length` elements.
    var b: Tensor?
    /// Where the term starts in the destination, flat.
    var offset: Int

    var length: Int { b?.count ?? a.count }
  }

  /// Elements of the destination.
  let count: Int
  var terms: [Term]

  init(_ tensor: Tensor) {
    count = tensor.count
    terms = [Term(scale: 1, a: tensor, b: nil, offset: 0)]
  }

  private init(count: Int, terms: [Term]) {
    self.count = count
    self.terms = terms
  }

  /// The tensor itself when the gradient is exactly one plain tensor (no pass needed).
  var plain: Tensor? {
    guard terms.count == 1, let t = terms.first, t.scale == 1, t.b == nil, t.offset == 0,
      t.a.count == count
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
  func multiplied(by factor: Tensor, scale s: Double) -> PendingGradient? {
    guard terms.count == 1, let t = terms.first, t.b == nil, t.offset == 0,
      t.a.count == factor.count || t.a.count == 1
    else { return nil }
    return PendingGradient(
      count: factor.count, terms: [Term(scale: s * t.scale, a: t.a, b: factor, offset: 0)])
  }

  /// The sum of two gradients of the same destination.
  static func + (x: PendingGradient, y: PendingGradient) -> PendingGradient {
    precondition(x.count == y.count, "pending gradients of \(x.count) and \(y.count) elements")
    return PendingGradient(count: x.count, terms: x.terms + y.terms)
  }

  /// Writes the gradient out as a tensor of `shape`, in one pass over the destination:
  /// blocks small enough to stay in cache are cleared (or written by the first term that
  /// covers them) and every term's share added.
  func materialize(shape: [Int]) -> Tensor {
    precondition(Tensor.elementCount(shape) == count, "materialize \(count) elements as \(shape)")
    if let plain { return (try? plain.reshaped(shape)) ?? plain }
    let block = 1 << 15
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
    t.a.withUnsafeBufferPointer { a in
      if let b = t.b {
        b.withUnsafeBufferPointer { b in
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
