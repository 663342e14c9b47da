import Testing

@testable import Descent

@Suite struct BuiltinObjectiveTests {
  /// Each published minimizer is a critical point with the published minimum: the
  /// minimizers are given to 6–7 digits, so the gradient there is small but not zero
  /// (at most ~1e-4 for the steepest surfaces) and the value agrees to ~1e-9 relative of
  /// the function's scale.
  @Test(arguments: BuiltinObjective.catalogue.filter { !$0.minimizers.isEmpty })
  func publishedMinimaHold(_ objective: BuiltinObjective) throws {
    let f = try objective.parsed().objective
    for point in objective.minimizers {
      let (value, gradient) = try f.valueAndGradient(at: point)
      if objective.name == "ackley" {
        // √(x² + y²) is a cone at the origin: no gradient there (0·∞ on the tape).
        #expect(gradient.allSatisfy { $0.isNaN })
      } else {
        #expect(Tensor(gradient).maxNorm <= 2e-4, "\(objective.name) at \(point): ∇f = \(gradient)")
      }
      if let minimum = objective.minimum {
        #expect(
          Swift.abs(value - minimum) <= 1e-5 * Swift.max(1, Swift.abs(minimum)),
          "\(objective.name) at \(point): f = \(value)")
      }
    }
  }

  @Test(arguments: BuiltinObjective.catalogue)
  func startIsFiniteAndFits(_ objective: BuiltinObjective) throws {
    let formula = try objective.parsed()
    #expect(formula.variables.count == objective.start.count)
    let (value, gradient) = try formula.objective.valueAndGradient(at: objective.start)
    #expect(value.isFinite && gradient.allSatisfy { $0.isFinite })
  }

  @Test func parametrizedNames() throws {
    let r = try #require(BuiltinObjective.named("rosenbrock:5"))
    let f = try r.parsed()
    #expect(f.variables == ["x1", "x2", "x3", "x4", "x5"])
    // The chained form agrees with the tensor form.
    let x = [0.3, -0.4, 1.2, 0.8, -1.1]
    let tensorForm = try value(of: TestFunctions.rosenbrock, at: Tensor(x))
    expectClose([try f.objective.value(at: x)], [tensorForm], rtol: 1e-14)
    let q = try #require(BuiltinObjective.named("ill-conditioned:1000"))
    let h = try q.parsed().objective.valueGradientAndHessian(at: [0, 0]).hessian
    #expect(h.rows == [[1, 0], [0, 1000]])
    #expect(BuiltinObjective.named("rosenbrock:1") == nil)
    #expect(BuiltinObjective.named("nope") == nil)
    #expect(BuiltinObjective.named("ill-conditioned:0.5") == nil)
  }

  @Test func theLectureSaddleIsASaddle() throws {
    let f = try #require(BuiltinObjective.named("lecture")).parsed().objective
    #expect(try CriticalPointAnalysis(of: f, at: [0, 0]).kind == .saddlePoint)
    #expect(
      try CriticalPointAnalysis(
        of: try #require(BuiltinObjective.named("monkey-saddle")).parsed().objective, at: [0, 0]
      ).kind == .degenerate)
  }
}

extension BuiltinObjective: CustomTestStringConvertible {
  public var testDescription: String { name }
}
