import Testing

@testable import Descent

@Suite struct FormulaObjectiveTests {
  @Test func closedFormsOfTheLecture() throws {
    let saddle = try Formula("(1 - w1*w2)^2").objective
    let (v, g, h) = try saddle.valueGradientAndHessian(at: [0, 0])
    #expect(v == 1)
    #expect(g == [0, 0])
    #expect(h.rows == [[0, -2], [-2, 0]])
    let rosenbrock = try Formula("(1-x)^2 + 100*(y-x^2)^2").objective
    #expect(
      try rosenbrock.valueGradientAndHessian(at: [1, 1]).hessian.rows == [
        [802, -400], [-400, 200],
      ])
  }

  @Test func hessianVectorProductOfACubicFormulaIsExact() throws {
    // f = x³ − 2xyz + 3y²z − z³: H = [[6x, −2z, −2y], [−2z, 6z, −2x + 6y], [−2y, −2x + 6y, −6z]].
    let f = try Formula("x^3 - 2*x*y*z + 3*y^2*z - z^3").objective
    let (x, y, z) = (0.7, -1.3, 2.1)
    let v = [0.3, -0.5, 1.9]
    let h = [
      [6 * x, -2 * z, -2 * y], [-2 * z, 6 * z, -2 * x + 6 * y], [-2 * y, -2 * x + 6 * y, -6 * z],
    ]
    let expected = h.map { row in zip(row, v).map(*).reduce(0, +) }
    // A few roundings of O(10) products: 1e-13 absolute.
    expectClose(try f.hessianVectorProduct(at: [x, y, z], along: v), expected, atol: 1e-13)
  }

  @Test func countingObjectiveCountsEachTier() throws {
    let counted = CountingObjective(try Formula("x^2 + y^2").objective)
    _ = try counted.value(at: [1, 2])
    _ = try counted.valueAndGradient(at: [1, 2])
    _ = try counted.valueAndGradient(at: [1, 2])
    _ = try counted.hessianVectorProduct(at: [1, 2], along: [1, 0])
    _ = try counted.valueGradientAndHessian(at: [1, 2])
    #expect(counted.counts == EvaluationCounts(f: 1, g: 2, h: 1, hvp: 1))
  }

  @Test func unusedFixedVariableHasZeroDerivatives() throws {
    let f = try Formula("x^2", variables: ["x", "y"]).objective
    let (_, g, h) = try f.valueGradientAndHessian(at: [3, 5])
    #expect(g == [6, 0])
    #expect(h.rows == [[2, 0], [0, 0]])
  }

  @Test(arguments: [
    ("log(x)", [-1.0], "log of a negative number", 1),
    ("1 + log(x - 3)", [1.0], "log of a negative number", 5),
    ("x / (y - 1)", [1.0, 1.0], "divides by zero", 1),
    ("sqrt(x)", [-4.0], "square root of a negative number", 1),
    ("exp(x)", [1000.0], "overflows", 1),
    ("(x - 2)^0.5", [1.0], "negative base", 1),
    ("2 * sqrt(x)", [0.0], "infinite derivative", 5),
  ])
  func diagnosesWhereAFormulaStopsBeingFinite(
    _ formula: String, _ point: [Double], _ reason: String, _ column: Int
  ) throws {
    let f = try Formula(formula)
    let diagnosis = try #require(f.diagnoseNonFinite(at: point))
    #expect(diagnosis.message.contains(reason), "\(diagnosis.message)")
    #expect(diagnosis.column == column)
  }

  @Test func noDiagnosisWhereEverythingIsFinite() throws {
    #expect(try Formula("log(x) + sqrt(y)").diagnoseNonFinite(at: [1, 4]) == nil)
  }

  @Test func wrongPointShapeIsAnError() throws {
    let f = try Formula("x + y").function
    #expect(throws: ShapeError.self) { try value(of: f, at: Tensor([1, 2, 3])) }
  }
}
