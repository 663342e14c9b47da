/// The Moré–Garbow–Hillstrom test set: 35 sums of squares with standard starts and
/// published minima, the usual yardstick of unconstrained minimizers (SciPy, Optim.jl and
/// MINPACK are judged on it).
///
/// ```swift
/// let problem = try MGH.resolve("mgh:watson:9")      // or MGH.problem(named: "watson")
/// let (result, _) = try minimize(problem.objective, from: problem.start, method: LBFGS())
/// problem.isSolved(by: result.value)
/// ```
///
/// Names are the paper's titles in kebab-case (``names``); the variable-size problems take
/// n after a colon (`mgh:penalty-1:10`). ``problems`` holds the 35 at their default sizes;
/// ``instances`` the 43 the suite runs:
///
/// - the 35 at their default sizes: Gulf m = 99, Box 3D and Jennrich–Sampson m = 10,
///   Watson n = 6, Penalty I and II n = 4, Chebyquad n = m = 8, the linear functions
///   n = 5, m = 10 (MINPACK's drivers), every other variable-size problem n = 10
///   (extended Powell singular n = 12, the multiple of 4 nearest);
/// - 8 more sizes, those at which the paper publishes another minimum — Watson n = 9 and 12,
///   Penalty I and II n = 10, Chebyquad n = 9 (f* = 0) and 10 — and two of the sizes of
///   MINPACK's drivers (Chebyquad n = 7, Brown almost-linear n = 30).
///
/// ## References
/// - J. J. Moré, B. S. Garbow and K. E. Hillstrom, "Testing unconstrained optimization
///   software", ACM TOMS 7(1), 1981, pp. 17–41.
/// - J. J. Moré, B. S. Garbow and K. E. Hillstrom, *User guide for MINPACK-1*, Argonne
///   ANL-80-74, 1980, ch. 4 (the test drivers' sizes).
public enum MGH {
  /// The 35 problems at their default sizes, in the paper's order.
  public static var problems: [MGHProblem] {
    [
      rosenbrock(), freudensteinRoth(), powellBadlyScaled(), brownBadlyScaled(), beale(),
      jennrichSampson(), helicalValley(), bard(), gaussian(), meyer(), gulf(), box3D(),
      powellSingular(), wood(), kowalikOsborne(), brownDennis(), osborne1(), biggsEXP6(),
      osborne2(),
    ] + variableSizes.map { $0.make($0.defaultSize) }
  }

  /// The 43 instances of the suite (see the type's documentation).
  public static var instances: [MGHProblem] {
    let extra: [(String, Int)] = [
      ("watson", 9), ("watson", 12), ("penalty-1", 10), ("penalty-2", 10), ("chebyquad", 7),
      ("chebyquad", 9), ("chebyquad", 10), ("brown-almost-linear", 30),
    ]
    let more = extra.map { name, n in variableSizes.first { $0.name == name }!.make(n) }
    // The paper's order, sizes ascending within a problem.
    return (problems + more).sorted { ($0.number, $0.dimension) < ($1.number, $1.dimension) }
  }

  /// The 35 names, in the paper's order.
  public static var names: [String] { problems.map(\.name) }

  /// The names of the problems whose size n can be chosen.
  public static var variableSizeNames: Set<String> { Set(variableSizes.map(\.name)) }

  /// The problem called `name` (without the `mgh:` prefix), at `dimension` when given (a
  /// variable-size problem) or at its default size.
  /// - Throws: ``MGHLookupError`` naming the problem or the size and what would be valid.
  public static func problem(named name: String, dimension: Int? = nil) throws(MGHLookupError)
    -> MGHProblem
  {
    if let size = variableSizes.first(where: { $0.name == name }) {
      let n = dimension ?? size.defaultSize
      guard size.isValid(n) else {
        throw .invalidSize(name: name, dimension: n, valid: size.validSizes)
      }
      return size.make(n)
    }
    guard let problem = problems.first(where: { $0.name == name }) else {
      // A near misspelling first, else a name containing what was typed (`powell`).
      let suggestion =
        NameSuggestion.nearest(to: name, among: names).first
        ?? (name.isEmpty ? nil : names.first { $0.contains(name.lowercased()) })
      throw .unknown(name: name, suggestion: suggestion)
    }
    if let dimension, dimension != problem.dimension {
      throw .fixedSize(name: name, dimension: problem.dimension)
    }
    return problem
  }

