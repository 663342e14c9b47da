import Foundation
import Testing

@testable import Descent

@Suite struct MGHProblemTests {
  /// One row of the paper's table.
  struct Row {
    var number: Int
    var name: String
    var n: Int
    var m: Int
    var start: [Double]
    var minima: [Double]
    init(
      _ number: Int, _ name: String, _ n: Int, _ m: Int, _ start: [Double], _ minima: [Double]
    ) {
      (self.number, self.name, self.n, self.m, self.start, self.minima) =
        (number, name, n, m, start, minima)
    }
  }

  static func repeated(_ value: Double) -> [Double] { Array(repeating: value, count: 10) }
  static let variablyDimensionedStart: [Double] = (1...10).map { 1 - Double($0) / 10 }
  static let boundaryStart: [Double] = (1...10).map { (j: Int) -> Double in
    let t = Double(j) / 11
    return t * (t - 1)
  }
  static let chebyquadStart: [Double] = (1...8).map { Double($0) / 9 }

  /// The paper's table (Moré, Garbow & Hillstrom 1981, §3), typed from the paper: number,
  /// name, n, m, standard start and published minima, at the default sizes.
  static let table: [Row] = [
    Row(1, "rosenbrock", 2, 2, [-1.2, 1], [0]),
    Row(2, "freudenstein-roth", 2, 2, [0.5, -2], [0, 48.9842]),
    Row(3, "powell-badly-scaled", 2, 2, [0, 1], [0]),
    Row(4, "brown-badly-scaled", 2, 3, [1, 1], [0]),
    Row(5, "beale", 2, 3, [1, 1], [0]),
    Row(6, "jennrich-sampson", 2, 10, [0.3, 0.4], [124.362]),
    Row(7, "helical-valley", 3, 3, [-1, 0, 0], [0]),
    Row(8, "bard", 3, 15, [1, 1, 1], [8.21487e-3, 17.4286]),
    Row(9, "gaussian", 3, 15, [0.4, 1, 0], [1.12793e-8]),
    Row(10, "meyer", 3, 16, [0.02, 4000, 250], [87.9458]),
    Row(11, "gulf", 3, 99, [5, 2.5, 0.15], [0]),
    Row(12, "box-3d", 3, 10, [0, 10, 20], [0]),
    Row(13, "powell-singular", 4, 4, [3, -1, 0, 1], [0]),
    Row(14, "wood", 4, 6, [-3, -1, -3, -1], [0]),
    Row(15, "kowalik-osborne", 4, 11, [0.25, 0.39, 0.415, 0.39], [3.07505e-4, 1.02734e-3]),
    Row(16, "brown-dennis", 4, 20, [25, 5, -5, -1], [85822.2]),
    Row(17, "osborne-1", 5, 33, [0.5, 1.5, -1, 0.01, 0.02], [5.46489e-5]),
    Row(18, "biggs-exp6", 6, 13, [1, 2, 1, 1, 1, 1], [0, 5.65565e-3]),
    Row(19, "osborne-2", 11, 65, [1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5], [4.01377e-2]),
    Row(20, "watson", 6, 31, [0, 0, 0, 0, 0, 0], [2.28767e-3]),
    Row(21, "extended-rosenbrock", 10, 10, [-1.2, 1, -1.2, 1, -1.2, 1, -1.2, 1, -1.2, 1], [0]),
    Row(22, "extended-powell-singular", 12, 12, [3, -1, 0, 1, 3, -1, 0, 1, 3, -1, 0, 1], [0]),
    Row(23, "penalty-1", 4, 5, [1, 2, 3, 4], [2.24997e-5]),
    Row(24, "penalty-2", 4, 8, [0.5, 0.5, 0.5, 0.5], [9.37629e-6]),
    Row(25, "variably-dimensioned", 10, 12, variablyDimensionedStart, [0]),
    Row(26, "trigonometric", 10, 10, repeated(0.1), [0]),
    Row(27, "brown-almost-linear", 10, 10, repeated(0.5), [0, 1]),
    Row(28, "discrete-boundary-value", 10, 10, boundaryStart, [0]),
    Row(29, "discrete-integral-equation", 10, 10, boundaryStart, [0]),
    Row(30, "broyden-tridiagonal", 10, 10, repeated(-1), [0]),
    Row(31, "broyden-banded", 10, 10, repeated(-1), [0]),
    Row(32, "linear-full-rank", 5, 10, [1, 1, 1, 1, 1], [5]),
    Row(33, "linear-rank-1", 5, 10, [1, 1, 1, 1, 1], [90.0 / 42]),
    Row(34, "linear-rank-1-zero", 5, 10, [1, 1, 1, 1, 1], [124.0 / 34]),
    Row(35, "chebyquad", 8, 8, chebyquadStart, [3.51687e-3]),
  ]

