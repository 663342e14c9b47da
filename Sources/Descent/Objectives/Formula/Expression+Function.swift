extension Expression {
  /// A function of one argument that a formula may call, written `name(argument)`.
  ///
  /// The raw value is the name as written in a formula. These names are reserved: a
  /// function's name cannot be a variable.
  public enum Function: String, Sendable, Equatable, CaseIterable {
    /// The exponential, eˣ.
    case exp
    /// The natural logarithm, ln x; defined for x > 0.
    case log
    /// The square root, √x; defined for x ≥ 0.
    case sqrt
    /// The sine, x in radians.
    case sin
    /// The cosine, x in radians.
    case cos
    /// The tangent, x in radians.
    case tan
    /// The hyperbolic tangent, (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ).
    case tanh
    /// The logistic sigmoid, 1 / (1 + e⁻ˣ), as PyTorch's `torch.sigmoid`.
    case sigmoid
    /// The softplus, ln(1 + eˣ), as PyTorch's `torch.nn.functional.softplus` with `beta = 1`.
    case softplus
    /// The rectifier, max(0, x).
    case relu
    /// The absolute value, |x|.
    case abs

    /// The function called `name` in a formula, or `nil` when there is none. Case matters:
    /// `Exp` is not a function.
    static func named(_ name: String) -> Function? {
      Function(rawValue: name)
    }

    /// Every function's name, in declaration order, for suggestions.
    static let names: [String] = allCases.map(\.rawValue)

    /// Every function's name, comma-separated, for messages that list what is valid.
    static let nameList: String = names.joined(separator: ", ")
  }
}
