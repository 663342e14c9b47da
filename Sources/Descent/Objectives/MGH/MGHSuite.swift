/// One method on one MGH instance: where it ended and what it cost.
public struct SuiteRow: Codable, Equatable, Sendable {
  /// The instance name (`watson:9`).
  public var problem: String
  /// The paper's number.
  public var number: Int
  /// The method's name.
  public var method: String
  /// n.
  public var n: Int
  /// m.
  public var m: Int
  /// The published minima (full precision).
  public var minima: [Double]
  /// f at the standard start.
  public var startValue: Double
  /// f at the final point.
  public var value: Double
  /// Whether `value` reaches a published minimum (``MGHProblem/isSolved(by:tolerance:)``).
  public var solved: Bool
  /// Evaluations by kind.
  public var evaluations: EvaluationCounts
  /// Iterations (updates applied).
  public var iterations: Int
  /// Why the run stopped.
  public var stopReason: StopReason

  /// Objective plus gradient evaluations (`f + g`, what ``MinimizeOptions/maxEvaluations``
  /// caps): the figure compared with SciPy's `nfev`.
  public var functionEvaluations: Int { evaluations.f + evaluations.g }
}

/// Totals of one method over a suite: solved count and median evaluations.
public struct SuiteSummary: Codable, Equatable, Sendable {
  /// The method's name.
  public var method: String
  /// Instances run.
  public var instances: Int
  /// Instances solved.
  public var solved: Int
  /// The median of ``SuiteRow/functionEvaluations`` over all instances run.
  public var medianEvaluations: Double

  /// The totals of `rows` (all of one method).
  public init(method: String, rows: [SuiteRow]) {
    self.method = method
    self.instances = rows.count
    self.solved = rows.filter(\.solved).count
    let sorted = rows.map(\.functionEvaluations).sorted()
    if sorted.isEmpty {
      medianEvaluations = .nan
    } else if sorted.count % 2 == 1 {
      medianEvaluations = Double(sorted[sorted.count / 2])
    } else {
      medianEvaluations = Double(sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
  }
}

/// Runs methods on the MGH instances from their standard starts, at the suite's default
/// tolerances, and judges each run by the criterion.
///
/// "Default tolerances" here means Descent's own defaults (``MinimizeOptions``): the run
/// stops when ‖∇f‖∞ ≤ 10⁻⁸ (Optim.jl's `g_tol`; SciPy's BFGS stops at 10⁻⁵, coarser than
/// the 10⁻⁶ relative accuracy the criterion asks of f on badly scaled problems), with no
/// value or step tolerance, and with the iteration limit raised to 2000 and an evaluation
/// cap of 10000 (f + g) so that a slow method is counted as slow rather than stopped
/// early. Each method keeps its own internal stopping rules (a failed line search, LM's
/// step at machine precision).
public enum MGHSuite {
  /// The options of every suite run (see the type's documentation).
  public static var defaultOptions: MinimizeOptions {
    var options = MinimizeOptions()
    options.maxIterations = 2000
    options.maxEvaluations = 10000
    options.recordTrace = false
    return options
  }

  /// Runs `method` on `instance` from its standard start.
  public static func run(
    method: some IterativeMethod, instance: MGHProblem, options: MinimizeOptions = defaultOptions
  ) throws -> SuiteRow {
    let objective = instance.objective
    let startValue = try objective.value(at: instance.start)
    let (result, _) = try minimize(
      objective, from: instance.start, method: method, options: options,
      objectiveDescription: "mgh:\(instance.instanceName)")
    return SuiteRow(
      problem: instance.instanceName, number: instance.number, method: method.name,
      n: instance.dimension, m: instance.residualCount, minima: instance.minima,
      startValue: startValue, value: result.value, solved: instance.isSolved(by: result.value),
      evaluations: result.evaluations, iterations: result.iterations,
      stopReason: result.stopReason)
  }
}
