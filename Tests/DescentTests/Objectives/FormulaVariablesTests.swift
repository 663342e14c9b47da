import Testing

@testable import Descent

@Suite struct FormulaVariablesTests {
  @Test func naturalOrderComparesDigitRunsAsNumbers() {
    #expect(naturalOrder("x", "y"))
    #expect(naturalOrder("y", "z"))
    #expect(naturalOrder("w1", "w2"))
    #expect(naturalOrder("w2", "w10"))
    #expect(!naturalOrder("w10", "w2"))
    #expect(naturalOrder("w", "w1"))
    #expect(naturalOrder("a9b", "a10a"))
    #expect(naturalOrder("x1_2", "x1_10"))
    #expect(naturalOrder("x2y", "x10"))
    // Strict: irreflexive, and equal-valued runs written differently still ordered.
    #expect(!naturalOrder("w1", "w1"))
    #expect(naturalOrder("x01", "x1") != naturalOrder("x1", "x01"))
  }

  @Test func sortingWithNaturalOrder() {
    let names = ["w10", "b", "w2", "x", "a", "w1", "w1_10", "w1_2", "theta"]
    #expect(
      names.sorted(by: naturalOrder)
        == ["a", "b", "theta", "w1", "w1_2", "w1_10", "w2", "w10", "x"])
  }

  @Test func variablesDefaultToDistinctNamesInNaturalOrder() throws {
    #expect(try Formula("z + y*x").variables == ["x", "y", "z"])
    #expect(try Formula("w10*w2 + w1 - w2").variables == ["w1", "w2", "w10"])
    #expect(try Formula("(1 - w1*w2)^2").variables == ["w1", "w2"])
    #expect(try Formula("2*pi + exp(1)").variables == [])
  }

  @Test func givenVariablesFixTheOrder() throws {
    let formula = try Formula("x + 2*y", variables: ["y", "x"])
    #expect(formula.variables == ["y", "x"])
    #expect(formula.expression == .add(.v("x"), .mul(.num(2), .v("y"))))
    #expect(formula.source == "x + 2*y")
  }

  @Test func givenVariablesMayIncludeUnusedOnes() throws {
    #expect(try Formula("x^2", variables: ["x", "y", "z"]).variables == ["x", "y", "z"])
    #expect(try Formula("3", variables: []).variables == [])
  }

  @Test func unknownVariableSuggestsTheNearestListedOne() {
    expectFormulaError(
      "y + z", variables: ["x1", "y"],
      message: "unknown variable 'z'; did you mean 'y'?", column: 5)
    expectFormulaError(
      "w1 + w3", variables: ["w1", "w2"],
      message: "unknown variable 'w3'; did you mean 'w1' or 'w2'?", column: 6)
    expectFormulaError(
      "alpha + beta", variables: ["alpha", "gamma"],
      message: "unknown variable 'beta'; the variables are alpha, gamma", column: 9)
    expectFormulaError(
      "X", variables: ["x"], message: "unknown variable 'X'; did you mean 'x'?", column: 1)
    expectFormulaError(
      "x", variables: [], message: "unknown variable 'x': no variables were declared",
      column: 1)
  }

  @Test func invalidVariableEntries() {
    let syntax = "a name starts with a letter or '_' and continues with letters, digits or '_'"
    expectFormulaError(
      "x", variables: ["x", "2x"],
      message: "invalid variable name '2x': \(syntax)", column: nil)
    expectFormulaError(
      "x", variables: [""], message: "invalid variable name '': \(syntax)", column: nil)
    expectFormulaError(
      "x", variables: ["x y"], message: "invalid variable name 'x y': \(syntax)", column: nil)
    expectFormulaError(
      "x", variables: ["x", "exp"],
      message: "invalid variable name 'exp': it is a function", column: nil)
    expectFormulaError(
      "x", variables: ["pi"], message: "invalid variable name 'pi': it is a constant",
      column: nil)
    expectFormulaError(
      "x", variables: ["e", "x"], message: "invalid variable name 'e': it is a constant",
      column: nil)
    expectFormulaError(
      "x + y", variables: ["x", "y", "x"], message: "variable 'x' is listed twice",
      column: nil)
  }

  @Test func variableListIsCheckedBeforeTheFormula() {
    expectFormulaError(
      "x +", variables: ["sin"], message: "invalid variable name 'sin': it is a function",
      column: nil)
  }
}