  @Test func theTableListsAll35AtTheirDefaultSizes() throws {
    let problems = MGH.problems
    #expect(problems.count == 35)
    #expect(Self.table.count == 35)
    for (row, problem) in zip(Self.table, problems) {
      let (number, name, n, m, start, minima) =
        (row.number, row.name, row.n, row.m, row.start, row.minima)
      #expect(problem.number == number, "\(name)")
      #expect(problem.name == name)
      #expect(problem.dimension == n, "\(name)")
      #expect(problem.residualCount == m, "\(name)")
      // The same decimal literals, or the same formula evaluated in another order (t(t − 1)
      // with t = j/11): a few ulps.
      expectClose(problem.start, start, rtol: 1e-14, "\(name) start")
      expectClose(problem.publishedMinima, minima, rtol: 1e-15, "\(name) minima")
      // The residual function returns m values at the start.
      #expect(try problem.objective.residuals(at: problem.start).count == m, "\(name)")
      #expect(try MGH.problem(named: name).dimension == n)
    }
  }

  @Test func theSuiteHas43InstancesNamedOnce() {
    let names = MGH.instances.map(\.instanceName)
    #expect(names.count == 43)
    #expect(Set(names).count == 43)
    #expect(names.contains("watson:12") && names.contains("chebyquad:10"))
  }

  /// Every full-precision minimum agrees with the printed one to a unit in its last
  /// (sixth significant) digit: the paper truncates some ("48.9842…") and rounds others.
  @Test func preciseMinimaAgreeWithThePrintedDigits() {
    for problem in MGH.instances {
      for (precise, printed) in zip(problem.minima, problem.publishedMinima) where printed != 0 {
        let unit = Foundation.pow(10, Foundation.floor(Foundation.log10(Swift.abs(printed))) - 5)
        #expect(Swift.abs(precise - printed) <= unit, "\(problem.instanceName): \(precise)")
      }
    }
  }

  /// f(x₀) of every instance equals the independent NumPy/JAX implementation's, and the
  /// minima are the script's: each definition is checked against a second one written from
  /// the paper. Tolerance 1e-12 relative: the same arithmetic in another order (sums of up
  /// to 99 squares, exp/log/pow from two libms).
  @Test func startValuesMatchTheIndependentImplementation() throws {
    let fixtures = try #require(MGHFixtures.document, "Fixtures/mgh_scipy.json is missing")
    let instances = MGH.instances
    #expect(fixtures.instances.count == instances.count)
    for (reference, problem) in zip(fixtures.instances, instances) {
      #expect(reference.name == problem.instanceName)
      #expect(reference.n == problem.dimension && reference.m == problem.residualCount)
      // Same literals or the same formula in another order: a few ulps.
      expectClose(problem.start, reference.start, rtol: 1e-14, "\(reference.name) start")
      let f0 = try problem.objective.value(at: problem.start)
      expectClose([f0], [reference.f0], rtol: 1e-12, "\(reference.name) f(x₀)")
      // The full-precision minima were copied from the script's output: to the last digit.
      expectClose(problem.minima, reference.minima, rtol: 1e-15, "\(reference.name) minima")
    }
  }

  /// At a minimizer known in closed form f equals the first published minimum. Tolerance
  /// 1e-12 absolute (f* = 0 up to rounding of the residuals) or relative for f* ≠ 0.
  @Test func knownMinimizersReachThePublishedMinimum() throws {
    var checked = 0
    for problem in MGH.instances {
      guard let x = problem.minimizer else { continue }
      let f = try problem.objective.value(at: x)
      expectClose([f], [problem.minima[0]], rtol: 1e-12, atol: 1e-12, "\(problem.instanceName)")
      checked += 1
    }
    #expect(checked >= 18)
  }

  /// ∇f from the tape against central differences of f at the start, and ∇f = 2Jᵀr from
  /// the Jacobian. Step h = 1e-6·max(1, |xⱼ|): truncation O(h²·f‴) and rounding
  /// O(ε·f/h) give about 1e-7 relative on these smooth functions, hence rtol 1e-5 with an
  /// absolute floor scaled by f(x₀) for components that are (nearly) zero.
  @Test(arguments: MGH.instances.map(\.instanceName))
  func gradientMatchesCentralDifferences(_ name: String) throws {
    let problem = try MGH.resolve("mgh:" + name)
    let objective = problem.objective
    let x = problem.start
    let (f, g) = try objective.valueAndGradient(at: x)
    var numeric = [Double](repeating: 0, count: x.count)
    for j in x.indices {
      let h = 1e-6 * Swift.max(1, Swift.abs(x[j]))
      var (up, down) = (x, x)
      up[j] += h
      down[j] -= h
      numeric[j] = (try objective.value(at: up) - objective.value(at: down)) / (2 * h)
    }
    let floor = 1e-7 * Swift.max(1, Swift.abs(f))
    expectClose(g, numeric, rtol: 1e-5, atol: floor, "\(name) ∇f")
    let (r, jacobian) = try objective.residualsAndJacobian(at: x)
    let fromJacobian = try Tensor.matmul(
      jacobian, Tensor(r).reshaped([r.count, 1]), transposeA: true
    )
    .scalars.map { 2 * $0 }
    // Same derivatives by two tape paths: agreement to rounding.
    expectClose(
      fromJacobian, g, rtol: 1e-10, atol: 1e-12 * Swift.max(1, Swift.abs(f)), "\(name) 2Jᵀr")
  }

