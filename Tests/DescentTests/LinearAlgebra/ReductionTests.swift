import Testing

@testable import Descent

extension LinearAlgebraTests {
  /// Sums, means, maxima and norms of ``Tensor``.
  @Suite struct ReductionTests {
    /// A [2, 3, 4] tensor of distinct integers 1…24, whose sums are exact in floating point.
    static let cube = try! Tensor(shape: [2, 3, 4], scalars: (1...24).map(Double.init))
  }
}

// MARK: - Sums and means

extension LinearAlgebraTests.ReductionTests {
  @Test func sumOfAllElements() throws {
    #expect(Self.cube.sum() == 300)
    #expect(Tensor.zeros([0]).sum() == 0)
    #expect(Tensor(scalar: -2).sum() == -2)
    // Lengths 1…9 exercise both the four-accumulator loop and its remainder.
    for n in 1...9 {
      #expect(Tensor((1...n).map(Double.init)).sum() == Double(n * (n + 1) / 2), "n = \(n)")
    }
  }

  @Test func sumOfRandomDataMatchesALeftToRightSum() {
    var generator = SeededGenerator(seed: 5)
    let t = Tensor.randomNormal([1001], using: &generator)
    let naive = t.scalars.reduce(0, +)
    // Same 1001 O(1) terms in another order: rounding differs by at most ~1000 ulps of
    // the partial sums (|partial sums| ≲ 100), so 1e-11 absolute is ample.
    expectClose(t.sum(), naive, atol: 1e-11)
  }

  @Test(arguments: 0..<3)
  func sumAlongEachAxisMatchesNaiveLoops(axis: Int) throws {
    var generator = SeededGenerator(seed: UInt64(40 + axis))
    let t = Tensor.randomNormal([2, 3, 4], using: &generator)
    let reduced = try t.sum(alongAxis: axis)
    var expectedShape = t.shape
    expectedShape.remove(at: axis)
    #expect(reduced.shape == expectedShape)
    // At most four O(1) terms per output, added in the same order as the naive loop: exact
    // in practice, but allow a few ulps in case the order differs.
    expectClose(reduced.scalars, Naive.sum(t, alongAxis: axis), atol: 1e-15)
  }

  @Test(arguments: 0..<3)
  func keepingDimensionLeavesAnAxisOfOne(axis: Int) throws {
    let kept = try Self.cube.sum(alongAxis: axis, keepingDimension: true)
    let dropped = try Self.cube.sum(alongAxis: axis)
    var expectedShape = Self.cube.shape
    expectedShape[axis] = 1
    #expect(kept.shape == expectedShape)
    #expect(kept.scalars == dropped.scalars)
    // Integer data: exact.
    #expect(kept.scalars == Naive.sum(Self.cube, alongAxis: axis))
  }

  @Test func sumAlongAxisOfExactIntegers() throws {
    let matrix = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    #expect(try matrix.sum(alongAxis: 0).scalars == [5, 7, 9])
    #expect(try matrix.sum(alongAxis: 1).scalars == [6, 15])
  }

  @Test func axisOutOfRangeThrows() {
    let error = #expect(throws: ShapeError.self) { try Self.cube.sum(alongAxis: 3) }
    let message = error.map(String.init(describing:)) ?? ""
    #expect(message.contains("axis 3") && message.contains("[2, 3, 4]"), "\(message)")
    #expect(throws: ShapeError.self) { try Self.cube.max(alongAxis: -1) }
  }

  @Test func meanOfAllAndAlongAxes() throws {
    #expect(Self.cube.mean() == 12.5)
    #expect(Tensor.zeros([0]).mean().isNaN)
    let matrix = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    #expect(try matrix.mean(alongAxis: 0).scalars == [2.5, 3.5, 4.5])
    #expect(try matrix.mean(alongAxis: 1, keepingDimension: true).shape == [2, 1])
    #expect(try matrix.mean(alongAxis: 1).scalars == [2, 5])
  }
}

// MARK: - Maxima

extension LinearAlgebraTests.ReductionTests {
  @Test func maxOfAllElements() {
    #expect(Tensor([3, -1, 7, 2]).max() == 7)
    #expect(Tensor([-3, -1]).max() == -1)
    #expect(Tensor.zeros([0]).max() == -.infinity)
    #expect(Tensor([1, .infinity]).max() == .infinity)
  }

