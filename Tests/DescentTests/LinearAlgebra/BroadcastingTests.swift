import Testing

@testable import Descent

extension LinearAlgebraTests {
  /// NumPy-style broadcasting in elementwise arithmetic, ``Tensor/broadcast(to:)`` and its
  /// adjoint ``Tensor/sum(toShape:)``.
  @Suite struct BroadcastingTests {
    /// A [2, 3] matrix with distinct entries, so a misplaced element shows.
    static let matrix = try! Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
  }
}

// MARK: - Elementwise arithmetic

extension LinearAlgebraTests.BroadcastingTests {
  @Test func sameShapeIsElementwise() throws {
    let b = try Tensor(shape: [2, 3], scalars: [10, 20, 30, 40, 50, 60])
    #expect(try (Self.matrix + b).scalars == [11, 22, 33, 44, 55, 66])
    #expect(try (b - Self.matrix).scalars == [9, 18, 27, 36, 45, 54])
    #expect(try (Self.matrix * b).scalars == [10, 40, 90, 160, 250, 360])
    #expect(try (b / Self.matrix).scalars == [10, 10, 10, 10, 10, 10])
  }

  @Test func rankZeroScalarBroadcastsOnEitherSide() throws {
    let s = Tensor(scalar: 10)
    let left = try s - Self.matrix
    let right = try Self.matrix - s
    #expect(left.shape == [2, 3])
    #expect(left.scalars == [9, 8, 7, 6, 5, 4])
    #expect(right.scalars == [-9, -8, -7, -6, -5, -4])
  }

  @Test func doubleOperandsActElementwise() {
    #expect((Self.matrix * 2).scalars == [2, 4, 6, 8, 10, 12])
    #expect((12 / Self.matrix).scalars == [12, 6, 4, 3, 2.4, 2])
    #expect((1 - Self.matrix).scalars == [0, -1, -2, -3, -4, -5])
    #expect((-Self.matrix).scalars == [-1, -2, -3, -4, -5, -6])
  }

  @Test(arguments: [[3], [1, 3]])
  func rowBroadcastsOverRows(rowShape: [Int]) throws {
    let row = try Tensor(shape: rowShape, scalars: [10, 20, 30])
    let sum = try Self.matrix + row
    #expect(sum.shape == [2, 3])
    #expect(sum.rows == [[11, 22, 33], [14, 25, 36]])
    let reversed = try row - Self.matrix
    #expect(reversed.rows == [[9, 18, 27], [6, 15, 24]])
  }

  @Test func columnBroadcastsOverColumns() throws {
    let column = try Tensor(shape: [2, 1], scalars: [10, 100])
    let product = try Self.matrix * column
    #expect(product.shape == [2, 3])
    #expect(product.rows == [[10, 20, 30], [400, 500, 600]])
  }

  @Test func columnTimesRowIsTheOuterProduct() throws {
    let column = try Tensor(shape: [3, 1], scalars: [1, 2, 3])
    let row = Tensor([1, 10])
    #expect(try (column * row).rows == [[1, 10], [2, 20], [3, 30]])
  }

  /// Three-dimensional pairs, checked element by element against ``Naive/elementwise``.
  static let threeDimensionalCases: [([Int], [Int], [Int])] = [
    ([2, 3, 4], [4], [2, 3, 4]),
    ([2, 3, 4], [3, 1], [2, 3, 4]),
    ([2, 3, 4], [2, 1, 4], [2, 3, 4]),
    ([2, 1, 4], [1, 3, 1], [2, 3, 4]),
    ([1, 3, 1], [2, 1, 4], [2, 3, 4]),
    ([2, 3, 1], [1, 1, 5], [2, 3, 5]),
    ([3, 1], [2, 1, 4], [2, 3, 4]),
    ([1, 1, 1], [2, 3, 4], [2, 3, 4]),
  ]

  @Test(arguments: threeDimensionalCases)
  func threeDimensionalAgreesWithNaiveLoops(aShape: [Int], bShape: [Int], expected: [Int]) throws {
    var generator = SeededGenerator(seed: 11)
    let a = Tensor.randomNormal(aShape, using: &generator)
    let b = Tensor.randomNormal(bShape, using: &generator)
    let difference = try a - b
    #expect(difference.shape == expected)
    // Each element is one subtraction of the same two doubles: exact.
    #expect(difference.scalars == Naive.elementwise(a, b, outShape: expected, -))
    let quotient = try b / a
    #expect(quotient.scalars == Naive.elementwise(b, a, outShape: expected, /))
  }