  /// Whether `text` names an MGH problem (starts with `mgh:`).
  public static func isProblemName(_ text: String) -> Bool { text.hasPrefix("mgh:") }

  /// The problem named `mgh:NAME` or `mgh:NAME:n`.
  /// - Throws: ``MGHLookupError``.
  public static func resolve(_ text: String) throws(MGHLookupError) -> MGHProblem {
    guard isProblemName(text) else { throw .notAProblemName(text) }
    let parts = text.dropFirst(4).split(separator: ":", omittingEmptySubsequences: false)
    let name = String(parts.first ?? "")
    guard parts.count <= 2 else { throw .malformed(text) }
    var dimension: Int?
    if parts.count == 2 {
      guard let n = Int(parts[1]), n > 0 else { throw .malformed(text) }
      dimension = n
    }
    return try problem(named: name, dimension: dimension)
  }

  /// A problem from its parts (the factory every definition goes through).
  static func problem(
    _ number: Int, _ name: String, _ title: String, n: Int, m: Int, start: [Double],
    minima published: [Double], precise: [Double]? = nil, minimizer: [Double]? = nil,
    note: String? = nil, _ residuals: @escaping @Sendable (Variable) throws -> Variable
  ) -> MGHProblem {
    precondition(start.count == n, "\(name): start of \(start.count) coordinates, n = \(n)")
    precondition(
      precise == nil || precise?.count == published.count,
      "\(name): \(precise?.count ?? 0) precise minima for \(published.count) published")
    return MGHProblem(
      number: number, name: name, title: title, dimension: n, residualCount: m, start: start,
      publishedMinima: published, minima: precise ?? published, minimizer: minimizer,
      note: note, residualFunction: residuals)
  }
}

/// Why an `mgh:` name could not be resolved; each message says what would be valid.
public enum MGHLookupError: Error, Equatable, CustomStringConvertible {
  /// No problem has this name.
  case unknown(name: String, suggestion: String?)
  /// The size is outside the problem's range.
  case invalidSize(name: String, dimension: Int, valid: String)
  /// A size was given for a problem of fixed size.
  case fixedSize(name: String, dimension: Int)
  /// Not of the form `mgh:NAME` or `mgh:NAME:n`.
  case malformed(String)
  /// Does not start with `mgh:`.
  case notAProblemName(String)

  public var description: String {
    switch self {
    case .unknown(let name, let suggestion):
      "no MGH problem is called '\(name)'"
        + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        + " (`descent list` shows the 35 names)"
    case .invalidSize(let name, let n, let valid):
      "mgh:\(name) has no size n = \(n); valid sizes: \(valid)"
    case .fixedSize(let name, let n):
      "mgh:\(name) has a fixed size n = \(n); write mgh:\(name) without a size"
    case .malformed(let text):
      "'\(text)' is not an MGH name; write mgh:NAME or mgh:NAME:n (e.g. mgh:watson:9)"
    case .notAProblemName(let text):
      "'\(text)' is not an MGH name; MGH names start with 'mgh:'"
    }
  }
}

/// A variable-size problem: its default n, the sizes allowed, and how to build it.
struct MGHVariableSize: Sendable {
  var name: String
  var defaultSize: Int
  var validSizes: String
  var isValid: @Sendable (Int) -> Bool
  var make: @Sendable (Int) -> MGHProblem
}

