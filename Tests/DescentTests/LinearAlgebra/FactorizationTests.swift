import Testing

@testable import Descent

extension LinearAlgebraTests {
  /// ``Tensor/cholesky()``, ``Tensor/choleskySolve(_:)`` and ``Tensor/solve(_:_:)``.
  @Suite struct FactorizationTests {
    static let size = 9

    /// A seeded SPD matrix BᵀB + n·I: eigenvalues 9.0…46, condition number ≈ 5.
    static func positiveDefinite() -> Tensor {
      var generator = SeededGenerator(seed: 90)
      return RandomMatrix.positiveDefinite(size, using: &generator)
    }

    /// The residual ‖A·x − b‖ relative to ‖A‖·‖x‖, which a backward-stable solver keeps at
    /// O(n·ε) whatever the conditioning.
    static func relativeResidual(_ a: Tensor, _ x: Tensor, _ b: Tensor) throws -> Double {
      let residual = try Tensor.matmul(a, x) - b
      return residual.norm / (a.norm * x.norm)
    }
  }
}

// MARK: - cholesky

extension LinearAlgebraTests.FactorizationTests {
  @Test func factorTimesItsTransposeIsTheMatrix() throws {
    let a = Self.positiveDefinite()
    let l = try a.cholesky()
    #expect(l.shape == [Self.size, Self.size])
    // Lower triangular with a positive diagonal (the factor is unique with that sign).
    for i in 0..<Self.size {
      #expect(l[i, i] > 0, "L[\(i), \(i)] = \(l[i, i])")
      for j in (i + 1)..<Self.size { #expect(l[i, j] == 0, "L[\(i), \(j)] = \(l[i, j])") }
    }
    let product = try Tensor.matmul(l, l, transposeB: true)
    // dpotrf is backward stable: ‖LLᵀ − A‖ ≲ n·ε·‖A‖ ≈ 2e-15·‖A‖ (‖A‖ ≈ 71 here);
    // 1e-13·‖A‖ leaves a wide margin.
    expectClose(product, a, atol: 1e-13 * a.norm)
  }

  @Test func factorOfAKnownMatrix() throws {
    // [[4, 2], [2, 5]] = L·Lᵀ with L = [[2, 0], [1, 2]]: every step is exact in binary.
    let a = try Tensor(shape: [2, 2], scalars: [4, 2, 2, 5])
    #expect(try a.cholesky().rows == [[2, 0], [1, 2]])
  }

  @Test func onlyTheLowerTriangleIsRead() throws {
    let a = try Tensor(shape: [2, 2], scalars: [4, -99, 2, 5])
    #expect(try a.cholesky().rows == [[2, 0], [1, 2]])
  }

  @Test func indefiniteMatrixNamesTheFailingMinor() throws {
    // The 1×1 minor is 1 > 0; the 2×2 minor has determinant 1 − 4 < 0.
    let a = try Tensor(shape: [2, 2], scalars: [1, 2, 2, 1])
    #expect(throws: LinearAlgebraError.notPositiveDefinite(minor: 2)) { try a.cholesky() }
    let message = LinearAlgebraError.notPositiveDefinite(minor: 2).description
    #expect(message.contains("order 2"), "\(message)")
  }

  @Test func negativeFirstEntryFailsAtTheFirstMinor() throws {
    let a = try Tensor(shape: [2, 2], scalars: [-1, 0, 0, 1])
    #expect(throws: LinearAlgebraError.notPositiveDefinite(minor: 1)) { try a.cholesky() }
  }

  @Test func choleskyRejectsBadShapesAndValues() throws {
    #expect(throws: LinearAlgebraError.notSquare([2, 3])) { try Tensor.zeros([2, 3]).cholesky() }
    let a = try Tensor(shape: [2, 2], scalars: [1, 0, .nan, 1])
    #expect(throws: LinearAlgebraError.nonFinite) { try a.cholesky() }
  }
}

// MARK: - choleskySolve

extension LinearAlgebraTests.FactorizationTests {
  @Test func choleskySolveHasASmallResidual() throws {
    var generator = SeededGenerator(seed: 91)
    let a = Self.positiveDefinite()
    let b = Tensor.randomNormal([Self.size], using: &generator)
    let x = try a.cholesky().choleskySolve(b)
    #expect(x.shape == [Self.size])
    // Backward stable: O(n·ε) ≈ 2e-15 relative residual; 1e-13 leaves a wide margin.
    #expect(try Self.relativeResidual(a, x, b) < 1e-13)
  }

