import PropertyBased
import Testing

@testable import Descent

/// Printing a formula's tree and parsing the text again gives the same tree (the contract of
/// `Expression.description`), on random trees of every node kind.
@Suite struct FormulaRoundTripProperties {
  @Test func printingThenParsingGivesTheSameTree() throws {
    try forAll(500, seed: 1, PropertyGen.anyExpression()) { index, tree in
      let text = tree.description
      let parsed = try Formula(text, variables: PropertyGen.variables).expression
      #expect(parsed == tree, "case \(index): \(text) read back as \(parsed)")
    }
  }

  @Test func printingIsAFixedPointAfterOneRoundTrip() throws {
    // Whatever spacing or parentheses the source had, the printed form prints itself.
    try forAll(200, seed: 2, PropertyGen.anyExpression()) { index, tree in
      let once = tree.description
      let twice = try Formula(once, variables: PropertyGen.variables).expression.description
      #expect(twice == once, "case \(index)")
    }
  }

  @Test func redundantParenthesesAndSpacesDoNotChangeTheTree() throws {
    // Wrapping every subexpression in parentheses with spaces is the most verbose way to
    // write the same tree; the parser must read the same structure from it.
    func verbose(_ e: FormulaTree) -> String {
      switch e.node {
      case .number, .constant, .variable: return "( \(e.description) )"
      case .negate(let operand): return "( - \(verbose(operand)) )"
      case .binary(let op, let left, let right):
        return "( \(verbose(left)) \(op.symbol) \(verbose(right)) )"
      case .call(let function, let argument): return "\(function.rawValue)( \(verbose(argument)) )"
      }
    }
    try forAll(200, seed: 3, PropertyGen.anyExpression(depth: 4)) { index, tree in
      let parsed = try Formula(verbose(tree), variables: PropertyGen.variables).expression
      #expect(parsed == tree, "case \(index): \(verbose(tree))")
    }
  }
}
