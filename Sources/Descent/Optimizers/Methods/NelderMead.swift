/// The Nelder–Mead simplex method: n + 1 points that reflect, expand, contract and shrink
/// their way downhill using values of f only — SciPy's `minimize(method='Nelder-Mead')`,
/// operation for operation.
///
/// With the vertices sorted so that f(x₀) ≤ … ≤ f(xₙ) and x̄ the centroid of all but the worst,
///
/// ```
/// reflect   xr = x̄ + ρ·(x̄ − xₙ)              accept if f₀ ≤ f(xr) < fₙ₋₁
/// expand    xe = x̄ + ρχ·(x̄ − xₙ)             if f(xr) < f₀: keep the better of xe, xr
/// contract  xc = x̄ + ψρ·(x̄ − xₙ)             if fₙ₋₁ ≤ f(xr) < fₙ: accept if f(xc) ≤ f(xr)
/// inside    xcc = x̄ − ψ·(x̄ − xₙ)             if f(xr) ≥ fₙ: accept if f(xcc) < fₙ
/// shrink    xᵢ ← x₀ + σ·(xᵢ − x₀), i ≥ 1       when the contraction is not accepted
/// ```
///
/// Coefficients: ρ = 1, χ = 2, ψ = 0.5, σ = 0.5 (Nelder & Mead's), or with `adaptive`
/// (Gao & Han 2012) ρ = 1, χ = 1 + 2/n, ψ = 0.75 − 1/(2n), σ = 1 − 1/n, which keeps the method
/// from stalling in higher dimensions. The initial simplex is x₀ and, for each coordinate k,
/// x₀ with xₖ multiplied by 1.05 (or set to 0.00025 where it is 0), SciPy's construction.
///
/// One iteration is one transformation (reflection, expansion, contraction or shrink), so
/// iteration counts compare with SciPy's `nit` — which counts one more, as SciPy starts its
/// count at 1. The iterate the loop sees is the best vertex. The vertices are sorted stably
/// by value with NaN last, so a NaN is never the best vertex. NumPy's `argsort` (SciPy's
/// sort) is not stable since NumPy 2, so where two vertices tie in f SciPy may order them
/// otherwise and the two runs part ways; without ties they agree transformation for
/// transformation.
///
/// The run stops with ``StopReason/stepTolerance`` when the simplex has collapsed both in
/// x and in f (SciPy's test, checked before each transformation):
///
/// ```
/// maxᵢ ‖xᵢ − x₀‖∞ ≤ xatol   and   maxᵢ |f(xᵢ) − f(x₀)| ≤ fatol
/// ```
///
/// Defaults: xatol = fatol = 1e-4 (SciPy's). SciPy also stops after 200·n iterations; here
/// the loop's `maxIterations` governs.
///
/// ## References
/// - J. A. Nelder and R. Mead, "A simplex method for function minimization", Computer
///   Journal 7, 1965.
/// - F. Gao and L. Han, "Implementing the Nelder-Mead simplex algorithm with adaptive
///   parameters", Computational Optimization and Applications 51, 2012.
/// - J. C. Lagarias, J. A. Reeds, M. H. Wright, P. E. Wright, "Convergence properties of the
///   Nelder–Mead simplex method in low dimensions", SIAM J. Optim. 9, 1998 (the operations).
/// - SciPy `_minimize_neldermead` (`scipy/optimize/_optimize.py`).
public struct NelderMead: IterativeMethod {
  /// Use Gao and Han's dimension-dependent coefficients.
  public var adaptive: Bool
  /// The tolerance on the simplex's extent in x (SciPy's `xatol`).
  public var xTolerance: Double
  /// The tolerance on the spread of f over the simplex (SciPy's `fatol`).
  public var valueTolerance: Double
  /// A start simplex of n + 1 vertices replacing SciPy's construction (SciPy's
  /// `initial_simplex`); its first vertex need not be the start point.
  public var initialSimplex: [[Double]]?

