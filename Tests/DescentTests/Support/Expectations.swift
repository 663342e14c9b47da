import Testing

@testable import Descent

// Closeness expectations for floating-point results.
//
// Each passes when every component satisfies
//
//     |actual − expected| ≤ atol + rtol·|expected|
//
// (NumPy's `isclose` rule, asymmetric: the tolerance scales with the expected value). Equal
// values pass, including equal infinities; an infinity matches only itself and NaN only NaN,
// whatever the tolerance. A failure records one issue naming the worst component — the one
// furthest outside its tolerance, measured in tolerances — with both values, the error and
// the tolerance, so a long vector does not bury the report under one line per component.
//
// The tolerances have no defaults worth trusting: write them at the call site, with the reason.

/// Expects two vectors to agree component by component within `atol + rtol·|expected|`.
///
/// The counts must match. On failure records a single issue naming the worst component
/// index, both values, the error, the tolerance and how many components failed.
func expectClose(
  _ actual: [Double], _ expected: [Double], rtol: Double = 0, atol: Double = 0,
  _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
  guard validTolerances(rtol: rtol, atol: atol, comment, sourceLocation: sourceLocation) else {
    return
  }
  guard actual.count == expected.count else {
    Issue.record(
      annotated(
        "expectClose: \(actual.count) actual components but \(expected.count) expected", comment),
      sourceLocation: sourceLocation)
    return
  }
  guard let worst = worstMismatch(actual, expected, rtol: rtol, atol: atol) else { return }
  let i = worst.index
  Issue.record(
    annotated(
      "expectClose: component \(i) of \(actual.count) is \(actual[i]), expected \(expected[i]); "
        + "error \(worst.error) exceeds tolerance \(worst.tolerance) "
        + "(atol \(atol) + rtol \(rtol)·|expected|); "
        + "\(worst.failures) of \(actual.count) components outside tolerance",
      comment),
    sourceLocation: sourceLocation)
}

/// Expects two tensors to have the same shape and agree element by element within
/// `atol + rtol·|expected|` (see the vector overload).
func expectClose(
  _ actual: Tensor, _ expected: Tensor, rtol: Double = 0, atol: Double = 0,
  _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
  guard actual.shape == expected.shape else {
    Issue.record(
      annotated(
        "expectClose: actual shape \(actual.shape) differs from expected shape \(expected.shape)",
        comment),
      sourceLocation: sourceLocation)
    return
  }
  expectClose(
    actual.scalars, expected.scalars, rtol: rtol, atol: atol, comment,
    sourceLocation: sourceLocation)
}

/// Expects two numbers to agree within `atol + rtol·|expected|`.
func expectClose(
  _ actual: Double, _ expected: Double, rtol: Double = 0, atol: Double = 0,
  _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
  guard validTolerances(rtol: rtol, atol: atol, comment, sourceLocation: sourceLocation) else {
    return
  }
  guard let worst = worstMismatch([actual], [expected], rtol: rtol, atol: atol) else { return }
  Issue.record(
    annotated(
      "expectClose: \(actual) is not close to expected \(expected); "
        + "error \(worst.error) exceeds tolerance \(worst.tolerance) "
        + "(atol \(atol) + rtol \(rtol)·|expected|)",
      comment),
    sourceLocation: sourceLocation)
}

// MARK: - Implementation

private struct Mismatch {
  var index: Int
  var error: Double
  var tolerance: Double
  /// How many tolerances the error spans (∞ for a NaN mismatch or a zero tolerance).
  var excess: Double
  var failures: Int
}

/// The component furthest outside its tolerance, or `nil` when every component passes.
private func worstMismatch(
  _ actual: [Double], _ expected: [Double], rtol: Double, atol: Double
) -> Mismatch? {
  var worst: Mismatch?
  var failures = 0
  for i in actual.indices {
    let (a, e) = (actual[i], expected[i])
    // Equal values (including equal infinities, whose difference is NaN) and NaN against
    // NaN pass.
    if a == e || (a.isNaN && e.isNaN) { continue }
    // The rtol term is left out where it would be 0·∞ or involve a non-finite expectation.
    let tolerance = atol + (rtol == 0 || !e.isFinite ? 0 : rtol * abs(e))
    // A NaN on one side only, or an infinity against any other value, fails whatever the
    // tolerance (rtol·∞ would otherwise let every finite value match ∞).
    let error = a.isFinite && e.isFinite ? abs(a - e) : .infinity
    if error <= tolerance && error.isFinite { continue }
    failures += 1
    let excess = tolerance > 0 ? error / tolerance : .infinity
    if let w = worst, (w.excess, w.error) >= (excess, error) { continue }
    worst = Mismatch(index: i, error: error, tolerance: tolerance, excess: excess, failures: 0)
  }
  worst?.failures = failures
  return worst
}

private func validTolerances(
  rtol: Double, atol: Double, _ comment: Comment?, sourceLocation: SourceLocation
) -> Bool {
  guard rtol >= 0, atol >= 0 else {
    Issue.record(
      annotated(
        "expectClose: tolerances must be non-negative, got rtol \(rtol), atol \(atol)", comment),
      sourceLocation: sourceLocation)
    return false
  }
  return true
}

private func annotated(_ message: String, _ comment: Comment?) -> Comment {
  guard let comment else { return Comment(rawValue: message) }
  return Comment(rawValue: "\(message) — \(comment.rawValue)")
}
