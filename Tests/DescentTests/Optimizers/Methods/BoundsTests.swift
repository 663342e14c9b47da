import Testing

@testable import Descent

/// The box of L-BFGS-B: validation of user input, projection, the projected gradient.
@Suite struct BoundsTests {
  @Test func lowerAboveUpperNamesTheCoordinate() {
    #expect(throws: BoundsError.lowerAboveUpper(coordinate: 1, lower: 3, upper: 2)) {
      try Bounds(lower: [0, 3], upper: [1, 2])
    }
    let error = BoundsError.lowerAboveUpper(coordinate: 1, lower: 3, upper: 2)
    #expect(error.description.contains("coordinate 2"))
    #expect(error.description.contains("lower ≤ upper"))
  }

  @Test func notANumberIsRefusedOnEitherSide() {
    #expect(throws: BoundsError.self) { try Bounds(lower: [0, .nan], upper: [1, 1]) }
    #expect(throws: BoundsError.self) { try Bounds(lower: [0, 0], upper: [.nan, 1]) }
    do {
      _ = try Bounds(lower: [0, .nan], upper: [1, 1])
    } catch {
      guard case .invalidLower(let i, let v) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(i == 1 && v.isNaN)
      #expect(error.description.contains("coordinate 2"))
    }
  }

  @Test func infiniteBoundsOnTheWrongSideAreRefused() {
    #expect(throws: BoundsError.invalidLower(coordinate: 0, value: .infinity)) {
      try Bounds(lower: [.infinity], upper: [.infinity])
    }
    #expect(throws: BoundsError.invalidUpper(coordinate: 0, value: -.infinity)) {
      try Bounds(lower: [-.infinity], upper: [-.infinity])
    }
  }

  @Test func countsMustMatch() throws {
    #expect(throws: BoundsError.countMismatch(lower: 2, upper: 3)) {
      try Bounds(lower: [0, 0], upper: [1, 1, 1])
    }
    let box = try Bounds(lower: [0, 0], upper: [1, 1])
    #expect(throws: BoundsError.dimensionMismatch(bounds: 2, variables: 3)) {
      try box.validate(dimension: 3)
    }
    #expect(
      BoundsError.dimensionMismatch(bounds: 2, variables: 3).description.contains(
        "3 variables"))
  }

  @Test func lbfgsbRefusesABoxOfTheWrongDimension() throws {
    let rosenbrock = try BuiltinObjective.named("rosenbrock")!.parsed().objective
    let method = LBFGSB(bounds: try Bounds(lower: [0, 0, 0], upper: [1, 1, 1]))
    #expect(throws: BoundsError.dimensionMismatch(bounds: 3, variables: 2)) {
      _ = try minimize(rosenbrock, from: [-1.2, 1], method: method)
    }
  }

  @Test func equalBoundsFixACoordinate() throws {
    let box = try Bounds(lower: [1, -.infinity], upper: [1, .infinity])
    #expect(box.projected([5, -7]) == [1, -7])
    #expect(box.contains([1, 1e300]))
    #expect(!box.contains([Double(1).nextUp, 0]))
  }

  @Test func projectionClipsEachCoordinate() throws {
    let box = try Bounds.uniform(lower: -1, upper: 2, dimension: 3)
    #expect(box.projected([-3, 0.5, 9]) == [-1, 0.5, 2])
    #expect(Bounds.unbounded(dimension: 2).projected([-1e308, 1e308]) == [-1e308, 1e308])
  }

  @Test func projectedGradientVanishesExactlyAtKKTPoints() throws {
    let box = try Bounds(lower: [0, 0, 0], upper: [1, 1, 1])
    // At a lower bound with g ≥ 0, at an upper bound with g ≤ 0, inside with g = 0: KKT.
    #expect(box.projectedGradientNorm(at: [0, 1, 0.5], gradient: [3, -2, 0]) == 0)
    // The wrong sign on an active bound: P(x − g) moves inward by min(|g|, width).
    #expect(box.projectedGradientNorm(at: [0, 1, 0.5], gradient: [-0.25, 0, 0]) == 0.25)
    #expect(box.projectedGradientNorm(at: [0, 1, 0.5], gradient: [0, 7, 0]) == 1)
    // Inside, it is |gᵢ| unless the box cuts the step.
    #expect(box.projectedGradientNorm(at: [0.5, 0.5, 0.5], gradient: [0, 0, 0.125]) == 0.125)
  }

  @Test func maxStepStopsAtTheFirstBound() throws {
    let box = try Bounds(lower: [0, -.infinity], upper: [1, 2])
    #expect(box.maxStep(from: [0.5, 0], along: [1, 1], limit: 10) == 0.5)
    #expect(box.maxStep(from: [0.5, 0], along: [-0.25, -1], limit: 10) == 2)
    #expect(box.maxStep(from: [0.5, 0], along: [0, -1], limit: 10) == 10)
  }
}
