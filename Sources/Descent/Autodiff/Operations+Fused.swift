// Fused operations: one pass over memory where the plain composition would take two or
// three. Each is an ordinary differentiable operation (its backward rule is written with
// operations, so second order works); they exist because elementwise work on large
// tensors is bound by memory bandwidth, not arithmetic.

/// c · a ⊙ b in one pass, broadcasting. Derivatives: c·b and c·a.
public func multiply(_ a: Variable, _ b: Variable, scaledBy c: Double) throws -> Variable {
  let value = try Tensor.zip(a.value, b.value, operation: "multiply") { c * $0 * $1 }
  return Variable.record(
    value, [a, b], shortcut: .scaledProduct(scales: [c, c], factors: [1, 0])
  ) { g, x, _, needs in
    [
      needs[0] ? try x[0].unbroadcast(multiply(g, x[1], scaledBy: c)) : nil,
      needs[1] ? try x[1].unbroadcast(multiply(g, x[0], scaledBy: c)) : nil,
    ]
  }
}

/// x², elementwise. Derivative: 2x (one fused pass backwards, where `x * x` takes three).
public func square(_ x: Variable) -> Variable {
  Variable.record(x.value.map { $0 * $0 }, [x], shortcut: .scaledProduct(scales: [2], factors: [0]))
  { g, x, _, _ in
    [try multiply(g, x[0], scaledBy: 2)]
  }
}

/// ∑ xᵢ², a rank-0 variable, in one read of x (no temporary). Derivative: 2x.
///
/// The building block of least squares: `sumOfSquares(r)` is ‖r‖² for a residual r.
public func sumOfSquares(_ x: Variable) -> Variable {
  let s = x.value.withUnsafeBufferPointer { p in
    var s0 = 0.0
    var s1 = 0.0
    var s2 = 0.0
    var s3 = 0.0
    var i = 0
    while i + 4 <= p.count {
      s0 += p[i] * p[i]
      s1 += p[i + 1] * p[i + 1]
      s2 += p[i + 2] * p[i + 2]
      s3 += p[i + 3] * p[i + 3]
      i += 4
    }
    while i < p.count {
      s0 += p[i] * p[i]
      i += 1
    }
    return (s0 + s1) + (s2 + s3)
  }
  return Variable.record(
    Tensor(scalar: s), [x], shortcut: .scaledProduct(scales: [2], factors: [0])
  ) { g, x, _, _ in
    [try multiply(x[0], g, scaledBy: 2)]
  }
}
