import Descent
import Foundation

extension FuzzTargets {
  /// Coordinates a fuzzed point draws from: ordinary, tiny, huge, and the edges of `exp`.
  static let coordinates: [Double] = [
    0, 1, -1, 0.5, -0.5, 2, -2, 3, 1e-8, -1e-8, 1e8, 710, -745, 1e-300, 1e300, 0.1,
  ]

  /// A formula and a point: the text up to the first newline is the formula; each byte after
  /// it picks a coordinate from ``coordinates`` (low four bits); a coordinate no byte picks is
  /// 0.25·(i + 1).
  ///
  /// Invariants: parsing throws a ``FormulaError`` or succeeds (its messages print); a parsed
  /// formula printed and parsed again is the same tree over the same variables; with at most
  /// 6 variables, value, gradient and Hessian come back without a trap, the three values agree,
  /// the Hessian is n × n, and where the value is finite but the gradient is not,
  /// ``Formula/diagnoseNonFinite(at:)`` says why. (Second derivatives are not held to this:
  /// `x^y` at x = 1e-8, y = 1e300 has value 0 and gradient 0 but a NaN Hessian entry from
  /// 0·∞ after underflow, which the diagnosis, a walk over values, cannot see;
  /// `Fuzz/Corpus/formula/hessian-nan-after-underflow` keeps that input.)
  static func formula(_ bytes: [UInt8]) -> String? {
    let newline = bytes.firstIndex(of: 10) ?? bytes.count
    let source = text(Array(bytes[..<newline]))
    let picks = newline < bytes.count ? Array(bytes[(newline + 1)...]) : []
    let parsed: Formula
    do {
      parsed = try Formula(source)
    } catch {
      _ = error.description
      _ = error.annotated
      return nil
    }
    let printed = parsed.expression.description
    do {
      let again = try Formula(printed, variables: parsed.variables)
      guard again.expression == parsed.expression else {
        return "'\(source)' prints as '\(printed)', which parses to another tree"
      }
    } catch {
      return "'\(source)' prints as '\(printed)', which does not parse: \(error)"
    }
    let n = parsed.variables.count
    guard n <= 6 else { return nil }
    var point: [Double] = []
    for i in 0..<n {
      let coordinate: Double =
        i < picks.count ? coordinates[Int(picks[i] & 15)] : 0.25 * Double(i + 1)
      point.append(coordinate)
    }
    let objective = parsed.objective
    do {
      let value = try objective.value(at: point)
      let (value1, gradient) = try objective.valueAndGradient(at: point)
      let (value2, gradient2, hessian) = try objective.valueGradientAndHessian(at: point)
      guard same(value, value1), same(value, value2) else {
        return "'\(source)' at \(point): values \(value), \(value1), \(value2) differ"
      }
      guard gradient.count == n, gradient2.count == n, hessian.shape == [n, n] else {
        return
          "'\(source)': gradient \(gradient.count), Hessian \(hessian.shape) for \(n) variables"
      }
      let gradientFinite = gradient.allSatisfy { (g: Double) in g.isFinite }
      if value.isFinite && !gradientFinite && parsed.diagnoseNonFinite(at: point) == nil {
        return
          "'\(source)' at \(point): value \(value) finite, gradient \(gradient) not, no diagnosis"
      }
    } catch {
      return "'\(source)' at \(point) threw \(error)"
    }
    return nil
  }
}
