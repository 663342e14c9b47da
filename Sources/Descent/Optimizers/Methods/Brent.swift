/// Brent's method for minimising a function of one variable without derivatives: a bracket
/// found by golden-section expansion, then parabolic interpolation safeguarded by golden
/// sections — SciPy's `minimize_scalar(method='brent')`, step for step.
///
/// Bracketing (SciPy's `bracket`, Numerical Recipes' `mnbrak`): from two points a, b, ordered
/// so that f(a) ≥ f(b), step downhill to c = b + φ·(b − a) with φ = 1.618034 and keep going —
/// by parabolic extrapolation limited to b + 110·(c − b), or by golden steps — until
/// f(b) < f(c). The result brackets a minimum:
///
/// ```
/// a < b < c (or c < b < a),   f(b) ≤ f(a),   f(b) < f(c)
/// ```
///
/// Minimisation (SciPy's `Brent.optimize`, Brent 1973 ch. 5): keep the best point x, the
/// second best w and the previous w, v; try the vertex of the parabola through (x, w, v) when
/// it falls inside [a, b] and moves less than half the step before last, otherwise a golden
/// section 0.3819660·(the larger part) into the larger part; never step less than
/// tol₁ = xtol·|x| + 10⁻¹¹. Stop when
///
/// ```
/// |x − (a + b)/2| < 2·tol₁ − (b − a)/2
/// ```
///
/// Defaults: xtol = 1.48e-8 (SciPy's `tol`, about √ε of a Double: f is flat to rounding
/// within that relative distance of a smooth minimum), 500 iterations, grow limit 110,
/// 1000 bracketing steps, and the start bracket (0, 1) — all SciPy's.
///
/// - Note: one difference from SciPy: a NaN value is compared as +∞, so a point where f is
///   NaN is never taken as the minimum (SciPy moves to such a point, since every comparison
///   with NaN is false). Where no valid bracket exists (f decreasing without bound, constant,
///   or NaN around the start) the result is the best of the points seen, with
///   ``Status-swift.enum/noBracket``; SciPy raises `BracketError` or `RuntimeError`.
///
/// ## References
/// - R. P. Brent, *Algorithms for Minimization without Derivatives*, Prentice-Hall, 1973, ch. 5.
/// - W. H. Press et al., *Numerical Recipes*, 3rd ed., 2007, §10.1 (`mnbrak`) and §10.3.
/// - SciPy `scipy.optimize.brent`, `scipy.optimize.bracket` (`_optimize.py`).
public struct Brent: Sendable, Equatable {
  /// The relative tolerance on the minimiser (SciPy's `xtol`).
  public var tolerance: Double
  /// The limit on iterations of the minimisation, after the bracket (SciPy's `maxiter`).
  public var maxIterations: Int
  /// How far a parabolic extrapolation may reach while bracketing, in units of the last step.
  public var growLimit: Double
  /// The limit on expansion steps while bracketing.
  public var maxBracketIterations: Int

  /// Brent's method with SciPy's defaults.
  public init(
    tolerance: Double = 1.48e-8, maxIterations: Int = 500, growLimit: Double = 110,
    maxBracketIterations: Int = 1000
  ) throws(HyperparameterError) {
    guard tolerance.isFinite, tolerance >= 0 else {
      throw HyperparameterError(name: "xtol", value: "\(tolerance)", valid: "a finite number ≥ 0")
    }
    guard maxIterations > 0 else {
      throw HyperparameterError(name: "maxiter", value: "\(maxIterations)", valid: "an integer > 0")
    }
    guard growLimit.isFinite, growLimit > 1 else {
      throw HyperparameterError(name: "grow_limit", value: "\(growLimit)", valid: "a number > 1")
    }
    guard maxBracketIterations > 0 else {
      throw HyperparameterError(
        name: "bracket_maxiter", value: "\(maxBracketIterations)", valid: "an integer > 0")
    }
    self.tolerance = tolerance
    self.maxIterations = maxIterations
    self.growLimit = growLimit
    self.maxBracketIterations = maxBracketIterations
  }

  /// How a minimisation ended.
  public enum Status: String, Codable, Sendable {
    /// The bracket shrank to the tolerance.
    case converged
    /// ``maxIterations`` ran out first.
    case maxIterations
    /// No bracket was found; the result is the best point seen.
    case noBracket
  }

  /// Three points around a minimum, with their values.
  public struct Bracket: Equatable, Sendable {
    /// One end.
    public var a: Double
    /// The middle point, the lowest of the three when the bracket is valid.
    public var b: Double
    /// The other end.
    public var c: Double
    /// f(a).
    public var fa: Double
    /// f(b).
    public var fb: Double
    /// f(c).
    public var fc: Double

    /// True when b lies strictly between a and c, f(b) is below one end and not above the
    /// other, and all three points are finite (SciPy's three conditions).
    public var isValid: Bool {
      ((fb < fc && fb <= fa) || (fb < fa && fb <= fc)) && ((a < b && b < c) || (c < b && b < a))
        && a.isFinite && b.isFinite && c.isFinite
    }
  }

  /// The outcome of ``minimize(_:from:to:valueAtStart:)``.
  public struct Result: Equatable, Sendable {
    /// The minimiser found.
    public var x: Double
    /// f(x).
    public var value: Double
    /// Iterations of the minimisation proper (SciPy's `nit`; 0 without a bracket).
    public var iterations: Int
    /// Evaluations of f, bracketing included (SciPy's `nfev`, less one when the value at the
    /// first point was given).
    public var evaluations: Int
    /// Whether the tolerance was met, the iterations ran out, or no bracket was found.
    public var status: Status
  }

  /// The golden ratio as SciPy's `bracket` writes it.
  static let golden = 1.618034
  /// 2 − φ: the golden-section fraction of SciPy's `Brent`.
  static let goldenSection = 0.3819660
  /// The absolute part of tol₁, for minima at 0.
  static let minimumTolerance = 1.0e-11

  /// NaN compares as +∞ (see the note on the type).
  @inline(__always) static func ordered(_ value: Double) -> Double {
    value.isNaN ? .infinity : value
  }
}
