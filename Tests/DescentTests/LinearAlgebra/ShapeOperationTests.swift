import Testing

@testable import Descent

extension LinearAlgebraTests {
  /// Slicing, embedding, concatenation and transposition.
  @Suite struct ShapeOperationTests {
    /// A [3, 4] matrix whose entry (i, j) is 10·i + j, so each value names its position.
    static let matrix = try! Tensor(
      shape: [3, 4], scalars: (0..<3).flatMap { i in (0..<4).map { Double(10 * i + $0) } })
  }
}

// MARK: - slice

extension LinearAlgebraTests.ShapeOperationTests {
  @Test func sliceAlongAxisZeroIsAViewOfTheRows() throws {
    let rows = try Self.matrix.slice(1..<3)
    #expect(rows.shape == [2, 4])
    #expect(rows.rows == [[10, 11, 12, 13], [20, 21, 22, 23]])
    // A view: the slice reads the matrix's own buffer, one row in.
    let base = Self.matrix.withUnsafeBufferPointer { $0.baseAddress }
    #expect(rows.withUnsafeBufferPointer { $0.baseAddress } == base.map { $0 + 4 })
  }

  @Test func mutatingAnAxisZeroSliceLeavesTheSource() throws {
    var rows = try Self.matrix.slice(0..<1)
    rows[0, 0] = -1
    #expect(Self.matrix[0, 0] == 0)
  }

  @Test func sliceAlongAxisOneCopiesTheColumns() throws {
    let columns = try Self.matrix.slice(axis: 1, 1..<3)
    #expect(columns.shape == [3, 2])
    #expect(columns.rows == [[1, 2], [11, 12], [21, 22]])
  }

  @Test func sliceOfAThreeDimensionalTensorAlongTheMiddleAxis() throws {
    let t = try Tensor(shape: [2, 3, 2], scalars: (0..<12).map(Double.init))
    let middle = try t.slice(axis: 1, 2..<3)
    #expect(middle.shape == [2, 1, 2])
    #expect(middle.scalars == [4, 5, 10, 11])
  }

  @Test func emptySliceHasNoElements() throws {
    let none = try Self.matrix.slice(axis: 1, 2..<2)
    #expect(none.shape == [3, 0])
    #expect(none.count == 0)
  }

  @Test func sliceOutOfRangeThrowsNamingTheShape() {
    let error = #expect(throws: ShapeError.self) { try Self.matrix.slice(axis: 1, 3..<5) }
    let message = error.map(String.init(describing:)) ?? ""
    #expect(message.contains("3..<5") && message.contains("[3, 4]"), "\(message)")
    #expect(throws: ShapeError.self) { try Self.matrix.slice(axis: 2, 0..<1) }
  }
}

// MARK: - embedded

extension LinearAlgebraTests.ShapeOperationTests {
  @Test func embeddedPlacesTheBlockAmongZeros() throws {
    let block = try Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6])
    let e = try block.embedded(in: [3, 4], axis: 1, at: 1)
    #expect(e.rows == [[0, 1, 2, 0], [0, 3, 4, 0], [0, 5, 6, 0]])
    let rows = try Tensor(shape: [1, 4], scalars: [1, 2, 3, 4]).embedded(
      in: [3, 4], axis: 0, at: 2)
    #expect(rows.rows == [[0, 0, 0, 0], [0, 0, 0, 0], [1, 2, 3, 4]])
  }

  @Test func embeddedUndoesSlice() throws {
    let slice = try Self.matrix.slice(axis: 1, 1..<3)
    let back = try slice.embedded(in: [3, 4], axis: 1, at: 1)
    #expect(try back.slice(axis: 1, 1..<3).scalars == slice.scalars)
  }

  /// ⟨slice(x), y⟩ = ⟨x, embedded(y)⟩: embedding is the adjoint of slicing, which is how the
  /// gradient of a slice flows back.
  @Test(arguments: [(0, 1..<3), (1, 0..<2), (1, 3..<4), (2, 1..<4)])
  func embeddedIsTheAdjointOfSlice(axis: Int, range: Range<Int>) throws {
    var generator = SeededGenerator(seed: 77)
    let x = Tensor.randomNormal([3, 4, 5], using: &generator)
    let sliced = try x.slice(axis: axis, range)
    let y = Tensor.randomNormal(sliced.shape, using: &generator)
    let left = Tensor.dot(sliced, y)
    let right = Tensor.dot(x, try y.embedded(in: x.shape, axis: axis, at: range.lowerBound))
    // The same products, with extra exact zeros on the right: sums agree to rounding of
    // ≤ 60 O(1) terms.
    expectClose(left, right, rtol: 1e-13, atol: 1e-13, "axis \(axis), range \(range)")
  }

  @Test func embeddingThatDoesNotFitThrows() {
    let block = Tensor.zeros([3, 2])
    #expect(throws: ShapeError.self) { try block.embedded(in: [3, 4], axis: 1, at: 3) }
    #expect(throws: ShapeError.self) { try block.embedded(in: [4, 4], axis: 1, at: 0) }
    #expect(throws: ShapeError.self) { try block.embedded(in: [3, 4], axis: 2, at: 0) }
    #expect(throws: ShapeError.self) { try block.embedded(in: [3, 4, 1], axis: 1, at: 0) }
  }
}