  @Test func windowsBroadcastFromTheirOwnOffset() throws {
    let flat = Tensor((0..<10).map(Double.init))
    let matrix = flat.window(offset: 1, shape: [2, 3])
    let row = flat.window(offset: 7, shape: [3])
    #expect(try (matrix + row).rows == [[8, 10, 12], [11, 13, 15]])
  }

  @Test func mismatchThrowsNamingBothShapes() {
    let error = #expect(throws: ShapeError.self) { try Tensor.zeros([3, 2]) + Tensor.zeros([4]) }
    #expect(error?.operation == "add")
    #expect(error?.shapes == [[3, 2], [4]])
    let message = error.map(String.init(describing:)) ?? ""
    #expect(message.contains("[3, 2]") && message.contains("[4]"), "\(message)")
    #expect(message.hasPrefix("add:"), "\(message)")
  }

  @Test func mismatchOnAnInnerAxisNamesTheAxis() {
    let error = #expect(throws: ShapeError.self) {
      try Tensor.zeros([2, 3, 4]) * Tensor.zeros([2, 2, 4])
    }
    let message = error.map(String.init(describing:)) ?? ""
    #expect(message.contains("[2, 3, 4]") && message.contains("[2, 2, 4]"), "\(message)")
    #expect(message.contains("axis 1: 3 vs 2"), "\(message)")
  }
}

// MARK: - broadcast(to:) and its adjoint sum(toShape:)

extension LinearAlgebraTests.BroadcastingTests {
  @Test func broadcastRepeatsAlongStretchedAxes() throws {
    let column = try Tensor(shape: [2, 1], scalars: [1, 2])
    #expect(try column.broadcast(to: [2, 3]).rows == [[1, 1, 1], [2, 2, 2]])
    #expect(try Tensor([1, 2]).broadcast(to: [2, 2]).rows == [[1, 2], [1, 2]])
    #expect(try Tensor(scalar: 5).broadcast(to: [2]).scalars == [5, 5])
  }

  @Test func broadcastToASmallerShapeThrows() {
    let error = #expect(throws: ShapeError.self) { try Tensor.zeros([2, 3]).broadcast(to: [3]) }
    #expect(error?.shapes == [[2, 3], [3]])
  }

  @Test func sumToShapeSumsStretchedAxes() throws {
    #expect(try Self.matrix.sum(toShape: [3]).scalars == [5, 7, 9])
    #expect(try Self.matrix.sum(toShape: [1, 3]).shape == [1, 3])
    #expect(try Self.matrix.sum(toShape: [2, 1]).scalars == [6, 15])
    let total = try Self.matrix.sum(toShape: [])
    #expect(total.shape == [])
    #expect(total.scalar == 21)
    #expect(try Self.matrix.sum(toShape: [1, 1]).shape == [1, 1])
  }

  @Test func sumToAShapeThatIsNotABroadcastSourceThrows() {
    let error = #expect(throws: ShapeError.self) { try Self.matrix.sum(toShape: [2]) }
    let message = error.map(String.init(describing:)) ?? ""
    #expect(message.contains("[2, 3]") && message.contains("[2]"), "\(message)")
  }

  /// ⟨broadcast(a), b⟩ = ⟨a, sum(toShape: b)⟩ for every pair, since the two are adjoint
  /// linear maps; backpropagation through broadcasting relies on it.
  @Test(arguments: [
    ([4], [3, 4]), ([1, 4], [3, 4]), ([3, 1], [3, 4]), ([], [2, 3]), ([1], [5]),
    ([2, 1, 4], [2, 3, 4]), ([3, 1], [2, 3, 5]), ([1, 1, 1], [2, 3, 4]), ([2, 3], [2, 3]),
  ])
  func sumToShapeIsTheAdjointOfBroadcast(small: [Int], large: [Int]) throws {
    var generator = SeededGenerator(seed: 2024)
    let a = Tensor.randomNormal(small, using: &generator)
    let b = Tensor.randomNormal(large, using: &generator)
    let left = Tensor.dot(try a.broadcast(to: large), b)
    let right = Tensor.dot(a, try b.sum(toShape: small))
    // Both sides add the same ≤ 120 products of O(1) numbers in different orders: rounding
    // is a few hundred ulps of O(10) at most, far below 1e-12.
    expectClose(left, right, rtol: 1e-12, atol: 1e-12, "shapes \(small) → \(large)")
  }
}
