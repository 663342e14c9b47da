import Foundation

extension Variable {
  /// The sum of all elements, a rank-0 variable. Derivative: ones (the gradient broadcast).
  public func sum() throws -> Variable {
    let source = shape
    return Variable.record(Tensor(scalar: value.sum()), [self]) { g, _, _, _ in
      [try g.broadcast(to: source)]
    }
  }

  /// The mean of all elements, a rank-0 variable.
  public func mean() throws -> Variable {
    try sum() / Double(value.count)
  }

  /// The sum along `axis`, removing it unless `keepingDimension` (PyTorch's `keepdim`).
  public func sum(alongAxis axis: Int, keepingDimension: Bool = false) throws -> Variable {
    let source = shape
    let result = try value.sum(alongAxis: axis, keepingDimension: keepingDimension)
    var kept = source
    kept[axis] = 1
    return Variable.record(result, [self]) { [kept] g, _, _, _ in
      [try g.reshaped(kept).broadcast(to: source)]
    }
  }

  /// The mean along `axis` (see ``sum(alongAxis:keepingDimension:)``).
  public func mean(alongAxis axis: Int, keepingDimension: Bool = false) throws -> Variable {
    try sum(alongAxis: axis, keepingDimension: keepingDimension) / Double(shape[axis])
  }

  /// log ∑ exp(xᵢ) along `axis`, computed stably as m + log ∑ exp(xᵢ − m) with m the
  /// maximum (0 where the maximum is infinite, as PyTorch). Derivative: softmax(x) along the
  /// axis, exp(x − y).
  public func logSumExp(alongAxis axis: Int, keepingDimension: Bool = false) throws -> Variable {
    let m = try value.max(alongAxis: axis, keepingDimension: true).map { $0.isFinite ? $0 : 0 }
    let shifted = try Tensor.zip(value, m) { Foundation.exp($0 - $1) }
    let s = try shifted.sum(alongAxis: axis, keepingDimension: true)
    var result = try Tensor.zip(m, s) { $0 + Foundation.log($1) }
    var kept = shape
    kept[axis] = 1
    if !keepingDimension {
      var reduced = shape
      reduced.remove(at: axis)
      result = try result.reshaped(reduced)
    }
    return Variable.record(result, [self]) { [kept] g, x, y, _ in
      let yk = try y.reshaped(kept)
      return [try g.reshaped(kept) * exp(x[0] - yk)]
    }
  }
}

/// The sum of all elements of `x`.
public func sum(_ x: Variable) throws -> Variable { try x.sum() }
/// The mean of all elements of `x`.
public func mean(_ x: Variable) throws -> Variable { try x.mean() }
