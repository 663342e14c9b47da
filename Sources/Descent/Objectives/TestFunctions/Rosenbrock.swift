/// Classic test surfaces, written once on ``Variable``s so that value, gradient and
/// Hessian all come from the tape.
public enum TestFunctions {
  /// The n-dimensional (chained) Rosenbrock function, in tensor form:
  ///
  /// ```
  /// f(x) = ∑_{i=1}^{n−1} [ 100 (x_{i+1} − x_i²)² + (1 − x_i)² ]
  /// ```
  ///
  /// Minimum 0 at x = (1, …, 1); for n = 2 it is the banana valley `(1-x)^2 + 100*(y-x^2)^2`
  /// with Hessian [[802, −400], [−400, 200]] at the minimum. The usual start is
  /// (−1.2, 1, −1.2, 1, …). Five passes over memory forwards: a square, a difference, a
  /// sum of squares, x − 1, a sum of squares (see ``sumOfSquares(_:)``).
  ///
  /// ## References
  /// H. H. Rosenbrock, "An automatic method for finding the greatest or least value of a
  /// function", *The Computer Journal* 3(3), 1960. The chained n-D form is that of
  /// `scipy.optimize.rosen`.
  public static func rosenbrock(_ x: Variable) throws -> Variable {
    let n = x.shape.first ?? 0
    guard x.shape.count == 1, n >= 2 else {
      throw ShapeError(
        operation: "rosenbrock", shapes: [x.shape],
        reason: "Rosenbrock needs a vector of at least 2 coordinates, got shape \(x.shape)")
    }
    let head = try x[0..<(n - 1)]
    let tail = try x[1..<n]
    // (xᵢ² − xᵢ₊₁)² and (xᵢ − 1)²: the same squares, written without negations, which
    // saves two passes over memory backwards.
    return try 100 * sumOfSquares(square(head) - tail) + sumOfSquares(head - 1)
  }
}
