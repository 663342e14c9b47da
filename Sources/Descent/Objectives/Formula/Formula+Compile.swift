import Foundation

extension Formula {
  /// The formula as a differentiable function of the vector of its ``variables`` (in that
  /// order): every operator and function maps onto the autodiff operations, so the value,
  /// gradient, Hessian-vector product and Hessian all come from the tape — no symbolic
  /// differentiation.
  ///
  /// A power whose exponent holds no variable (`x^2`, `x^-1.5`, `x^(1/2)`) is a power with a
  /// constant exponent, defined for negative bases when the exponent is an integer; a
  /// variable exponent (`x^y`) is eᵞˡᵒᵍˣ-style and needs a positive base.
  public var function: DifferentiableFunction {
    let expression = self.expression
    let index = Dictionary(uniqueKeysWithValues: variables.enumerated().map { ($1, $0) })
    let n = variables.count
    return { x in
      guard x.shape == [n] else {
        throw ShapeError(
          operation: "formula", shapes: [x.shape, [n]],
          reason: "a point of shape \(x.shape) for a formula of \(n) variables")
      }
      let elements = try (0..<n).map { try x.element($0) }
      return try Formula.compile(expression, elements, index)
    }
  }

  /// The formula as an objective of the top tier.
  public var objective: AutodiffObjective {
    AutodiffObjective(dimension: variables.count, function)
  }

  private static func compile(
    _ e: Expression, _ x: [Variable], _ index: [String: Int]
  ) throws -> Variable {
    switch e.node {
    case .number(let v):
      return Variable(scalar: v)
    case .constant(let c):
      return Variable(scalar: c.value)
    case .variable(let name):
      guard let i = index[name] else {
        preconditionFailure("variable \(name) missing from the formula's list")
      }
      return x[i]
    case .negate(let operand):
      return -(try compile(operand, x, index))
    case .call(let function, let argument):
      let a = try compile(argument, x, index)
      switch function {
      case .exp: return Descent.exp(a)
      case .log: return Descent.log(a)
      case .sqrt: return Descent.sqrt(a)
      case .sin: return Descent.sin(a)
      case .cos: return Descent.cos(a)
      case .tan: return Descent.tan(a)
      case .tanh: return Descent.tanh(a)
      case .sigmoid: return Descent.sigmoid(a)
      case .softplus: return Descent.softplus(a)
      case .relu: return Descent.relu(a)
      case .abs: return Descent.abs(a)
      }
    case .binary(let op, let left, let right):
      if op == .power, let p = right.constantValue {
        return Descent.pow(try compile(left, x, index), p)
      }
      let a = try compile(left, x, index)
      let b = try compile(right, x, index)
      switch op {
      case .add: return try a + b
      case .subtract: return try a - b
      case .multiply: return try a * b
      case .divide: return try a / b
      case .power: return try Descent.pow(a, b)
      }
    }
  }
}

extension Expression {
  /// The value of an expression that holds no variable, nil otherwise.
  public var constantValue: Double? {
    switch node {
    case .variable: return nil
    default: return try? evaluate([:])
    }
  }
}
