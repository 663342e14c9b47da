// Arithmetic on variables. Each backward rule is written with differentiable operations,
// so it can itself be recorded and differentiated (second order).

extension Variable {
  /// Sums `grad` (of a broadcast result) back to this variable's shape.
  func unbroadcast(_ grad: Variable) throws -> Variable {
    grad.shape == shape ? grad : try grad.sum(toShape: shape)
  }

  /// This variable repeated along broadcast axes to `target` (NumPy broadcasting).
  public func broadcast(to target: [Int]) throws -> Variable {
    if shape == target { return self }
    let source = shape
    return Variable.record(try value.broadcast(to: target), [self]) { g, _, _, _ in
      [try g.sum(toShape: source)]
    }
  }

  /// The sum over broadcast axes that brings this variable to `target`: the adjoint of
  /// ``broadcast(to:)``.
  public func sum(toShape target: [Int]) throws -> Variable {
    if shape == target { return self }
    let source = shape
    return Variable.record(try value.sum(toShape: target), [self]) { g, _, _, _ in
      [try g.broadcast(to: source)]
    }
  }

  /// a + b, broadcasting. ∂/∂a = 1, ∂/∂b = 1.
  public static func + (a: Variable, b: Variable) throws -> Variable {
    record(
      try a.value + b.value, [a, b], shortcut: .scaledProduct(scales: [1, 1], factors: [nil, nil])
    ) { g, x, _, needs in
      [needs[0] ? try x[0].unbroadcast(g) : nil, needs[1] ? try x[1].unbroadcast(g) : nil]
    }
  }

  /// a − b, broadcasting. ∂/∂a = 1, ∂/∂b = −1.
  public static func - (a: Variable, b: Variable) throws -> Variable {
    record(
      try a.value - b.value, [a, b],
      shortcut: .scaledProduct(scales: [1, -1], factors: [nil, nil])
    ) { g, x, _, needs in
      [needs[0] ? try x[0].unbroadcast(g) : nil, needs[1] ? try x[1].unbroadcast(-g) : nil]
    }
  }

  /// a ⊙ b (elementwise), broadcasting. ∂/∂a = b, ∂/∂b = a.
  public static func * (a: Variable, b: Variable) throws -> Variable {
    record(
      try a.value * b.value, [a, b], shortcut: .scaledProduct(scales: [1, 1], factors: [1, 0])
    ) { g, x, _, needs in
      [
        needs[0] ? try x[0].unbroadcast(g * x[1]) : nil,
        needs[1] ? try x[1].unbroadcast(g * x[0]) : nil,
      ]
    }
  }

  /// a ⊘ b (elementwise), broadcasting. ∂/∂a = 1/b, ∂/∂b = −a/b² = −y/b.
  public static func / (a: Variable, b: Variable) throws -> Variable {
    record(try a.value / b.value, [a, b]) { g, x, y, needs in
      [
        needs[0] ? try x[0].unbroadcast(g / x[1]) : nil,
        needs[1] ? try x[1].unbroadcast(-(g * y) / x[1]) : nil,
      ]
    }
  }

  /// −a.
  public static prefix func - (a: Variable) -> Variable {
    record(-a.value, [a], shortcut: .scaledProduct(scales: [-1], factors: [nil])) { g, _, _, _ in
      [-g]
    }
  }

  /// a + s.
  public static func + (a: Variable, s: Double) -> Variable {
    record(a.value + s, [a], shortcut: .scaledProduct(scales: [1], factors: [nil])) { g, _, _, _ in
      [g]
    }
  }
  /// s + a.
  public static func + (s: Double, a: Variable) -> Variable { a + s }
  /// a − s.
  public static func - (a: Variable, s: Double) -> Variable { a + (-s) }
  /// s − a.
  public static func - (s: Double, a: Variable) -> Variable {
    record(s - a.value, [a], shortcut: .scaledProduct(scales: [-1], factors: [nil])) { g, _, _, _ in
      [-g]
    }
  }
  /// a · s.
  public static func * (a: Variable, s: Double) -> Variable {
    record(a.value * s, [a], shortcut: .scaledProduct(scales: [s], factors: [nil])) { g, _, _, _ in
      [g * s]
    }
  }
  /// s · a.
  public static func * (s: Double, a: Variable) -> Variable { a * s }
  /// a / s.
  public static func / (a: Variable, s: Double) -> Variable {
    record(a.value / s, [a]) { g, _, _, _ in [g / s] }
  }
  /// s / a. ∂/∂a = −s/a² = −y/a.
  public static func / (s: Double, a: Variable) -> Variable {
    record(s / a.value, [a]) { g, x, y, _ in [-(try g * y / x[0])] }
  }
}
