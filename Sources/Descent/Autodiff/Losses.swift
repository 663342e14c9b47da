/// The mean squared error mean((prediction − target)²) over all elements, as
/// `torch.nn.MSELoss()` (reduction `mean`).
/// - Throws: ``ShapeError`` when the shapes differ (PyTorch would broadcast with a warning;
///   here a mismatch is almost always a bug).
public func meanSquaredError(_ prediction: Variable, _ target: Variable) throws -> Variable {
  guard prediction.shape == target.shape else {
    throw ShapeError(
      operation: "meanSquaredError", shapes: [prediction.shape, target.shape],
      reason: "prediction of shape \(prediction.shape) against target of shape \(target.shape)")
  }
  let d = try prediction - target
  return try (d * d).mean()
}

/// Softmax cross-entropy of `logits` (`[batch, classes]`) against class indices, averaged
/// over the batch, as `torch.nn.functional.cross_entropy` (reduction `mean`):
///
/// ```
/// loss = (1/B) ∑_b [ logsumexp_c(z_bc) − z_{b, label_b} ]
/// ```
///
/// The log-sum-exp is shifted by the row maximum, so logits of ±1000 give finite losses.
/// Built from differentiable operations: its gradient is (softmax − onehot)/B and its
/// Hessian comes from the same tape.
/// - Throws: ``ShapeError`` when there is not one label per row or a label is outside
///   `0..<classes`.
public func softmaxCrossEntropy(logits: Variable, labels: [Int]) throws -> Variable {
  guard logits.shape.count == 2, logits.shape[0] == labels.count else {
    throw ShapeError(
      operation: "softmaxCrossEntropy", shapes: [logits.shape, [labels.count]],
      reason: "logits of shape \(logits.shape) need one label per row, got \(labels.count) labels")
  }
  let classes = logits.shape[1]
  if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= classes }) {
    throw ShapeError(
      operation: "softmaxCrossEntropy", shapes: [logits.shape, [labels.count]],
      reason: "label \(labels[bad]) at row \(bad) is outside 0..<\(classes)")
  }
  var onehot = Tensor.zeros(logits.shape)
  onehot.withUnsafeMutableBufferPointer { p in
    for (row, label) in labels.enumerated() { p[row * classes + label] = 1 }
  }
  let picked = try (logits * Variable(onehot)).sum(alongAxis: 1)
  let lse = try logits.logSumExp(alongAxis: 1)
  return try (lse - picked).mean()
}
