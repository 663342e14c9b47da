import Testing

@testable import Descent

extension LinearAlgebraTests {
  /// ``Tensor/matmul(_:_:transposeA:transposeB:)`` against the triple loop of ``Naive``.
  @Suite struct MatmulTests {
    /// Products of O(1) standard normal entries over an inner extent of at most 7: BLAS may
    /// sum in another order and fuse multiply-adds, so entries differ from the triple loop by
    /// a few ulps of Σ|aᵢₖbₖⱼ| ≲ 10, i.e. ≲ 1e-14. 1e-13 leaves margin while any indexing
    /// mistake would be off by O(1).
    static let productTolerance = 1e-13
  }
}

// MARK: - Against the triple loop

extension LinearAlgebraTests.MatmulTests {
  /// A 7×5 · 5×3 product, with each operand stored as given or transposed so that every
  /// transpose-flag combination computes the same product.
  @Test(arguments: [false, true], [false, true])
  func everyTransposeCombinationMatchesTheTripleLoop(transposeA: Bool, transposeB: Bool) throws {
    var generator = SeededGenerator(seed: 31)
    let a = RandomMatrix.normal(7, 5, using: &generator)
    let b = RandomMatrix.normal(5, 3, using: &generator)
    let storedA = transposeA ? try a.transposed() : a
    let storedB = transposeB ? try b.transposed() : b
    let product = try Tensor.matmul(
      storedA, storedB, transposeA: transposeA, transposeB: transposeB)
    #expect(product.shape == [7, 3])
    let naive = Naive.matmul(storedA, storedB, transposeA: transposeA, transposeB: transposeB)
    expectClose(product, naive, atol: Self.productTolerance)
    // The naive loop reads the stored operands through the flags too; check it against the
    // untransposed product so the flags cannot be wrong in the same way in both.
    expectClose(naive, Naive.matmul(a, b), atol: Self.productTolerance)
  }

  @Test func transposeAOnASquareMatrixIsNotTheProductItself() throws {
    // Guards against flags being ignored: AᵀA and AAᵀ differ for this A.
    let a = try Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
    #expect(try Tensor.matmul(a, a, transposeA: true).rows == [[10, 14], [14, 20]])
    #expect(try Tensor.matmul(a, a, transposeB: true).rows == [[5, 11], [11, 25]])
    #expect(try Tensor.matmul(a, a).rows == [[7, 10], [15, 22]])
  }

  @Test(arguments: [false, true])
  func matrixVectorMatchesTheTripleLoop(transposeA: Bool) throws {
    var generator = SeededGenerator(seed: 32)
    let a = RandomMatrix.normal(transposeA ? 5 : 7, transposeA ? 7 : 5, using: &generator)
    let x = Tensor.randomNormal([5], using: &generator)
    let y = try Tensor.matmul(a, x, transposeA: transposeA)
    #expect(y.shape == [7])
    expectClose(y, Naive.matmul(a, x, transposeA: transposeA), atol: Self.productTolerance)
  }

  @Test func vectorOnTheRightCannotBeTransposed() {
    #expect(throws: ShapeError.self) {
      try Tensor.matmul(Tensor.zeros([3, 3]), Tensor.zeros([3]), transposeB: true)
    }
  }

  @Test func identityLeavesAMatrixUnchanged() throws {
    var generator = SeededGenerator(seed: 33)
    let a = RandomMatrix.normal(4, 6, using: &generator)
    // One product with 1 and additions of exact zeros: exact.
    #expect(try Tensor.matmul(Tensor.identity(4), a).scalars == a.scalars)
    #expect(try Tensor.matmul(a, Tensor.identity(6)).scalars == a.scalars)
  }
}

// MARK: - Errors and edge cases

