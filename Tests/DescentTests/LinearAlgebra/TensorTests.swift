import Testing

@testable import Descent

/// The linear-algebra suites, grouped so that `swift test --filter LinearAlgebraTests` runs
/// them all.
@Suite enum LinearAlgebraTests {}

extension LinearAlgebraTests {
  /// Construction, indexing, copy-on-write and windows of ``Tensor``.
  @Suite struct TensorTests {}
}

// MARK: - Construction

extension LinearAlgebraTests.TensorTests {
  @Test func shapeAndScalarsAreKept() throws {
    let t = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    #expect(t.shape == [2, 3])
    #expect(t.rank == 2)
    #expect(t.count == 6)
    #expect(t.scalars == [1, 2, 3, 4, 5, 6])
    #expect(t.rows == [[1, 2, 3], [4, 5, 6]])
  }

  @Test func tooFewScalarsThrowNamingTheShapeAndTheCount() {
    let error = #expect(throws: ShapeError.self) {
      try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5])
    }
    #expect(error?.operation == "Tensor(shape:scalars:)")
    #expect(error?.shapes == [[2, 3], [5]])
    let message = error.map(String.init(describing:)) ?? ""
    #expect(message.contains("[2, 3]"), "\(message)")
    #expect(message.contains("5 scalars"), "\(message)")
  }

  @Test func negativeExtentThrows() {
    let error = #expect(throws: ShapeError.self) { try Tensor(shape: [2, -1], scalars: []) }
    #expect(error?.shapes == [[2, -1]])
  }

  @Test func vectorInitializerMakesRankOne() {
    let v = Tensor([1, 2, 3])
    #expect(v.shape == [3])
    #expect(v.scalars == [1, 2, 3])
  }

  @Test func factoriesFillAsDocumented() {
    #expect(Tensor.zeros([2, 2]).scalars == [0, 0, 0, 0])
    #expect(Tensor.ones([3]).scalars == [1, 1, 1])
    #expect(Tensor(shape: [2], repeating: 7).scalars == [7, 7])
    #expect(Tensor.identity(3).rows == [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    #expect(Tensor.basisVector(2, count: 4).scalars == [0, 0, 1, 0])
    let filled = Tensor(shape: [2, 2]) { p in for i in p.indices { p[i] = Double(i * i) } }
    #expect(filled.scalars == [0, 1, 4, 9])
  }

  @Test func emptyShapesHaveNoElements() throws {
    let t = try Tensor(shape: [3, 0], scalars: [])
    #expect(t.count == 0)
    #expect(t.scalars.isEmpty)
    #expect(t.scalar == nil)
  }
}

// MARK: - Rank 0

extension LinearAlgebraTests.TensorTests {
  @Test func rankZeroHoldsOneScalar() throws {
    let s = Tensor(scalar: 4.5)
    #expect(s.shape == [])
    #expect(s.rank == 0)
    #expect(s.count == 1)
    #expect(s.scalar == 4.5)
    #expect(s[] == 4.5)
    #expect(try Tensor(shape: [], scalars: [4.5]).scalars == [4.5])
  }

  @Test func rankZeroMutatesThroughEmptySubscript() {
    var s = Tensor(scalar: 1)
    s[] = -2
    #expect(s.scalar == -2)
  }

  @Test func scalarOfAnyOneElementTensor() throws {
    #expect(try Tensor(shape: [1, 1, 1], scalars: [3]).scalar == 3)
    #expect(Tensor([1, 2]).scalar == nil)
  }
}

// MARK: - Subscripts

extension LinearAlgebraTests.TensorTests {
  @Test func multiIndexSubscriptIsRowMajor() throws {
    let values = (0..<24).map(Double.init)
    let t = try Tensor(shape: [2, 3, 4], scalars: values)
    for index in Naive.indices(of: t.shape) {
      let (i, j, k) = (index[0], index[1], index[2])
      #expect(t[i, j, k] == Double(i * 12 + j * 4 + k), "at \(index)")
    }
    #expect(t[flat: 17] == 17)
  }

  @Test func subscriptSetterChangesOnlyThatElement() throws {
    var t = try Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
    t[1, 0] = 30
    t[flat: 1] = 20
    #expect(t.scalars == [1, 20, 30, 4])
  }
}

// MARK: - Copy-on-write

extension LinearAlgebraTests.TensorTests {
  @Test func mutatingACopyLeavesTheOriginal() throws {
    let original = try Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
    var copy = original
    copy[0, 0] = 100
    copy.add(Tensor.ones([2, 2]))
    #expect(original.scalars == [1, 2, 3, 4])
    #expect(copy.scalars == [101, 3, 4, 5])
  }

  @Test func mutatingTheOriginalLeavesACopy() {
    var original = Tensor([1, 2, 3])
    let copy = original
    original.withUnsafeMutableBufferPointer { $0[2] = -3 }
    #expect(copy.scalars == [1, 2, 3])
    #expect(original.scalars == [1, 2, -3])
  }

  @Test func reshapedSharesValuesButNotMutations() throws {
    let t = Tensor([1, 2, 3, 4, 5, 6])
    var matrix = try t.reshaped([3, 2])
    #expect(matrix.rows == [[1, 2], [3, 4], [5, 6]])
    matrix[2, 1] = 0
    #expect(t.scalars == [1, 2, 3, 4, 5, 6])
  }

  @Test func reshapeToAnotherCountThrowsNamingBothShapes() {
    let error = #expect(throws: ShapeError.self) { try Tensor([1, 2, 3]).reshaped([2, 2]) }
    #expect(error?.shapes == [[3], [2, 2]])
  }
}

// MARK: - Windows

extension LinearAlgebraTests.TensorTests {
  @Test func windowSharesStorage() {
    let flat = Tensor((0..<10).map(Double.init))
    let w = flat.window(offset: 3, shape: [2, 3])
    #expect(w.shape == [2, 3])
    #expect(w.rows == [[3, 4, 5], [6, 7, 8]])
    #expect(w[1, 2] == 8)
    // No copy: the window reads the very buffer of the flat tensor.
    let flatBase = flat.withUnsafeBufferPointer { $0.baseAddress }
    let windowBase = w.withUnsafeBufferPointer { $0.baseAddress }
    #expect(windowBase == flatBase.map { $0 + 3 })
  }

  @Test func mutatingAWindowCopyLeavesTheSource() {
    let flat = Tensor((0..<10).map(Double.init))
    var w = flat.window(offset: 4, shape: [3])
    w[1] = -1
    w.add(Tensor([10, 10, 10]), scaledBy: 2)
    #expect(w.scalars == [24, 19, 26])
    #expect(flat.scalars == (0..<10).map(Double.init))
  }

  @Test func mutatingTheSourceLeavesAWindow() {
    var flat = Tensor((0..<6).map(Double.init))
    let w = flat.window(offset: 2, shape: [2])
    flat[flat: 2] = 99
    #expect(w.scalars == [2, 3])
    #expect(flat[flat: 2] == 99)
  }

  @Test func windowOfAWindowOffsetsAdd() {
    let flat = Tensor((0..<12).map(Double.init))
    let inner = flat.window(offset: 2, shape: [8]).window(offset: 3, shape: [2, 2])
    #expect(inner.scalars == [5, 6, 7, 8])
  }

  @Test func isFiniteSeesOnlyTheWindow() {
    let flat = Tensor([.nan, 1, 2, .infinity])
    #expect(flat.window(offset: 1, shape: [2]).isFinite)
    #expect(!flat.isFinite)
  }
}