extension MGH {
  /// Problems 20–35, in the paper's order.
  static let variableSizes: [MGHVariableSize] = [
    .init(
      name: "watson", defaultSize: 6, validSizes: "2…31", isValid: { (2...31).contains($0) },
      make: { watson(dimension: $0) }),
    .init(
      name: "extended-rosenbrock", defaultSize: 10, validSizes: "even n ≥ 2",
      isValid: { $0 >= 2 && $0 % 2 == 0 }, make: { extendedRosenbrock(dimension: $0) }),
    .init(
      name: "extended-powell-singular", defaultSize: 12, validSizes: "multiples of 4",
      isValid: { $0 >= 4 && $0 % 4 == 0 }, make: { extendedPowellSingular(dimension: $0) }),
    .init(
      name: "penalty-1", defaultSize: 4, validSizes: "n ≥ 1", isValid: { $0 >= 1 },
      make: { penalty1(dimension: $0) }),
    .init(
      name: "penalty-2", defaultSize: 4, validSizes: "n ≥ 2", isValid: { $0 >= 2 },
      make: { penalty2(dimension: $0) }),
    .init(
      name: "variably-dimensioned", defaultSize: 10, validSizes: "n ≥ 1", isValid: { $0 >= 1 },
      make: { variablyDimensioned(dimension: $0) }),
    .init(
      name: "trigonometric", defaultSize: 10, validSizes: "n ≥ 1", isValid: { $0 >= 1 },
      make: { trigonometric(dimension: $0) }),
    .init(
      name: "brown-almost-linear", defaultSize: 10, validSizes: "n ≥ 2", isValid: { $0 >= 2 },
      make: { brownAlmostLinear(dimension: $0) }),
    .init(
      name: "discrete-boundary-value", defaultSize: 10, validSizes: "n ≥ 2",
      isValid: { $0 >= 2 }, make: { discreteBoundaryValue(dimension: $0) }),
    .init(
      name: "discrete-integral-equation", defaultSize: 10, validSizes: "n ≥ 1",
      isValid: { $0 >= 1 }, make: { discreteIntegralEquation(dimension: $0) }),
    .init(
      name: "broyden-tridiagonal", defaultSize: 10, validSizes: "n ≥ 2", isValid: { $0 >= 2 },
      make: { broydenTridiagonal(dimension: $0) }),
    .init(
      name: "broyden-banded", defaultSize: 10, validSizes: "n ≥ 1", isValid: { $0 >= 1 },
      make: { broydenBanded(dimension: $0) }),
    .init(
      name: "linear-full-rank", defaultSize: 5, validSizes: "n ≥ 1 (m = 2n)",
      isValid: { $0 >= 1 }, make: { linearFullRank(dimension: $0, residualCount: 2 * $0) }),
    .init(
      name: "linear-rank-1", defaultSize: 5, validSizes: "n ≥ 1 (m = 2n)", isValid: { $0 >= 1 },
      make: { linearRank1(dimension: $0, residualCount: 2 * $0) }),
    .init(
      name: "linear-rank-1-zero", defaultSize: 5, validSizes: "n ≥ 3 (m = 2n)",
      isValid: { $0 >= 3 },
      make: { linearRank1ZeroColumnsAndRows(dimension: $0, residualCount: 2 * $0) }),
    .init(
      name: "chebyquad", defaultSize: 8, validSizes: "n ≥ 1 (m = n)", isValid: { $0 >= 1 },
      make: { chebyquad(dimension: $0) }),
  ]
}

/// Published minima to full precision (see ``MGHProblem``), from
/// `Scripts/references/mgh_scipy.py` (`precise_minima` in its fixture).
enum PreciseMinima {
  static let freudensteinRothLocal = 48.98425367924001
  static let jennrichSampson = 124.36218235561486
  static let bard = 0.00821487730657898
  /// Σ(yᵢ − ȳ)², the limit as x₂, x₃ → −∞ (a closed form).
  static let bardAtInfinity = 17.428693333333335
  static let meyer = 87.94585517068221
  static let brownDennis = 85822.20162635685
}
