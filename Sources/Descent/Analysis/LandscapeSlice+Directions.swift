extension LandscapeSlice {
  /// A direction rescaled filter by filter to the norms of θ's filters (Li et al. 2018, §4):
  ///
  /// ```
  /// d_F ← d_F / ‖d_F‖ · ‖θ_F‖      for each filter F (a range of indices)
  /// dᵢ  ← 0                         for i in no filter
  /// ```
  ///
  /// A filter is a unit of a layer whose scale the network can change without changing its
  /// function: the incoming weights of one hidden unit (a row of a weight matrix, as
  /// `out`×`in` row-major), or one convolution filter. Li et al. leave biases and batch-norm
  /// parameters out of the direction by default (`ignore='biasbn'` in their code); here an
  /// index belongs to the direction only if a filter covers it, so a layer's biases can be
  /// included as a filter of their own or left out. A filter with ‖d_F‖ = 0 stays zero.
  ///
  /// The result is invariant under rescaling a filter of θ and d by any positive factor, so
  /// slices of networks that differ only by such scales look alike.
  public static func filterNormalized(
    _ direction: [Double], like center: [Double], filters: [Range<Int>]
  ) -> [Double] {
    precondition(
      direction.count == center.count,
      "LandscapeSlice: direction of \(direction.count), center of \(center.count) entries")
    var result = [Double](repeating: 0, count: direction.count)
    for filter in filters {
      precondition(
        filter.lowerBound >= 0 && filter.upperBound <= center.count,
        "LandscapeSlice: filter \(filter) outside 0..<\(center.count)")
      var directionNorm = 0.0
      var centerNorm = 0.0
      for i in filter {
        directionNorm += direction[i] * direction[i]
        centerNorm += center[i] * center[i]
      }
      guard directionNorm > 0 else { continue }
      let scale = (centerNorm / directionNorm).squareRoot()
      for i in filter { result[i] = direction[i] * scale }
    }
    return result
  }

  /// A seeded Gaussian direction, filter-normalised to `center` (see
  /// ``filterNormalized(_:like:filters:)``).
  public static func filterNormalizedRandomDirection(
    like center: [Double], filters: [Range<Int>], using generator: inout SeededGenerator
  ) -> [Double] {
    let raw = center.map { _ in generator.nextNormal() }
    return filterNormalized(raw, like: center, filters: filters)
  }

  /// The filters of a dense layer stored row-major as `outputs`×`inputs` weights starting at
  /// `offset`: one filter per output unit (a row), then optionally the `outputs` biases that
  /// follow the weights as one filter.
  public static func denseLayerFilters(
    offset: Int, inputs: Int, outputs: Int, includeBiases: Bool = false
  ) -> [Range<Int>] {
    precondition(
      offset >= 0 && inputs >= 1 && outputs >= 1,
      "LandscapeSlice: offset = \(offset), inputs = \(inputs), outputs = \(outputs)")
    var filters = (0..<outputs).map { r in
      (offset + r * inputs)..<(offset + (r + 1) * inputs)
    }
    if includeBiases {
      let start = offset + outputs * inputs
      filters.append(start..<(start + outputs))
    }
    return filters
  }
}