  @Test(arguments: [0, 1, 3])
  func maxPropagatesNaNWherever(position: Int) {
    var values: [Double] = [1, 5, 2, 3]
    values[position] = .nan
    #expect(Tensor(values).max().isNaN)
  }

  @Test func maxAlongAxis() throws {
    let matrix = try Tensor(shape: [2, 3], scalars: [1, 9, 3, 4, 5, 6])
    #expect(try matrix.max(alongAxis: 0).scalars == [4, 9, 6])
    #expect(try matrix.max(alongAxis: 1).scalars == [9, 6])
    #expect(try matrix.max(alongAxis: 1, keepingDimension: true).shape == [2, 1])
  }

  @Test func maxAlongAxisPropagatesNaNOnlyToItsSlice() throws {
    let matrix = try Tensor(shape: [2, 3], scalars: [1, .nan, 3, 4, 5, 6])
    let columns = try matrix.max(alongAxis: 0).scalars
    #expect(columns[0] == 4 && columns[1].isNaN && columns[2] == 6)
    let rows = try matrix.max(alongAxis: 1).scalars
    #expect(rows[0].isNaN && rows[1] == 6)
  }
}

// MARK: - Norms

extension LinearAlgebraTests.ReductionTests {
  @Test func normOfAPythagoreanTriple() {
    #expect(Tensor([3, 4]).norm == 5)
    #expect(Tensor([0, 0, 0]).norm == 0)
    #expect(Tensor.zeros([0]).norm == 0)
    #expect(Tensor([-2]).norm == 2)
  }

  @Test func normOfRandomDataMatchesTheDefinition() {
    var generator = SeededGenerator(seed: 9)
    let t = Tensor.randomNormal([50], using: &generator)
    let direct = t.scalars.reduce(0) { $0 + $1 * $1 }.squareRoot()
    // The scaled and direct sums differ only by rounding of 50 O(1) terms: ~1e-15 relative.
    expectClose(t.norm, direct, rtol: 1e-14)
  }

  @Test func hugeComponentsDoNotOverflow() {
    // 1e200² overflows, so an unscaled sum of squares would give ∞.
    let norm = Tensor([1e200, 1e200, 1e200, 1e200]).norm
    #expect(norm.isFinite)
    // √4 · 1e200 after one division and one multiplication by the scale: a few ulps.
    expectClose(norm, 2e200, rtol: 1e-15)
    expectClose(Tensor([3e200, -4e200]).norm, 5e200, rtol: 1e-15)
  }

  @Test func tinyComponentsDoNotUnderflow() {
    // 1e-200² underflows to 0, so an unscaled sum of squares would give 0.
    expectClose(Tensor([3e-200, 4e-200]).norm, 5e-200, rtol: 1e-15)
  }

  @Test func normOfInfinityIsInfinity() {
    #expect(Tensor([1, -.infinity]).norm == .infinity)
  }

  /// A NaN gradient must not look like a zero gradient to a convergence test.
  @Test(arguments: [
    [Double.nan], [.nan, 0], [0, .nan, 0], [1, .nan], [.nan, 2], [.infinity, .nan],
  ])
  func normOfNaNIsNaN(values: [Double]) {
    #expect(Tensor(values).norm.isNaN, "norm of \(values)")
  }

  @Test func maxNormIsTheLargestMagnitude() {
    #expect(Tensor([1, -7, 3]).maxNorm == 7)
    #expect(Tensor.zeros([0]).maxNorm == 0)
    #expect(Tensor([1, -.infinity]).maxNorm == .infinity)
    #expect(Tensor([1e300, -2e300]).maxNorm == 2e300)
  }

  @Test(arguments: [[Double.nan], [1, .nan], [.nan, 1]])
  func maxNormOfNaNIsNaN(values: [Double]) {
    #expect(Tensor(values).maxNorm.isNaN, "maxNorm of \(values)")
  }

  @Test func normsOfAWindowSeeOnlyTheWindow() {
    let flat = Tensor([100, 3, 4, -100])
    let w = flat.window(offset: 1, shape: [2])
    #expect(w.norm == 5)
    #expect(w.maxNorm == 4)
    #expect(w.sum() == 7)
    #expect(w.max() == 4)
  }
}
