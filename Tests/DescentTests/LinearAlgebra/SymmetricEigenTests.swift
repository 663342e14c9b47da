import Testing

@testable import Descent

extension LinearAlgebraTests {
  /// ``SymmetricEigendecomposition``: closed forms, the sign convention, orthonormality,
  /// reconstruction and bad input.
  @Suite struct SymmetricEigenTests {
    /// The index of the first component of largest magnitude: the sign convention makes
    /// that component positive.
    static func largestComponent(_ v: [Double]) -> Int {
      var largest = 0
      for i in v.indices where abs(v[i]) > abs(v[largest]) { largest = i }
      return largest
    }

    /// Σᵢ λᵢ vᵢvᵢᵀ as a row-major n×n array.
    static func reconstruct(_ e: SymmetricEigendecomposition) -> [Double] {
      let n = e.eigenvalues.count
      var a = [Double](repeating: 0, count: n * n)
      for (lambda, v) in zip(e.eigenvalues, e.eigenvectors) {
        for i in 0..<n { for j in 0..<n { a[i * n + j] += lambda * v[i] * v[j] } }
      }
      return a
    }
  }
}

// MARK: - Closed forms

extension LinearAlgebraTests.SymmetricEigenTests {
  /// [[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, −1)/√2 and (1, 1)/√2.
  @Test func twoByTwoClosedForm() throws {
    let a = try Tensor(shape: [2, 2], scalars: [2, 1, 1, 2])
    let e = try SymmetricEigendecomposition(a)
    // LAPACK reaches the closed form to within a couple of ulps.
    expectClose(e.eigenvalues, [1, 3], rtol: 4e-16, atol: 4e-16)
    let r = 1 / 2.0.squareRoot()
    // Both components tie in magnitude, so the sign rule makes the first one positive:
    // (1, −1)/√2 rather than (−1, 1)/√2.
    expectClose(e.eigenvectors[0], [r, -r], atol: 4e-16)
    expectClose(e.eigenvectors[1], [r, r], atol: 4e-16)
    // The rule itself: the first component of largest magnitude is positive.
    for v in e.eigenvectors {
      #expect(Self.largestComponent(v) == 0 && v[0] > 0, "\(v)")
    }
  }

  @Test func diagonalMatrixGivesSortedDiagonalAndBasisVectors() throws {
    let a = try Tensor(shape: [3, 3], scalars: [5, 0, 0, 0, -2, 0, 0, 0, 1])
    let e = try SymmetricEigendecomposition(a)
    #expect(e.eigenvalues == [-2, 1, 5])
    #expect(e.eigenvectors == [[0, 1, 0], [0, 0, 1], [1, 0, 0]])
  }

  @Test func onlyTheLowerTriangleIsRead() throws {
    // The upper triangle holds garbage; the lower one is [[2, 1], [1, 2]].
    let a = try Tensor(shape: [2, 2], scalars: [2, 1000, 1, 2])
    let e = try SymmetricEigendecomposition(a)
    expectClose(e.eigenvalues, [1, 3], rtol: 4e-16, atol: 4e-16)
  }

  @Test func eigenvaluesWithoutVectors() throws {
    let a = try Tensor(shape: [2, 2], scalars: [2, 1, 1, 2])
    let e = try SymmetricEigendecomposition(a, computeEigenvectors: false)
    expectClose(e.eigenvalues, [1, 3], rtol: 4e-16, atol: 4e-16)
    #expect(e.eigenvectors.isEmpty)
  }

  @Test func emptyMatrixHasNoEigenvalues() throws {
    let e = try SymmetricEigendecomposition(Tensor.zeros([0, 0]))
    #expect(e.eigenvalues.isEmpty && e.eigenvectors.isEmpty)
  }
}

// MARK: - A random symmetric matrix

extension LinearAlgebraTests.SymmetricEigenTests {
  static let randomSize = 20

  static func randomDecomposition() throws -> (Tensor, SymmetricEigendecomposition) {
    var generator = SeededGenerator(seed: 20)
    let a = RandomMatrix.symmetric(randomSize, using: &generator)
    return (a, try SymmetricEigendecomposition(a))
  }

  @Test func eigenvaluesAscend() throws {
    let (_, e) = try Self.randomDecomposition()
    #expect(e.eigenvalues.count == Self.randomSize)
    #expect(zip(e.eigenvalues, e.eigenvalues.dropFirst()).allSatisfy { $0 <= $1 })
  }

  @Test func everyEigenvectorFollowsTheSignRule() throws {
    let (_, e) = try Self.randomDecomposition()
    for (i, v) in e.eigenvectors.enumerated() {
      #expect(v[Self.largestComponent(v)] > 0, "eigenvector \(i): \(v)")
    }
  }

  @Test func eigenvectorsAreOrthonormal() throws {
    let (_, e) = try Self.randomDecomposition()
    let n = Self.randomSize
    let v = try Tensor(shape: [n, n], scalars: Array(e.eigenvectors.joined()))
    let gram = try Tensor.matmul(v, v, transposeB: true)
    // dsyevd's vectors are orthonormal to O(n·ε) ≈ 5e-15; 1e-12 leaves a wide margin while
    // a lost or duplicated vector would be off by O(1).
    expectClose(gram, Tensor.identity(n), atol: 1e-12)
  }

  @Test func decompositionReconstructsTheMatrix() throws {
    let (a, e) = try Self.randomDecomposition()
    let scale = a.norm
    // Backward stable: ‖VΛVᵀ − A‖ ≲ n·ε·‖A‖ ≈ 5e-15·‖A‖. A tolerance of 1e-12·‖A‖ (‖A‖ ≈ 16
    // here) is 200 times that, and far below any real error.
    expectClose(Self.reconstruct(e), a.scalars, atol: 1e-12 * scale)
  }

  @Test func eachPairSatisfiesTheEigenEquation() throws {
    let (a, e) = try Self.randomDecomposition()
    let scale = a.norm
    for (lambda, v) in zip(e.eigenvalues, e.eigenvectors) {
      let av = try Tensor.matmul(a, Tensor(v))
      // Residual ‖Av − λv‖ ≲ n·ε·‖A‖, as for the reconstruction.
      expectClose(av.scalars, v.map { lambda * $0 }, atol: 1e-12 * scale, "λ = \(lambda)")
    }
  }

  @Test func traceIsTheSumOfEigenvalues() throws {
    let (a, e) = try Self.randomDecomposition()
    let trace = (0..<Self.randomSize).reduce(0) { $0 + a[$1, $1] }
    // Eigenvalues carry absolute errors ≲ n·ε·‖A‖ each; 20 of them sum well within 1e-12·‖A‖.
    expectClose(e.eigenvalues.reduce(0, +), trace, atol: 1e-12 * a.norm)
  }
}

// MARK: - Bad input

extension LinearAlgebraTests.SymmetricEigenTests {
  @Test func nonSquareMatrixThrows() {
    #expect(throws: LinearAlgebraError.notSquare([2, 3])) {
      try SymmetricEigendecomposition(Tensor.zeros([2, 3]))
    }
    #expect(throws: LinearAlgebraError.notSquare([4])) {
      try SymmetricEigendecomposition(Tensor.zeros([4]))
    }
    #expect(LinearAlgebraError.notSquare([2, 3]).description.contains("[2, 3]"))
  }

  @Test(arguments: [Double.nan, .infinity, -.infinity])
  func nonFiniteInputThrows(bad: Double) throws {
    let a = try Tensor(shape: [2, 2], scalars: [1, 0, bad, 1])
    #expect(throws: LinearAlgebraError.nonFinite) { try SymmetricEigendecomposition(a) }
  }
}