  /// Nelder–Mead with SciPy's defaults.
  public init(
    adaptive: Bool = false, xTolerance: Double = 1e-4, valueTolerance: Double = 1e-4,
    initialSimplex: [[Double]]? = nil
  ) throws(HyperparameterError) {
    try HyperparameterError.requireNonNegative(xTolerance, name: "xatol")
    try HyperparameterError.requireNonNegative(valueTolerance, name: "fatol")
    if let simplex = initialSimplex {
      let n = simplex.first?.count ?? 0
      guard n > 0, simplex.count == n + 1, simplex.allSatisfy({ $0.count == n }),
        simplex.allSatisfy({ $0.allSatisfy(\.isFinite) })
      else {
        throw HyperparameterError(
          name: "initial_simplex", value: "\(simplex.count) vertices",
          valid: "n + 1 finite vertices of n coordinates each")
      }
    }
    self.adaptive = adaptive
    self.xTolerance = xTolerance
    self.valueTolerance = valueTolerance
    self.initialSimplex = initialSimplex
  }

  /// The coefficients (ρ, χ, ψ, σ) in dimension n.
  public func coefficients(dimension n: Int) -> (
    reflection: Double, expansion: Double, contraction: Double, shrink: Double
  ) {
    guard adaptive else { return (1, 2, 0.5, 0.5) }
    let d = Double(n)
    return (1, 1 + 2 / d, 0.75 - 1 / (2 * d), 1 - 1 / d)
  }

  /// The simplex and its values, and how often each transformation was taken.
  public struct State: Codable, Equatable, Sendable {
    /// The vertices, best first.
    public var simplex: [[Double]]
    /// f at the vertices, in the same order.
    public var values: [Double]
    /// Reflections accepted (xr replaced the worst vertex).
    public var reflections = 0
    /// Expansions accepted (xe replaced the worst vertex).
    public var expansions = 0
    /// Outside contractions accepted (xc replaced the worst vertex).
    public var contractions = 0
    /// Inside contractions accepted (xcc replaced the worst vertex).
    public var insideContractions = 0
    /// Shrinks of the whole simplex towards the best vertex.
    public var shrinks = 0
  }

  public var name: String { "nelder-mead" }
  public var usesGradient: Bool { false }
  public var learningRateIsBoundedByCurvature: Bool { false }

  public var hyperparameters: JSONValue {
    var object: [String: JSONValue] = [
      "adaptive": .bool(adaptive), "xatol": .number(xTolerance), "fatol": .number(valueTolerance),
    ]
    if let simplex = initialSimplex {
      object["initial_simplex"] = .array(simplex.map { .array($0.map(JSONValue.number)) })
    }
    return .object(object)
  }

  /// Nil: the method has no learning rate.
  public func learningRate(in state: State) -> Double? { nil }

  public func initialState(at start: Iterate, evaluator: ObjectiveEvaluator) throws -> State {
    let n = start.x.count
    var simplex: [[Double]]
    var values: [Double]
    if let given = initialSimplex {
      precondition(
        given[0].count == n,
        "NelderMead: initial simplex of dimension \(given[0].count), start \(n)")
      simplex = given
      values = try given.map { try evaluator.value(at: $0) }
    } else {
      simplex = [start.x]
      values = [start.value]
      for k in 0..<n {
        var vertex = start.x
        vertex[k] = vertex[k] != 0 ? (1 + 0.05) * vertex[k] : 0.00025
        simplex.append(vertex)
        values.append(try evaluator.value(at: vertex))
      }
    }
    var state = State(simplex: simplex, values: values)
    NelderMead.sort(&state)
    return state
  }

  /// Sorts the vertices by value, stably, NaN last.
  static func sort(_ state: inout State) {
    func precedes(_ a: Double, _ b: Double) -> Bool { !a.isNaN && (b.isNaN || a < b) }
    for i in 1..<state.values.count {
      var j = i
      while j > 0 && precedes(state.values[j], state.values[j - 1]) {
        state.values.swapAt(j, j - 1)
        state.simplex.swapAt(j, j - 1)
        j -= 1
      }
    }
  }
}