  /// The Hessian-vector product of f = Σr² against central differences of ∇f, on a few
  /// problems with curvature of every kind (h = 1e-5, rtol 1e-4 for the same reasons).
  @Test(arguments: ["helical-valley", "bard", "wood", "watson", "chebyquad"])
  func hessianVectorProductMatchesDifferencesOfTheGradient(_ name: String) throws {
    let problem = try MGH.problem(named: name)
    let objective = problem.objective
    let x = problem.start.map { $0 + 0.1 }
    let v = (0..<x.count).map { Double($0 % 3) - 0.7 }
    let hv = try objective.hessianVectorProduct(at: x, along: v)
    let h = 1e-5
    let up = try objective.valueAndGradient(at: zip(x, v).map { $0 + h * $1 }).gradient
    let down = try objective.valueAndGradient(at: zip(x, v).map { $0 - h * $1 }).gradient
    let numeric = zip(up, down).map { ($0 - $1) / (2 * h) }
    let scale = numeric.map(Swift.abs).max() ?? 1
    expectClose(hv, numeric, rtol: 1e-4, atol: 1e-6 * Swift.max(1, scale), "\(name) H·v")
  }

  /// The example in ``AutodiffResiduals``'s documentation, verbatim, agrees with
  /// mgh:rosenbrock (same residuals, same Jacobian) at a point off the valley.
  @Test func theDocumentedExampleIsRosenbrock() throws {
    let rosenbrock = AutodiffResiduals(dimension: 2, residualCount: 2) { x in
      let (x1, x2) = (try x.element(0), try x.element(1))
      let r1 = try (x2 - square(x1)) * 10
      return try Variable.concatenate([r1.reshaped([1]), (1 - x1).reshaped([1])])
    }
    let reference = try MGH.problem(named: "rosenbrock").objective
    let x = [0.3, -0.7]
    let (r, j) = try rosenbrock.residualsAndJacobian(at: x)
    let (rr, jj) = try reference.residualsAndJacobian(at: x)
    #expect(r == rr)
    #expect(j.scalars == jj.scalars)
    // r = (10(−0.7 − 0.09), 0.7), J = [[−20·0.3, 10], [−1, 0]]: exact up to one rounding.
    expectClose(r, [-7.9, 0.7], rtol: 1e-15)
    expectClose(j.scalars, [-6, 10, -1, 0], rtol: 1e-15)
  }

  @Test func namesResolveWithSizesAndSuggestions() throws {
    #expect(try MGH.resolve("mgh:watson:9").dimension == 9)
    #expect(try MGH.resolve("mgh:rosenbrock").residualCount == 2)
    #expect(throws: MGHLookupError.unknown(name: "rosenbrok", suggestion: "rosenbrock")) {
      try MGH.resolve("mgh:rosenbrok")
    }
    #expect(throws: MGHLookupError.fixedSize(name: "beale", dimension: 2)) {
      try MGH.resolve("mgh:beale:3")
    }
    #expect(throws: MGHLookupError.invalidSize(name: "watson", dimension: 40, valid: "2…31")) {
      try MGH.resolve("mgh:watson:40")
    }
    #expect(throws: MGHLookupError.malformed("mgh:watson:x")) { try MGH.resolve("mgh:watson:x") }
    let message = MGHLookupError.unknown(name: "rosenbrok", suggestion: "rosenbrock").description
    #expect(message.contains("did you mean 'rosenbrock'"))
  }

  @Test func theSolvedCriterionAcceptsAnyPublishedMinimum() throws {
    let freudenstein = try MGH.problem(named: "freudenstein-roth")
    #expect(freudenstein.isSolved(by: 1e-7))
    #expect(freudenstein.isSolved(by: freudenstein.minima[1] + 1e-5))
    #expect(!freudenstein.isSolved(by: freudenstein.minima[1] + 1e-3))
    #expect(!freudenstein.isSolved(by: .nan))
  }
}
