/// A line search run along a direction from an iterate, shared by the methods that need one.
///
/// φ(α) = f(x + α·d) and φ′(α) = ∇f(x + α·d)ᵀd are evaluated through the evaluator (one
/// counted `g` per call). The last evaluated point is remembered, so the accepted point —
/// almost always the last trial — is not evaluated a second time.
enum DirectionalSearch {
  /// How a search along d ended.
  enum Outcome {
    /// The accepted point and the step α that reached it.
    case accepted(Iterate, step: Double)
    /// The search found no acceptable step.
    case failed
  }

  /// Searches along `direction` from `current`, starting with `initialStep`.
  static func run(
    _ lineSearch: any LineSearch, from current: Iterate, along direction: [Double],
    initialStep: Double, evaluator: ObjectiveEvaluator
  ) throws -> Outcome {
    var last: (step: Double, iterate: Iterate)?
    func point(_ step: Double) -> [Double] {
      zip(current.x, direction).map { $0 + step * $1 }
    }
    let phi = { (step: Double) throws -> (value: Double, slope: Double) in
      let x = point(step)
      let (value, gradient) = try evaluator.valueAndGradient(at: x)
      last = (step, Iterate(x: x, value: value, gradient: gradient))
      return (value, Vectors.dot(gradient, direction))
    }
    let result = try lineSearch.search(
      phi, initialStep: initialStep, value0: current.value,
      slope0: Vectors.dot(current.gradient, direction))
    guard result.isAccepted, result.step > 0 else { return .failed }
    if let last, last.step == result.step { return .accepted(last.iterate, step: result.step) }
    let x = point(result.step)
    let (value, gradient) = try evaluator.valueAndGradient(at: x)
    return .accepted(Iterate(x: x, value: value, gradient: gradient), step: result.step)
  }

  /// The search's settings as a JSON object, under LineSearches.jl's/SciPy's names.
  static func describe(_ lineSearch: any LineSearch) -> JSONValue {
    switch lineSearch {
    case let s as StrongWolfe:
      .object([
        "name": .string("strong-wolfe"), "c1": .number(s.c1), "c2": .number(s.c2),
        "maxiter": .number(Double(s.maxEvaluations)),
      ])
    case let s as BacktrackingArmijo:
      .object([
        "name": .string("backtracking"), "c1": .number(s.c1), "rho": .number(s.shrinkFactor),
        "maxiter": .number(Double(s.maxShrinks)),
      ])
    default:
      .object(["name": .string(String(describing: type(of: lineSearch)))])
    }
  }
}

/// Small dense-vector helpers on `[Double]` for the methods.
enum Vectors {
  /// aᵀb.
  static func dot(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for i in a.indices { sum += a[i] * b[i] }
    return sum
  }

  /// ‖a‖₂.
  static func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

  /// a − b.
  static func difference(_ a: [Double], _ b: [Double]) -> [Double] {
    zip(a, b).map { $0 - $1 }
  }
}
