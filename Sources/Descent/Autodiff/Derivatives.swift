/// A scalar- or vector-valued function written with differentiable operations.
public typealias DifferentiableFunction = (Variable) throws -> Variable

/// Derivatives of functions of one flat vector, all computed by the one reverse-mode tape.
///
/// Each function takes `f` (written on ``Variable``s) and a point `x`:
///
/// | call | cost (in evaluations of f) |
/// |---|---|
/// | ``value(of:at:)`` | 1, nothing recorded — the fastest way to evaluate f |
/// | ``valueWithGradient(of:at:)`` | ≈ 2–3 |
/// | ``hessianVectorProduct(of:at:along:)`` | ≈ 4–6: the gradient of ⟨∇f, v⟩ |
/// | ``hessian(of:at:)`` | one recorded gradient plus n backward passes |
/// | ``jacobian(of:at:)`` | one forward plus m backward passes |
public enum Derivatives {
  static func scalarOutput(_ y: Variable, _ operation: String) throws -> Variable {
    guard y.value.count == 1 else {
      throw ShapeError(
        operation: operation, shapes: [y.shape],
        reason: "expected a scalar-valued function, got an output of shape \(y.shape)")
    }
    return y.shape == [] ? y : try y.reshaped([])
  }

  /// The m×n matrix whose row i is eᵢᵀ·∂y/∂x (one backward pass per row), y flattened to m
  /// elements and x to n.
  static func stackRows(_ m: Int, of y: Variable, withRespectTo x: Variable, on tape: Tape) throws
    -> Tensor
  {
    let n = x.value.count
    var matrix = Tensor.zeros([m, n])
    for i in 0..<m {
      let seed = try Tensor.basisVector(i, count: m).reshaped(y.shape)
      let row = try tape.gradients(of: y, withRespectTo: [x], seed: seed)[0]
      row.value.withUnsafeBufferPointer { r in
        matrix.withUnsafeMutableBufferPointer { p in
          for j in 0..<n { p[i * n + j] = r[j] }
        }
      }
    }
    return matrix
  }
}

/// f(x), evaluated on constants: nothing is recorded.
public func value(of f: DifferentiableFunction, at x: Tensor) throws -> Double {
  try Derivatives.scalarOutput(f(Variable(x)), "value").scalarValue
}

/// f(x) and ∇f(x) by one forward and one backward pass.
public func valueWithGradient(
  of f: DifferentiableFunction, at x: Tensor
) throws -> (value: Double, gradient: Tensor) {
  let tape = Tape()
  let v = tape.variable(x)
  let y = try Derivatives.scalarOutput(f(v), "gradient")
  let g = try tape.gradients(of: y, withRespectTo: [v])[0]
  return (y.scalarValue, g.value)
}

/// ∇f(x).
public func gradient(of f: DifferentiableFunction, at x: Tensor) throws -> Tensor {
  try valueWithGradient(of: f, at: x).gradient
}

/// The Hessian-vector product H(x)·v, exact: the gradient of ⟨∇f(x), v⟩, obtained by
/// recording the backward pass and differentiating it once more (Pearlmutter's trick in
/// reverse-over-reverse form). No finite differences, no full Hessian.
public func hessianVectorProduct(
  of f: DifferentiableFunction, at x: Tensor, along v: Tensor
) throws -> Tensor {
  try valueGradientAndHessianVectorProduct(of: f, at: x, along: v).hessianVectorProduct
}

/// f(x), ∇f(x) and H(x)·v from one recorded forward and backward pass.
public func valueGradientAndHessianVectorProduct(
  of f: DifferentiableFunction, at x: Tensor, along v: Tensor
) throws -> (value: Double, gradient: Tensor, hessianVectorProduct: Tensor) {
  guard v.count == x.count else {
    throw ShapeError(
      operation: "hessianVectorProduct", shapes: [x.shape, v.shape],
      reason: "direction of shape \(v.shape) for a point of shape \(x.shape)")
  }
  let tape = Tape()
  let xv = tape.variable(x)
  let y = try Derivatives.scalarOutput(f(xv), "hessianVectorProduct")
  let g = try tape.gradients(of: y, withRespectTo: [xv], createGraph: true)[0]
  let hv = try tape.gradients(of: g, withRespectTo: [xv], seed: v.reshaped(x.shape))[0]
  return (y.scalarValue, g.value, hv.value)
}

/// The full Hessian ∇²f(x) as an n×n matrix (x flattened): the backward pass is recorded
/// once, then differentiated along each basis vector (n more backward passes).
public func hessian(of f: DifferentiableFunction, at x: Tensor) throws -> Tensor {
  try valueGradientAndHessian(of: f, at: x).hessian
}

/// f(x), ∇f(x) and ∇²f(x) from one recorded pass.
public func valueGradientAndHessian(
  of f: DifferentiableFunction, at x: Tensor
) throws -> (value: Double, gradient: Tensor, hessian: Tensor) {
  let n = x.count
  let tape = Tape()
  let xv = tape.variable(x)
  let y = try Derivatives.scalarOutput(f(xv), "hessian")
  let g = try tape.gradients(of: y, withRespectTo: [xv], createGraph: true)[0]
  let h = try Derivatives.stackRows(n, of: g, withRespectTo: xv, on: tape)
  return (y.scalarValue, try g.value.reshaped([n]), h)
}

/// The Jacobian ∂f/∂x of a vector-valued f as an m×n matrix (output and input flattened),
/// by one forward pass and m backward passes.
public func jacobian(of f: DifferentiableFunction, at x: Tensor) throws -> Tensor {
  let tape = Tape()
  let xv = tape.variable(x)
  let y = try f(xv)
  return try Derivatives.stackRows(y.value.count, of: y, withRespectTo: xv, on: tape)
}