  @Test func choleskySolveWithSeveralRightHandSides() throws {
    var generator = SeededGenerator(seed: 92)
    let a = Self.positiveDefinite()
    let b = RandomMatrix.normal(Self.size, 3, using: &generator)
    let x = try a.cholesky().choleskySolve(b)
    #expect(x.shape == [Self.size, 3])
    #expect(try Self.relativeResidual(a, x, b) < 1e-13, "backward stable, as above")
  }

  @Test func choleskySolveOfAKnownSystem() throws {
    // [[4, 2], [2, 5]]·(1, 2) = (8, 12); L = [[2, 0], [1, 2]] makes both solves exact.
    let l = try Tensor(shape: [2, 2], scalars: [2, 0, 1, 2])
    #expect(try l.choleskySolve(Tensor([8, 12])).scalars == [1, 2])
  }

  @Test func choleskySolveRejectsAMismatchedRightHandSide() throws {
    let l = try Self.positiveDefinite().cholesky()
    let error = #expect(throws: ShapeError.self) { try l.choleskySolve(Tensor.zeros([4])) }
    let message = error.map(String.init(describing:)) ?? ""
    #expect(message.contains("[4]") && message.contains("[9, 9]"), "\(message)")
    #expect(throws: ShapeError.self) { try l.choleskySolve(Tensor.zeros([4, 2])) }
  }
}

// MARK: - solve

extension LinearAlgebraTests.FactorizationTests {
  @Test func solveHasASmallResidual() throws {
    var generator = SeededGenerator(seed: 93)
    // A general (non-symmetric) matrix; with probability 1 it is nonsingular.
    let a = RandomMatrix.normal(Self.size, Self.size, using: &generator)
    let b = Tensor.randomNormal([Self.size], using: &generator)
    let x = try Tensor.solve(a, b)
    #expect(x.shape == [Self.size])
    // LU with partial pivoting is backward stable in practice (growth factor small for
    // random matrices): relative residual O(n·ε); 1e-13 leaves a wide margin.
    #expect(try Self.relativeResidual(a, x, b) < 1e-13)
  }

  @Test func solveWithSeveralRightHandSides() throws {
    var generator = SeededGenerator(seed: 94)
    let a = RandomMatrix.normal(Self.size, Self.size, using: &generator)
    let b = RandomMatrix.normal(Self.size, 4, using: &generator)
    let x = try Tensor.solve(a, b)
    #expect(x.shape == [Self.size, 4])
    #expect(try Self.relativeResidual(a, x, b) < 1e-13, "backward stable, as above")
  }

  @Test func solveAgreesWithCholeskyOnAnSPDMatrix() throws {
    var generator = SeededGenerator(seed: 95)
    let a = Self.positiveDefinite()
    let b = Tensor.randomNormal([Self.size], using: &generator)
    let viaLU = try Tensor.solve(a, b)
    let viaCholesky = try a.cholesky().choleskySolve(b)
    // cond(A) ≈ 5, so forward errors are ≲ 5·n·ε·‖x‖ ≈ 1e-14·‖x‖ for each method.
    expectClose(viaLU, viaCholesky, atol: 1e-13 * viaCholesky.norm)
  }

  @Test func solveReadsWindows() throws {
    // A and b stored in one flat vector: [[2, 1], [1, 3]]·(1, 1) = (3, 4).
    let flat = Tensor([9, 2, 1, 1, 3, 3, 4])
    let x = try Tensor.solve(
      flat.window(offset: 1, shape: [2, 2]), flat.window(offset: 5, shape: [2]))
    // Solving a 2×2 system by LU rounds a little: allow a few ulps.
    expectClose(x, Tensor([1, 1]), atol: 1e-15)
  }

  @Test func singularMatrixThrowsSingular() throws {
    // The second row is twice the first; elimination gives an exactly zero second pivot.
    let a = try Tensor(shape: [2, 2], scalars: [1, 2, 2, 4])
    #expect(throws: LinearAlgebraError.singular(pivot: 2)) { try Tensor.solve(a, Tensor([1, 1])) }
    #expect(throws: LinearAlgebraError.singular(pivot: 1)) {
      try Tensor.solve(Tensor.zeros([3, 3]), Tensor([1, 1, 1]))
    }
  }

  @Test func solveRejectsBadShapes() throws {
    let error = #expect(throws: ShapeError.self) {
      try Tensor.solve(Tensor.identity(3), Tensor.zeros([4]))
    }
    let message = error.map(String.init(describing:)) ?? ""
    #expect(message.contains("[4]") && message.contains("[3, 3]"), "\(message)")
    #expect(throws: ShapeError.self) { try Tensor.solve(Tensor.identity(3), Tensor.zeros([2, 3])) }
    #expect(throws: LinearAlgebraError.notSquare([3, 2])) {
      try Tensor.solve(Tensor.zeros([3, 2]), Tensor.zeros([3]))
    }
  }
}