// MARK: - concatenate

extension LinearAlgebraTests.ShapeOperationTests {
  @Test func concatenateAlongAxisZeroStacksRows() throws {
    let top = try Tensor(shape: [1, 3], scalars: [1, 2, 3])
    let bottom = try Tensor(shape: [2, 3], scalars: [4, 5, 6, 7, 8, 9])
    let joined = try Tensor.concatenate([top, bottom])
    #expect(joined.shape == [3, 3])
    #expect(joined.rows == [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
  }

  @Test func concatenateAlongAxisOneJoinsColumns() throws {
    let left = try Tensor(shape: [2, 1], scalars: [1, 2])
    let right = try Tensor(shape: [2, 2], scalars: [3, 4, 5, 6])
    let joined = try Tensor.concatenate([left, right], axis: 1)
    #expect(joined.shape == [2, 3])
    #expect(joined.rows == [[1, 3, 4], [2, 5, 6]])
  }

  @Test func concatenatingTheSlicesRebuildsTheTensor() throws {
    let parts = try [0..<1, 1..<3, 3..<4].map { try Self.matrix.slice(axis: 1, $0) }
    #expect(try Tensor.concatenate(parts, axis: 1).scalars == Self.matrix.scalars)
  }

  @Test func concatenateWindowsReadsFromTheirOffsets() throws {
    let flat = Tensor((0..<8).map(Double.init))
    let a = flat.window(offset: 2, shape: [2])
    let b = flat.window(offset: 6, shape: [2])
    #expect(try Tensor.concatenate([a, b]).scalars == [2, 3, 6, 7])
  }

  @Test func concatenateMismatchThrowsNamingTheShapes() {
    let error = #expect(throws: ShapeError.self) {
      try Tensor.concatenate([Tensor.zeros([2, 3]), Tensor.zeros([2, 4])], axis: 0)
    }
    let message = error.map(String.init(describing:)) ?? ""
    #expect(message.contains("[2, 3]") && message.contains("[2, 4]"), "\(message)")
    #expect(throws: ShapeError.self) { try Tensor.concatenate([]) }
    #expect(throws: ShapeError.self) {
      try Tensor.concatenate([Tensor.zeros([2]), Tensor.zeros([2, 1])])
    }
    #expect(throws: ShapeError.self) { try Tensor.concatenate([Tensor.zeros([2])], axis: 1) }
  }
}

// MARK: - transposed

extension LinearAlgebraTests.ShapeOperationTests {
  @Test func transposedSwapsIndices() throws {
    let t = try Self.matrix.transposed()
    #expect(t.shape == [4, 3])
    for i in 0..<3 {
      for j in 0..<4 { #expect(t[j, i] == Self.matrix[i, j], "at (\(i), \(j))") }
    }
    #expect(try t.transposed().scalars == Self.matrix.scalars)
  }

  @Test func transposedOfAWindow() throws {
    let flat = Tensor((0..<8).map(Double.init))
    let t = try flat.window(offset: 2, shape: [2, 3]).transposed()
    #expect(t.rows == [[2, 5], [3, 6], [4, 7]])
  }

  @Test func transposeOfANonMatrixThrows() {
    let error = #expect(throws: ShapeError.self) { try Tensor([1, 2, 3]).transposed() }
    #expect(error?.shapes == [[3]])
  }
}