extension LinearAlgebraTests.MatmulTests {
  @Test func innerExtentMismatchThrowsNamingBothShapes() {
    let error = #expect(throws: ShapeError.self) {
      try Tensor.matmul(Tensor.zeros([7, 5]), Tensor.zeros([4, 3]))
    }
    #expect(error?.operation == "matmul")
    #expect(error?.shapes == [[7, 5], [4, 3]])
    let message = error.map(String.init(describing:)) ?? ""
    #expect(message.contains("[7, 5]") && message.contains("[4, 3]"), "\(message)")
    #expect(message.contains("5") && message.contains("4"), "\(message)")
  }

  @Test func mismatchUnderATransposeFlagMarksTheTransposedOperand() {
    let error = #expect(throws: ShapeError.self) {
      try Tensor.matmul(Tensor.zeros([7, 5]), Tensor.zeros([3, 4]), transposeB: true)
    }
    let message = error.map(String.init(describing:)) ?? ""
    #expect(message.contains("[3, 4]ᵀ"), "\(message)")
  }

  @Test func nonMatrixOperandsThrow() {
    #expect(throws: ShapeError.self) { try Tensor.matmul(Tensor.zeros([3]), Tensor.zeros([3])) }
    #expect(throws: ShapeError.self) {
      try Tensor.matmul(Tensor.zeros([2, 2, 2]), Tensor.zeros([2, 2]))
    }
  }

  @Test func emptyInnerExtentGivesZeros() throws {
    // An empty sum is 0: a [3, 0] · [0, 2] product is the 3×2 zero matrix, not garbage.
    let product = try Tensor.matmul(Tensor.zeros([3, 0]), Tensor.zeros([0, 2]))
    #expect(product.shape == [3, 2])
    #expect(product.scalars == [0, 0, 0, 0, 0, 0])
    let transposed = try Tensor.matmul(
      Tensor.zeros([0, 3]), Tensor.zeros([2, 0]), transposeA: true, transposeB: true)
    #expect(transposed.scalars == [0, 0, 0, 0, 0, 0])
    let vector = try Tensor.matmul(Tensor.zeros([4, 0]), Tensor.zeros([0]))
    #expect(vector.scalars == [0, 0, 0, 0])
  }

  @Test func emptyOuterExtentGivesAnEmptyResult() throws {
    #expect(try Tensor.matmul(Tensor.zeros([0, 5]), Tensor.ones([5, 3])).shape == [0, 3])
    #expect(try Tensor.matmul(Tensor.ones([3, 5]), Tensor.zeros([5, 0])).shape == [3, 0])
  }
}

// MARK: - Windows into a flat parameter vector

extension LinearAlgebraTests.MatmulTests {
  /// A two-layer model keeps W₁ (4×3), W₂ (2×4) and a bias in one flat vector; products
  /// read the windows in place and must equal products of standalone copies.
  @Test func windowsOfOneFlatVectorMultiplyLikeCopies() throws {
    var generator = SeededGenerator(seed: 34)
    let parameters = Tensor.randomNormal([1 + 12 + 8 + 2], using: &generator)
    let w1 = parameters.window(offset: 1, shape: [4, 3])
    let w2 = parameters.window(offset: 13, shape: [2, 4])
    let x = RandomMatrix.normal(3, 5, using: &generator)
    let w1Copy = try Tensor(shape: [4, 3], scalars: w1.scalars)
    let w2Copy = try Tensor(shape: [2, 4], scalars: w2.scalars)

    // Same operands, same BLAS call: identical bits.
    let hidden = try Tensor.matmul(w1, x)
    #expect(hidden.scalars == (try Tensor.matmul(w1Copy, x)).scalars)
    let output = try Tensor.matmul(w2, hidden)
    #expect(output.scalars == (try Tensor.matmul(w2Copy, hidden)).scalars)
    // The backward pass's transposed products, read in place as well.
    let g = RandomMatrix.normal(2, 5, using: &generator)
    let back = try Tensor.matmul(w2, g, transposeA: true)
    #expect(back.scalars == (try Tensor.matmul(w2Copy, g, transposeA: true)).scalars)
    let gradient = try Tensor.matmul(g, hidden, transposeB: true)
    expectClose(
      gradient, Naive.matmul(g, hidden, transposeB: true), atol: 1e-12,
      "5-term sums of products of O(1) and O(√3) entries: a few ulps of ≲ 50, so ≲ 1e-13")
    // Matrix-vector with both operands windows of the same flat vector.
    let v = parameters.window(offset: 20, shape: [3])
    let y = try Tensor.matmul(w1, v)
    #expect(y.scalars == (try Tensor.matmul(w1Copy, Tensor(v.scalars))).scalars)
  }
}
