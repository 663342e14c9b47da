/// A 1-D slice of a surface through θ′ along a direction d, drawn beside its second-order
/// Taylor model — the lecture's picture of what the gradient and Hessian "see":
///
/// ```
/// true:   s ↦ L(θ′ + s·d)
/// model:  s ↦ L(θ′) + s·gᵀd + ½ s²·dᵀHd        (g = ∇L(θ′), H = ∇²L(θ′))
/// ```
///
/// which is `L(θ′) + (θ−θ′)ᵀg + ½(θ−θ′)ᵀH(θ−θ′)` at θ = θ′ + s·d. The caller samples the
/// true slice; the model is computed here from its three coefficients.
public struct TaylorSlicePlot: Figure {
  /// The title.
  public var title: String
  /// Offsets s along the direction.
  public var offsets: [Double]
  /// L(θ′ + s·d) at each offset.
  public var values: [Double]
  /// L(θ′).
  public var value: Double
  /// gᵀd, the slope of the slice at s = 0.
  public var slope: Double
  /// dᵀHd, the curvature of the slice at s = 0.
  public var curvature: Double
  /// Axis label for s.
  public var xLabel: String
  /// Axis label for L.
  public var yLabel: String

  /// A slice with its model.
  public init(
    title: String, offsets: [Double], values: [Double], value: Double, slope: Double,
    curvature: Double, xLabel: String = "s, the distance along d", yLabel: String = "loss L"
  ) {
    precondition(
      offsets.count == values.count, "\(offsets.count) offsets for \(values.count) values")
    self.title = title
    self.offsets = offsets
    self.values = values
    self.value = value
    self.slope = slope
    self.curvature = curvature
    self.xLabel = xLabel
    self.yLabel = yLabel
  }

  /// The model at each offset.
  public var model: [Double] { offsets.map { value + $0 * slope + 0.5 * $0 * $0 * curvature } }

  /// The underlying line plot: the slice, the model dashed, the expansion point marked.
  public var linePlot: LinePlot {
    LinePlot(
      title: title,
      series: [
        .init(name: "true slice L(θ′ + s·d)", xs: offsets, ys: values),
        .init(name: "second-order model", xs: offsets, ys: model, dashed: true),
      ], xLabel: xLabel, yLabel: yLabel, verticalLines: [("θ′", 0)])
  }

  public func svg(id: String) -> String { linePlot.svg(id: id) }

  /// s, the true slice and the model.
  public var data: DataTable {
    let model = self.model
    return DataTable(
      columns: ["s", "true", "model"],
      rows: offsets.indices.map {
        [DataTable.cell(offsets[$0]), DataTable.cell(values[$0]), DataTable.cell(model[$0])]
      })
  }
}
