/// Seeded permutations, written out so that the same seed gives the same order on every
/// platform and Swift version (the standard library's `shuffle(using:)` does not promise
/// its algorithm).
enum SeededShuffle {
  /// A uniformly random permutation of `0..<count` by Fisher–Yates (Durstenfeld's form),
  /// drawing j uniform in 0…i as `next() % (i + 1)`: the modulo bias is below
  /// (i + 1)/2⁶⁴, far below anything a training run could notice.
  ///
  /// ## References
  ///
  /// Knuth, *The Art of Computer Programming*, vol. 2, §3.4.2, Algorithm P.
  static func permutation(_ count: Int, using generator: inout SeededGenerator) -> [Int] {
    var order = Array(0..<count)
    var i = count - 1
    while i > 0 {
      let j = Int(generator.next() % UInt64(i + 1))
      order.swapAt(i, j)
      i -= 1
    }
    return order
  }
}
