extension Expression {
  /// A named mathematical constant. Its names are reserved: they cannot be variables.
  public enum Constant: String, Sendable, Equatable, CaseIterable {
    /// π = 3.14159…, the ratio of a circle's circumference to its diameter.
    case pi
    /// e = 2.71828…, the base of the natural logarithm.
    case e

    /// The constant's value, correctly rounded to a `Double`.
    public var value: Double {
      switch self {
      case .pi: return Double.pi
      case .e: return 2.718_281_828_459_045
      }
    }
  }
}
