/// A named test surface: its formula (compiled onto the tape like any typed formula), the
/// usual start, and its known minimizers with the published minimum.
///
/// `descent list` prints the catalogue; `descent run rosenbrock …` uses one by name. Names
/// with a parameter take it after a colon: `ill-conditioned:1000` (condition number),
/// `rosenbrock:10` (dimension of the chained form).
public struct BuiltinObjective: Sendable {
  /// The name as typed.
  public var name: String
  /// A sentence saying what the surface shows.
  public var summary: String
  /// The formula, in Descent's formula language.
  public var formula: String
  /// The conventional start point.
  public var start: [Double]
  /// Known global minimizers (a representative few where there are infinitely many).
  public var minimizers: [[Double]]
  /// f at the minimizers; nil where the function is unbounded below.
  public var minimum: Double?
  /// Where the minimizers and minimum are published.
  public var source: String

  /// The parsed formula (variables in natural order).
  public func parsed() throws(FormulaError) -> Formula { try Formula(formula) }
}

extension BuiltinObjective {
  /// Every built-in objective at its default parameters.
  public static let catalogue: [BuiltinObjective] = [
    BuiltinObjective(
      name: "lecture",
      summary:
        "the two-weight network (1 − w1·w2)²: a saddle at the origin, minima on the hyperbola w1·w2 = 1",
      formula: "(1 - w1*w2)^2", start: [0.5, 0.2], minimizers: [[1, 1], [-1, -1]], minimum: 0,
      source: "closed form"),
    rosenbrock(dimension: 2),
    BuiltinObjective(
      name: "beale", summary: "flat plateaus and a narrow curved valley",
      formula: "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2", start: [1, 1],
      minimizers: [[3, 0.5]], minimum: 0, source: "Moré, Garbow & Hillstrom 1981, problem 5"),
    BuiltinObjective(
      name: "himmelblau", summary: "four global minima of equal value",
      formula: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", start: [0, 0],
      minimizers: [
        [3, 2], [-2.805118, 3.131312], [-3.779310, -3.283186], [3.584428, -1.848126],
      ],
      minimum: 0, source: "Himmelblau, Applied Nonlinear Programming, 1972"),
    BuiltinObjective(
      name: "booth", summary: "a convex quadratic with condition number 9",
      formula: "(x + 2*y - 7)^2 + (2*x + y - 5)^2", start: [0, 0], minimizers: [[1, 3]], minimum: 0,
      source: "closed form"),
    BuiltinObjective(
      name: "saddle", summary: "x² − y²: a saddle at the origin, unbounded below",
      formula: "x^2 - y^2", start: [1, 0.001], minimizers: [], minimum: nil, source: "closed form"),
    BuiltinObjective(
      name: "monkey-saddle", summary: "x³ − 3xy²: a degenerate saddle with three downhill valleys",
      formula: "x^3 - 3*x*y^2", start: [0.5, 0.5], minimizers: [], minimum: nil,
      source: "closed form"),
    illConditioned(conditionNumber: 100),
    BuiltinObjective(
      name: "rastrigin", summary: "a bowl covered in regularly spaced local minima",
      formula: "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)", start: [2.5, -1.5],
      minimizers: [[0, 0]], minimum: 0, source: "Rastrigin 1974; Törn & Žilinskas 1989"),
    BuiltinObjective(
      name: "ackley",
      summary:
        "a nearly flat outer region with a deep cone-shaped hole at the origin (no gradient at the minimizer)",
      formula:
        "-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20",
      start: [2, 1.5], minimizers: [[0, 0]], minimum: 0, source: "Ackley 1987"),
    BuiltinObjective(
      name: "three-hump-camel", summary: "three local minima, one global",
      formula: "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2", start: [2, -1], minimizers: [[0, 0]],
      minimum: 0, source: "Branin 1972; Jamil & Yang 2013, function 29"),
    BuiltinObjective(
      name: "styblinski-tang", summary: "separable, with its global minimum in one of four basins",
      formula: "0.5*(x^4 - 16*x^2 + 5*x + y^4 - 16*y^2 + 5*y)", start: [0, 0],
      minimizers: [[-2.903534, -2.903534]], minimum: -78.33233,
      source: "Styblinski & Tang 1990; minimum −39.16617·n"),
  ]

  /// The chained Rosenbrock function in `dimension` variables x1…xn (x, y for n = 2).
  public static func rosenbrock(dimension n: Int) -> BuiltinObjective {
    precondition(n >= 2, "Rosenbrock needs at least 2 variables, got \(n)")
    let formula: String
    let start: [Double]
    if n == 2 {
      formula = "(1-x)^2 + 100*(y-x^2)^2"
      start = [-1.2, 1]
    } else {
      formula = (1..<n).map { "100*(x\($0 + 1) - x\($0)^2)^2 + (1 - x\($0))^2" }.joined(
        separator: " + ")
      start = (0..<n).map { $0 % 2 == 0 ? -1.2 : 1 }
    }
    return BuiltinObjective(
      name: n == 2 ? "rosenbrock" : "rosenbrock:\(n)",
      summary: "the banana valley: a curved, narrow valley with its minimum at (1, …, 1)",
      formula: formula, start: start, minimizers: [Array(repeating: 1, count: n)], minimum: 0,
      source: "Rosenbrock 1960; Moré, Garbow & Hillstrom 1981, problem 1")
  }

  /// ½(x² + κy²): Hessian eigenvalues 1 and κ, the surface where gradient descent zig-zags.
  public static func illConditioned(conditionNumber kappa: Double) -> BuiltinObjective {
    precondition(kappa >= 1, "condition number must be ≥ 1, got \(kappa)")
    let k = kappa == kappa.rounded() ? String(Int(kappa)) : "\(kappa)"
    return BuiltinObjective(
      name: kappa == 100 ? "ill-conditioned" : "ill-conditioned:\(k)",
      summary: "½(x² + κy²) with condition number κ = \(k): gradient descent zig-zags, lr < 2/κ",
      formula: "0.5*(x^2 + \(k)*y^2)", start: [1, 1], minimizers: [[0, 0]], minimum: 0,
      source: "closed form")
  }

  /// The built-in objective called `name` (with an optional `:parameter`), or nil.
  public static func named(_ name: String) -> BuiltinObjective? {
    let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
    guard let base = parts.first else { return nil }
    if parts.count == 2 {
      switch base {
      case "rosenbrock":
        guard let n = Int(parts[1]), n >= 2, n <= 10_000 else { return nil }
        return rosenbrock(dimension: n)
      case "ill-conditioned":
        guard let k = Double(parts[1]), k >= 1, k.isFinite else { return nil }
        return illConditioned(conditionNumber: k)
      default:
        return nil
      }
    }
    return catalogue.first { $0.name == base }
  }
}
