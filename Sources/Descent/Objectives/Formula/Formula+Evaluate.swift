import Foundation

extension Expression {
  /// The value of the expression with the given variable values, in plain `Double`
  /// arithmetic (no tape): an independent path used to cross-check the compiled function
  /// and to find which part of a formula is not finite.
  /// - Throws: ``FormulaError`` when a variable has no value.
  public func evaluate(_ values: [String: Double]) throws(FormulaError) -> Double {
    switch node {
    case .number(let v): return v
    case .constant(let c): return c.value
    case .variable(let name):
      guard let v = values[name] else {
        throw FormulaError(
          message: "no value for variable '\(name)'", source: description, column: nil)
      }
      return v
    case .negate(let a): return -(try a.evaluate(values))
    case .call(let f, let a): return Expression.apply(f, try a.evaluate(values))
    case .binary(let op, let a, let b):
      let (x, y) = (try a.evaluate(values), try b.evaluate(values))
      switch op {
      case .add: return x + y
      case .subtract: return x - y
      case .multiply: return x * y
      case .divide: return x / y
      case .power: return Foundation.pow(x, y)
      }
    }
  }

  static func apply(_ f: Function, _ x: Double) -> Double {
    switch f {
    case .exp: Foundation.exp(x)
    case .log: Foundation.log(x)
    case .sqrt: x.squareRoot()
    case .sin: Foundation.sin(x)
    case .cos: Foundation.cos(x)
    case .tan: Foundation.tan(x)
    case .tanh: Foundation.tanh(x)
    case .sigmoid: Elementary.sigmoid(x)
    case .softplus: Elementary.softplus(x)
    case .relu: x > 0 ? x : (x.isNaN ? x : 0)
    case .abs: Swift.abs(x)
    }
  }
}

extension Formula {
  /// The values of the variables at `point` by name.
  func bindings(_ point: [Double]) -> [String: Double] {
    Dictionary(uniqueKeysWithValues: zip(variables, point))
  }

  /// Explains why the formula, or its derivative, is not finite at `point`: the innermost
  /// subexpression that goes wrong, its column, and why ("log of a negative number",
  /// "division by zero", "exp overflows", "sqrt has an infinite derivative at 0", "has a
  /// derivative that overflows" for `1/x`, `x^-1`, `log x` at a tiny x or `tan` near π/2).
  /// Returns nil when every subexpression and every local derivative is finite.
  public func diagnoseNonFinite(at point: [Double]) -> FormulaError? {
    let values = bindings(point)
    var found: FormulaError?
    _ = diagnose(expression, values, &found)
    return found
  }

  /// Post-order walk: returns the subexpression's value and records the first culprit.
  private func diagnose(_ e: Expression, _ values: [String: Double], _ found: inout FormulaError?)
    -> Double
  {
    func culprit(_ why: String) {
      if found == nil {
        let text = Formula.text(of: e, in: source)
        found = FormulaError(
          message: "\(text) \(why)", source: source,
          column: e.range.isEmpty ? nil : e.range.lowerBound + 1)
      }
    }
    switch e.node {
    case .number, .constant, .variable:
      return (try? e.evaluate(values)) ?? .nan
    case .negate(let a):
      return -diagnose(a, values, &found)
    case .call(let f, let a):
      let x = diagnose(a, values, &found)
      let y = Expression.apply(f, x)
      guard x.isFinite else { return y }
      if !y.isFinite {
        switch f {
        case .log where x < 0: culprit("is NaN: log of a negative number (\(Formula.format(x)))")
        case .log: culprit("is −∞: log of zero")
        case .sqrt: culprit("is NaN: square root of a negative number (\(Formula.format(x)))")
        default: culprit("overflows at \(Formula.format(x))")
        }
      } else if f == .sqrt && x == 0 {
        culprit("has an infinite derivative: sqrt at 0")
      } else if (f == .log && !(1 / x).isFinite) || (f == .tan && !(1 + y * y).isFinite) {
        culprit("has a derivative that overflows at \(Formula.format(x))")
      }
      return y
    case .binary(let op, let a, let b):
      let x = diagnose(a, values, &found)
      let y = diagnose(b, values, &found)
      guard x.isFinite && y.isFinite else { return (try? e.evaluate(values)) ?? .nan }
      let r: Double
      switch op {
      case .add: r = x + y
      case .subtract: r = x - y
      case .multiply: r = x * y
      case .divide: r = x / y
      case .power: r = Foundation.pow(x, y)
      }
      if !r.isFinite {
        switch op {
        case .divide where y == 0: culprit("divides by zero")
        case .power where x < 0 && y != y.rounded():
          culprit(
            "is NaN: a negative base (\(Formula.format(x))) to a non-integer power (\(Formula.format(y)))"
          )
        case .power where x == 0 && y < 0: culprit("is infinite: zero to a negative power")
        default: culprit("overflows")
        }
      } else if op == .divide && (!(x / y / y).isFinite || !(1 / y).isFinite) {
        culprit("has a derivative that overflows: dividing by \(Formula.format(y))")
      } else if op == .power && x != 0 && !(y * Foundation.pow(x, y - 1)).isFinite {
        culprit("has a derivative that overflows at a base of \(Formula.format(x))")
      } else if op == .power && x == 0 && y != y.rounded() && y < 2 {
        culprit("has an infinite derivative: zero to the power \(Formula.format(y))")
      } else if op == .power && b.constantValue == nil && x <= 0 {
        culprit("has no derivative in its exponent: log of a base ≤ 0 (\(Formula.format(x)))")
      }
      return r
    }
  }

  static func text(of e: Expression, in source: String) -> String {
    let chars = Array(source)
    guard !e.range.isEmpty, e.range.upperBound <= chars.count else { return e.description }
    return String(chars[e.range])
  }

  static func format(_ x: Double) -> String {
    x == x.rounded() && Swift.abs(x) < 1e15 ? String(Int(x)) : "\(x)"
  }
}
