import Foundation

// Elementary functions of variables, elementwise. Each derivative is written with
// differentiable operations (second order for free).

/// eˣ. Derivative: eˣ (the output itself).
public func exp(_ x: Variable) -> Variable {
  Variable.record(x.value.map(costly: true) { Foundation.exp($0) }, [x]) { g, _, y, _ in [try g * y]
  }
}

/// The natural logarithm; NaN for negative arguments, −∞ at 0 (IEEE 754). Derivative: 1/x.
public func log(_ x: Variable) -> Variable {
  Variable.record(x.value.map(costly: true) { Foundation.log($0) }, [x]) { g, x, _, _ in
    [try g / x[0]]
  }
}

/// √x. Derivative: 1/(2√x) = 0.5/y.
public func sqrt(_ x: Variable) -> Variable {
  Variable.record(x.value.map { $0.squareRoot() }, [x]) { g, _, y, _ in [try g / y * 0.5] }
}

/// sin x. Derivative: cos x.
public func sin(_ x: Variable) -> Variable {
  Variable.record(x.value.map(costly: true) { Foundation.sin($0) }, [x]) { g, x, _, _ in
    [try g * cos(x[0])]
  }
}

/// cos x. Derivative: −sin x.
public func cos(_ x: Variable) -> Variable {
  Variable.record(x.value.map(costly: true) { Foundation.cos($0) }, [x]) { g, x, _, _ in
    [-(try g * sin(x[0]))]
  }
}

/// tan x. Derivative: 1 + tan²x = 1 + y².
public func tan(_ x: Variable) -> Variable {
  Variable.record(x.value.map(costly: true) { Foundation.tan($0) }, [x]) { g, _, y, _ in
    [try g * (y * y + 1)]
  }
}

/// tanh x. Derivative: 1 − y².
public func tanh(_ x: Variable) -> Variable {
  Variable.record(x.value.map(costly: true) { Foundation.tanh($0) }, [x]) { g, _, y, _ in
    [try g * (1 - y * y)]
  }
}

/// The logistic function σ(x) = 1/(1 + e⁻ˣ), evaluated without overflow for any x
/// (e⁻ˣ is only formed for x ≥ 0, eˣ/(1 + eˣ) otherwise). Derivative: y(1 − y).
public func sigmoid(_ x: Variable) -> Variable {
  Variable.record(x.value.map(costly: true, Elementary.sigmoid), [x]) { g, _, y, _ in
    [try g * y * (1 - y)]
  }
}

/// softplus(x) = log(1 + eˣ), evaluated as max(x, 0) + log1p(e^−|x|) so that it is exact
/// and finite for any finite x (PyTorch's `Softplus` with β = 1 switches to x above 20;
/// this form needs no threshold). Derivative: σ(x).
public func softplus(_ x: Variable) -> Variable {
  Variable.record(x.value.map(costly: true, Elementary.softplus), [x]) { g, x, _, _ in
    [try g * sigmoid(x[0])]
  }
}

/// max(x, 0). The derivative is taken as 0 at x = 0, as PyTorch does; its second
/// derivative is 0 everywhere.
public func relu(_ x: Variable) -> Variable {
  Variable.record(x.value.map { $0 > 0 ? $0 : ($0.isNaN ? $0 : 0) }, [x]) { g, x, _, _ in
    [try passing(g, where: x[0])]
  }
}

/// g where x > 0, 0 elsewhere, in one pass: relu's backward rule. Linear in g (its own
/// backward passes the gradient through the same mask); x only selects, so it gets no
/// gradient.
func passing(_ g: Variable, where x: Variable) throws -> Variable {
  let value = try Tensor.zip(g.value, x.value, operation: "relu backward") { $1 > 0 ? $0 : 0 }
  return Variable.record(value, [g, x]) { gg, inputs, _, needs in
    [needs[0] ? try inputs[0].unbroadcast(passing(gg, where: inputs[1])) : nil, nil]
  }
}

/// |x|. The derivative is sign(x), taken as 0 at x = 0 (as PyTorch).
public func abs(_ x: Variable) -> Variable {
  Variable.record(x.value.map { Swift.abs($0) }, [x]) { g, x, _, _ in
    [try g * Variable(x[0].value.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) })]
  }
}

/// xᵖ for a constant exponent. Integer exponents accept negative bases (`pow` of C).
/// Derivative: p·xᵖ⁻¹; x⁰ is the constant 1 (no gradient, even at x = 0).
public func pow(_ x: Variable, _ p: Double) -> Variable {
  if p == 0 { return Variable(Tensor.ones(x.shape)) }
  if p == 1 { return x }
  if p == 2 { return square(x) }
  return Variable.record(x.value.map(costly: true) { Foundation.pow($0, p) }, [x]) { g, x, _, _ in
    [try multiply(g, pow(x[0], p - 1), scaledBy: p)]
  }
}

/// aᵇ with a variable exponent, broadcasting: for a > 0 (or integer b with a < 0).
/// Derivatives: ∂/∂a = b·aᵇ⁻¹, ∂/∂b = aᵇ·log a.
public func pow(_ a: Variable, _ b: Variable) throws -> Variable {
  let value = try Tensor.zip(a.value, b.value, operation: "pow") { Foundation.pow($0, $1) }
  return Variable.record(value, [a, b]) { g, x, y, needs in
    [
      needs[0] ? try x[0].unbroadcast(g * x[1] * pow(x[0], x[1] - 1)) : nil,
      needs[1] ? try x[1].unbroadcast(g * y * log(x[0])) : nil,
    ]
  }
}

/// Scalar kernels shared by the tensor operations.
enum Elementary {
  @inline(__always)
  static func sigmoid(_ x: Double) -> Double {
    if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
    let e = Foundation.exp(x)
    return e / (1 + e)
  }

  @inline(__always)
  static func softplus(_ x: Double) -> Double {
    Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
  }
}
