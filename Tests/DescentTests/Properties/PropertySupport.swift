import PropertyBased
import Testing

@testable import Descent

/// A formula's syntax tree (Foundation has an `Expression` of its own).
typealias FormulaTree = Descent.Expression

/// Runs `body` on `count` inputs drawn from `generator`, always the same ones: the generator
/// is driven by PropertyBased's Xoshiro seeded from `seed` (through SplitMix64, as
/// ``SeededGenerator`` seeds itself).
///
/// PropertyBased's own `propertyCheck` draws a fresh seed on every run and its `fixedSeed`
/// trait always records an issue (it is meant for reproducing a failure, not for CI), so
/// the properties here run the library's generators with a fixed seed instead: the same
/// inputs on every machine and every run, no shrinking. `body` gets the case number, to put
/// in its expectation comments with the input.
func forAll<Value>(
  _ count: Int, seed: UInt64, _ generator: Generator<Value, some Sequence>,
  _ body: (Int, Value) throws -> Void
) rethrows {
  var words = SeededGenerator(seed: seed)
  var rng = Xoshiro(seed: (words.next(), words.next(), words.next(), words.next()))
  for index in 0..<count {
    let value = generator.run(using: &rng)
    try body(index, value)
  }
}

/// Generators of formulas, points and directions for the properties.
enum PropertyGen {
  static let variables = ["x", "y", "w1"]

  /// A point in [−1, 1]ⁿ.
  static func point(_ n: Int = 3) -> Generator<[Double], some SendableSequenceType> {
    Gen.double(in: -1...1).array(of: n)
  }

  /// Any tree the parser can produce, at most `depth` levels deep: non-negative numbers of
  /// every magnitude from 1e-9 to 1e12 (so that exponent forms such as `1e-05` and
  /// `1e+20`-style output are printed), the constants, the variables, unary minus, the five
  /// operators and every function.
  static func anyExpression(depth: Int = 5) -> Generator<FormulaTree, Shrink.None<FormulaTree>> {
    Generator { rng in build(depth, smooth: false, using: &rng) }
  }

  /// A smooth tree — +, −, ·, integer powers 2 and 3, sin, cos, tanh, sigmoid, softplus,
  /// and exp of a sine (so that its argument stays in [−1, 1] and nothing overflows: a plain
  /// exp over a cube of a cube does) — with numbers in [0, 2]: finite and twice
  /// differentiable on all of ℝⁿ (no division, log, sqrt, abs or relu).
  static func smoothExpression(depth: Int = 4) -> Generator<FormulaTree, Shrink.None<FormulaTree>> {
    Generator { rng in build(depth, smooth: true, using: &rng) }
  }

  static func build(
    _ depth: Int, smooth: Bool, using rng: inout some RandomNumberGenerator
  ) -> FormulaTree {
    let leafOnly = depth <= 1
    let choice = leafOnly ? Int.random(in: 0..<3, using: &rng) : Int.random(in: 0..<8, using: &rng)
    switch choice {
    case 0:
      if smooth { return FormulaTree(.number(Double.random(in: 0...2, using: &rng))) }
      let exponent = Double(Int.random(in: -9...12, using: &rng))
      let mantissa = Double.random(in: 0..<10, using: &rng)
      let integer = Double(Int.random(in: 0...20, using: &rng))
      return FormulaTree(.number(Bool.random(using: &rng) ? integer : mantissa * pow10(exponent)))
    case 1:
      if smooth || Bool.random(using: &rng) {
        return FormulaTree(.variable(variables.randomElement(using: &rng)!))
      }
      return FormulaTree(.constant(FormulaTree.Constant.allCases.randomElement(using: &rng)!))
    case 2:
      return FormulaTree(.variable(variables.randomElement(using: &rng)!))
    case 3:
      return FormulaTree(.negate(build(depth - 1, smooth: smooth, using: &rng)))
    case 4, 5:
      let operators: [FormulaTree.BinaryOperator] =
        smooth ? [.add, .subtract, .multiply] : FormulaTree.BinaryOperator.allCases
      let op = operators.randomElement(using: &rng)!
      return FormulaTree(
        .binary(
          op, build(depth - 1, smooth: smooth, using: &rng),
          build(depth - 1, smooth: smooth, using: &rng)))
    case 6:
      if smooth {
        let power = Double(Int.random(in: 2...3, using: &rng))
        return FormulaTree(
          .binary(.power, build(depth - 1, smooth: true, using: &rng), FormulaTree(.number(power))))
      }
      return FormulaTree(
        .binary(
          .power, build(depth - 1, smooth: false, using: &rng),
          build(depth - 1, smooth: false, using: &rng)))
    default:
      let functions: [FormulaTree.Function] =
        smooth
        ? [.sin, .cos, .tanh, .sigmoid, .softplus, .exp] : FormulaTree.Function.allCases
      let function = functions.randomElement(using: &rng)!
      if smooth && function == .exp {
        let bounded = FormulaTree(.call(.sin, build(depth - 1, smooth: true, using: &rng)))
        return FormulaTree(.call(.exp, bounded))
      }
      return FormulaTree(.call(function, build(depth - 1, smooth: smooth, using: &rng)))
    }
  }

  /// 10^k for an integer k, exact where 10^k is representable.
  static func pow10(_ k: Double) -> Double {
    var result = 1.0
    for _ in 0..<Int(Swift.abs(k)) { result *= 10 }
    return k < 0 ? 1 / result : result
  }
}

extension FormulaTree {
  /// A formula over ``PropertyGen/variables`` from this tree.
  func formula() throws -> Formula {
    try Formula(description, variables: PropertyGen.variables)
  }
}
