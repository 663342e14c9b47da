/// The nonlinearity between the layers of an ``MLP``, as PyTorch's modules of the same name.
///
/// ```
/// relu(z)    = max(z, 0)            nn.ReLU      (derivative 0 at z = 0, as PyTorch)
/// tanh(z)    = tanh z               nn.Tanh
/// sigmoid(z) = 1 / (1 + e^(−z))     nn.Sigmoid
/// linear(z)  = z                    nn.Identity
/// ```
///
/// The activation acts after every layer but the last: the last layer's output is the
/// prediction (MSE) or the logits (cross-entropy).
public enum Activation: String, Codable, Sendable, CaseIterable {
  case relu
  case tanh
  case sigmoid
  case linear

  /// The activation applied elementwise to `z`, on the tape.
  public func callAsFunction(_ z: Variable) -> Variable {
    switch self {
    case .relu: Descent.relu(z)
    case .tanh: Descent.tanh(z)
    case .sigmoid: Descent.sigmoid(z)
    case .linear: z
    }
  }
}

/// The loss an ``MLP`` is trained on.
///
/// ```
/// mse:           (1/(B·k)) ∑_b ∑_j (ŷ_bj − y_bj)²            F.mse_loss, reduction "mean"
/// cross-entropy: (1/B) ∑_b [ logsumexp_c z_bc − z_{b,label_b} ]   F.cross_entropy, "mean"
/// ```
///
/// MSE averages over every element (batch and outputs), as PyTorch's `mean` reduction;
/// cross-entropy averages over the batch and takes class indices.
public enum TrainingLoss: String, Codable, Sendable, CaseIterable {
  case mse
  case crossEntropy = "cross-entropy"
}
