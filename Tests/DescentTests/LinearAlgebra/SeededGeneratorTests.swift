import Foundation
import Testing

@testable import Descent

extension LinearAlgebraTests {
  /// ``SeededGenerator``: reproducibility, the reference sequence, persistence and the
  /// distributions of its uniform and normal draws.
  @Suite struct SeededGeneratorTests {
    static func draws(seed: UInt64, count: Int) -> [UInt64] {
      var g = SeededGenerator(seed: seed)
      return (0..<count).map { _ in g.next() }
    }
  }
}

// MARK: - Reproducibility

extension LinearAlgebraTests.SeededGeneratorTests {
  @Test func sameSeedGivesTheSameSequence() {
    #expect(Self.draws(seed: 7, count: 1000) == Self.draws(seed: 7, count: 1000))
    var a = SeededGenerator(seed: 7)
    var b = SeededGenerator(seed: 7)
    #expect(
      Tensor.randomNormal([50], using: &a).scalars == Tensor.randomNormal([50], using: &b).scalars)
    #expect(a == b)
  }

  @Test func differentSeedsGiveDifferentSequences() {
    // Neighbouring seeds are the risky ones: SplitMix64 must decorrelate them.
    let firsts = (0..<64).map { Self.draws(seed: UInt64($0), count: 1)[0] }
    #expect(Set(firsts).count == 64)
    let (a, b) = (Self.draws(seed: 1, count: 100), Self.draws(seed: 2, count: 100))
    #expect(zip(a, b).allSatisfy { $0 != $1 })
    #expect(SeededGenerator(seed: 1) != SeededGenerator(seed: 2))
  }

  /// Outputs of the authors' reference C code (`splitmix64.c` filling the state of
  /// `xoshiro256starstar.c`), compiled and run once; they pin the algorithm, not just its
  /// determinism.
  @Test func matchesTheReferenceImplementation() {
    #expect(
      Self.draws(seed: 0, count: 4) == [
        0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0, 0x6AA5_94F1_262D_2D2C,
      ])
    #expect(
      Self.draws(seed: 42, count: 4) == [
        0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1, 0xECB8_AD47_03B3_60A1,
      ])
  }
}

// MARK: - Codable

extension LinearAlgebraTests.SeededGeneratorTests {
  @Test func codableRoundTripContinuesTheSameSequence() throws {
    var original = SeededGenerator(seed: 2718)
    for _ in 0..<17 { _ = original.next() }
    let data = try JSONEncoder().encode(original)
    var restored = try JSONDecoder().decode(SeededGenerator.self, from: data)
    #expect(restored == original)
    let continued = (0..<100).map { _ in original.next() }
    let resumed = (0..<100).map { _ in restored.next() }
    #expect(resumed == continued)
  }

  @Test func encodedStateIsTheSplitMixExpansionOfTheSeed() throws {
    // SplitMix64 from seed 0 yields these four words (splitmix64.c).
    let data = try JSONEncoder().encode(SeededGenerator(seed: 0))
    let state = try JSONDecoder().decode([String: [UInt64]].self, from: data)["state"]
    #expect(
      state == [
        0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F, 0xF88B_B8A8_724C_81EC,
      ])
  }

  @Test func decodingTheWrongNumberOfWordsThrows() {
    let json = Data(#"{"state": [1, 2, 3]}"#.utf8)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(SeededGenerator.self, from: json)
    }
  }
}

// MARK: - Distributions

extension LinearAlgebraTests.SeededGeneratorTests {
  static let sampleSize = 100_000

  @Test func uniformDrawsLieInTheHalfOpenUnitInterval() {
    var g = SeededGenerator(seed: 314)
    let u = (0..<Self.sampleSize).map { _ in g.nextUniform() }
    #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
    let mean = u.reduce(0, +) / Double(u.count)
    // U(0, 1) has standard deviation 1/√12; the sample mean's standard error is
    // 1/√(12·100 000) ≈ 9.1e-4. Five standard errors: a false alarm once in ~2 million seeds.
    let standardError = 1 / (12 * Double(Self.sampleSize)).squareRoot()
    expectClose(mean, 0.5, atol: 5 * standardError)
  }

  @Test func uniformOfTheExtremeBitPatterns() {
    // 53 random bits scaled by 2⁻⁵³: all-zero bits give 0, all-one bits the largest double
    // below 1, so 1 is never reached.
    #expect(Double(UInt64.max >> 11) * 0x1.0p-53 == 1.0.nextDown)
  }

  @Test func normalDrawsHaveZeroMeanAndUnitVariance() {
    var g = SeededGenerator(seed: 1618)
    let z = (0..<Self.sampleSize).map { _ in g.nextNormal() }
    #expect(z.allSatisfy { $0.isFinite })
    let n = Double(z.count)
    let mean = z.reduce(0, +) / n
    let variance = z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    // Standard errors for N(0, 1): 1/√n ≈ 3.2e-3 for the mean and √(2/(n − 1)) ≈ 4.5e-3 for
    // the sample variance. Five standard errors: a false alarm once in ~2 million seeds.
    expectClose(mean, 0, atol: 5 / n.squareRoot(), "sample mean")
    expectClose(variance, 1, atol: 5 * (2 / (n - 1)).squareRoot(), "sample variance")
  }

  @Test func normalTailsMatchTheGaussian() {
    var g = SeededGenerator(seed: 1619)
    let n = Self.sampleSize
    let beyondTwo = (0..<n).filter { _ in abs(g.nextNormal()) > 2 }.count
    // P(|Z| > 2) = 0.04550; the count is binomial with standard deviation
    // √(n·p·(1 − p)) ≈ 65.9. Five standard deviations either way.
    let p = 0.045500263896
    let sd = (Double(n) * p * (1 - p)).squareRoot()
    expectClose(Double(beyondTwo), Double(n) * p, atol: 5 * sd)
  }

  @Test func randomTensorsScaleAndShift() {
    var a = SeededGenerator(seed: 3)
    var b = SeededGenerator(seed: 3)
    let standard = Tensor.randomNormal([10], using: &a)
    let shifted = Tensor.randomNormal([10], mean: 5, standardDeviation: 2, using: &b)
    // One multiply and one add per element, applied to the same draws: exact.
    #expect(shifted.scalars == standard.scalars.map { 5 + 2 * $0 })
    var c = SeededGenerator(seed: 4)
    let u = Tensor.randomUniform([2, 500], in: -3...(-1), using: &c)
    #expect(u.shape == [2, 500])
    #expect(u.scalars.allSatisfy { $0 >= -3 && $0 < -1 })
  }
}
