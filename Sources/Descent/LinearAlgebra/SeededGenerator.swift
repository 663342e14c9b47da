import Foundation

/// A small, fast, seeded random-number generator: xoshiro256** (Blackman & Vigna 2018),
/// its state filled from the seed by SplitMix64 as the authors recommend.
///
/// Every random choice in Descent takes a generator like this one explicitly; the same seed
/// gives the same bits on every platform. Written by hand: the package mirror has no
/// seeded generator (Swift's `SystemRandomNumberGenerator` cannot be seeded).
public struct SeededGenerator: RandomNumberGenerator, Sendable, Codable, Equatable {
  private var s: (UInt64, UInt64, UInt64, UInt64)

  /// A generator whose whole sequence is determined by `seed`.
  public init(seed: UInt64) {
    var z = seed
    func splitMix() -> UInt64 {
      z &+= 0x9E37_79B9_7F4A_7C15
      var x = z
      x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
      x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
      return x ^ (x >> 31)
    }
    s = (splitMix(), splitMix(), splitMix(), splitMix())
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = rotl(s.1 &* 5, 7) &* 9
    let t = s.1 << 17
    s.2 ^= s.0
    s.3 ^= s.1
    s.1 ^= s.2
    s.0 ^= s.3
    s.2 ^= t
    s.3 = rotl(s.3, 45)
    return result
  }

  private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// A uniform double in [0, 1) with 53 random bits.
  public mutating func nextUniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A standard normal deviate (Box–Muller; both uniforms drawn fresh each call, so the
  /// sequence depends only on the number of calls).
  public mutating func nextNormal() -> Double {
    let u1 = 1 - nextUniform()  // (0, 1]: log is finite
    let u2 = nextUniform()
    return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * .pi * u2)
  }

  public static func == (a: SeededGenerator, b: SeededGenerator) -> Bool {
    a.s == b.s
  }

  enum CodingKeys: CodingKey { case state }
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let v = try c.decode([UInt64].self, forKey: .state)
    guard v.count == 4 else {
      throw DecodingError.dataCorruptedError(
        forKey: .state, in: c, debugDescription: "expected 4 words of state, got \(v.count)")
    }
    s = (v[0], v[1], v[2], v[3])
  }
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode([s.0, s.1, s.2, s.3], forKey: .state)
  }
}

extension Tensor {
  /// Independent standard normal entries (scaled by `standardDeviation`, shifted by `mean`).
  public static func randomNormal(
    _ shape: [Int], mean: Double = 0, standardDeviation: Double = 1,
    using generator: inout SeededGenerator
  ) -> Tensor {
    let n = elementCount(shape)
    var values = [Double](repeating: 0, count: n)
    for i in 0..<n { values[i] = mean + standardDeviation * generator.nextNormal() }
    return Tensor(uncheckedShape: shape, storage: values)
  }

  /// Independent uniform entries in [low, high).
  public static func randomUniform(
    _ shape: [Int], in range: ClosedRange<Double> = 0...1, using generator: inout SeededGenerator
  ) -> Tensor {
    let n = elementCount(shape)
    var values = [Double](repeating: 0, count: n)
    let width = range.upperBound - range.lowerBound
    for i in 0..<n { values[i] = range.lowerBound + width * generator.nextUniform() }
    return Tensor(uncheckedShape: shape, storage: values)
  }
}
