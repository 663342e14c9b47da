import Testing

@testable import Descent

@Suite struct TapeTests {
  @Test func sharedSubexpressionsAccumulate() throws {
    let tape = Tape()
    let x = tape.variable(Tensor([3]))
    let y = try x * x + x  // dy/dx = 2x + 1 = 7
    let g = try tape.gradients(of: y, withRespectTo: [x])[0]
    #expect(g.value.scalars == [7])
  }

  /// micrograd's trap: a second backward pass must not double the gradient.
  @Test func secondBackwardPassGivesTheSameGradient() throws {
    let tape = Tape()
    let x = tape.variable(Tensor([1, 2, 3]))
    let y = try (x * x * x).sum()
    let first = try tape.gradients(of: y, withRespectTo: [x])[0].value
    let second = try tape.gradients(of: y, withRespectTo: [x])[0].value
    #expect(first.scalars == [3, 12, 27])
    #expect(second.scalars == first.scalars)
  }

  @Test func constantsRecordNothing() throws {
    let tape = Tape()
    let x = tape.variable(Tensor([1, 2]))
    let before = tape.count
    let c = try Variable(Tensor([5, 6])) * 2 + Variable(Tensor([1, 1]))
    #expect(tape.count == before)
    #expect(!c.isTracked)
    let y = try (x * c).sum()
    #expect(try tape.gradients(of: y, withRespectTo: [x])[0].value.scalars == [11, 13])
  }

  @Test func unrelatedInputsGetZeros() throws {
    let tape = Tape()
    let x = tape.variable(Tensor([1, 2]))
    let z = tape.variable(Tensor([4, 5, 6]))
    let y = try (x * x).sum()
    let grads = try tape.gradients(of: y, withRespectTo: [x, z])
    #expect(grads[1].value.scalars == [0, 0, 0])
    // A constant output (a function that ignores its input) has zero gradient.
    let constant = Variable(Tensor(scalar: 3))
    #expect(try tape.gradients(of: constant, withRespectTo: [x])[0].value.scalars == [0, 0])
  }

  @Test func gradientWithRespectToAnIntermediate() throws {
    let tape = Tape()
    let x = tape.variable(Tensor([2]))
    let u = try x * x  // 4
    let y = try u * u * 3  // 3u²: dy/du = 6u = 24
    let grads = try tape.gradients(of: y, withRespectTo: [u, x])
    #expect(grads[0].value.scalars == [24])
    #expect(grads[1].value.scalars == [96])  // 12x³
  }

  @Test func seedIsAVectorJacobianProduct() throws {
    let tape = Tape()
    let x = tape.variable(Tensor([1, 2]))
    let y = try x * x  // J = diag(2x)
    let g = try tape.gradients(of: y, withRespectTo: [x], seed: Tensor([10, 100]))[0]
    #expect(g.value.scalars == [20, 400])
    #expect(throws: ShapeError.self) {
      try tape.gradients(of: y, withRespectTo: [x], seed: Tensor([1, 2, 3]))
    }
  }

  @Test func createGraphRecordsTheBackwardPass() throws {
    let tape = Tape()
    let x = tape.variable(Tensor([2]))
    let y = try pow(x, 4).sum()
    let nodesBefore = tape.count
    let g = try tape.gradients(of: y, withRespectTo: [x], createGraph: true)[0]
    #expect(g.isTracked)
    #expect(tape.count > nodesBefore)
    let h = try tape.gradients(of: g, withRespectTo: [x])[0]
    #expect(g.value.scalars == [32])  // 4x³
    #expect(h.value.scalars == [48])  // 12x²
    let nodesAfter = tape.count
    _ = try tape.gradients(of: g, withRespectTo: [x])
    #expect(tape.count == nodesAfter, "a backward pass without createGraph records nothing")
  }

  @Test func shapeMismatchNamesBothShapes() throws {
    let a = Variable(Tensor.zeros([3, 2]))
    let b = Variable(Tensor.zeros([4]))
    do {
      _ = try a + b
      Issue.record("expected a ShapeError")
    } catch let error as ShapeError {
      #expect(error.description.contains("[3, 2]"))
      #expect(error.description.contains("[4]"))
    }
    #expect(throws: ShapeError.self) { try matmul(a, b) }
  }
}
