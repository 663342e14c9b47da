import Foundation

// Problems 1–10 of Moré, Garbow & Hillstrom (1981), §3: fixed sizes.

extension MGH {
  /// 1. Rosenbrock: r = (10(x₂ − x₁²), 1 − x₁); f* = 0 at (1, 1).
  static func rosenbrock() -> MGHProblem {
    problem(
      1, "rosenbrock", "Rosenbrock function", n: 2, m: 2, start: [-1.2, 1], minima: [0],
      minimizer: [1, 1]
    ) { x in
      let (x1, x2) = (try x.element(0), try x.element(1))
      return try Residuals.stack([10 * (try x2 - square(x1)), 1 - x1])
    }
  }

  /// 2. Freudenstein and Roth: f* = 0 at (5, 4), and a local minimum 48.9842… at
  /// (11.41…, −0.8968…).
  static func freudensteinRoth() -> MGHProblem {
    problem(
      2, "freudenstein-roth", "Freudenstein and Roth function", n: 2, m: 2, start: [0.5, -2],
      minima: [0, 48.9842], precise: [0, PreciseMinima.freudensteinRothLocal], minimizer: [5, 4],
      note: "f = 48.9842… at (11.41…, −0.8968…), a local minimum"
    ) { x in
      let (x1, x2) = (try x.element(0), try x.element(1))
      let r1 = try x1 + ((5 - x2) * x2 - 2) * x2 - 13
      let r2 = try x1 + ((x2 + 1) * x2 - 14) * x2 - 29
      return try Residuals.stack([r1, r2])
    }
  }

  /// 3. Powell badly scaled: f* = 0 at (1.098…e−5, 9.106…).
  static func powellBadlyScaled() -> MGHProblem {
    problem(
      3, "powell-badly-scaled", "Powell badly scaled function", n: 2, m: 2, start: [0, 1],
      minima: [0], note: "f = 0 at (1.098…e−5, 9.106…)"
    ) { x in
      let (x1, x2) = (try x.element(0), try x.element(1))
      return try Residuals.stack([
        try x1 * x2 * 1e4 - 1, try exp(-x1) + exp(-x2) - 1.0001,
      ])
    }
  }

  /// 4. Brown badly scaled: f* = 0 at (10⁶, 2·10⁻⁶).
  static func brownBadlyScaled() -> MGHProblem {
    problem(
      4, "brown-badly-scaled", "Brown badly scaled function", n: 2, m: 3, start: [1, 1],
      minima: [0], minimizer: [1e6, 2e-6]
    ) { x in
      let (x1, x2) = (try x.element(0), try x.element(1))
      return try Residuals.stack([x1 - 1e6, x2 - 2e-6, try x1 * x2 - 2])
    }
  }

  /// 5. Beale: rᵢ = yᵢ − x₁(1 − x₂ⁱ), y = (1.5, 2.25, 2.625); f* = 0 at (3, 0.5).
  static func beale() -> MGHProblem {
    problem(
      5, "beale", "Beale function", n: 2, m: 3, start: [1, 1], minima: [0], minimizer: [3, 0.5]
    ) { x in
      let (x1, x2) = (try x.element(0), try x.element(1))
      let y = [1.5, 2.25, 2.625]
      return try Residuals.stack(
        (1...3).map { i in try y[i - 1] - x1 * (1 - pow(x2, Double(i))) })
    }
  }

  /// 6. Jennrich and Sampson, m = 10: rᵢ = 2 + 2i − (e^{i·x₁} + e^{i·x₂});
  /// f* = 124.362 at x₁ = x₂ = 0.2578.
  static func jennrichSampson() -> MGHProblem {
    problem(
      6, "jennrich-sampson", "Jennrich and Sampson function", n: 2, m: 10, start: [0.3, 0.4],
      minima: [124.362], precise: [PreciseMinima.jennrichSampson],
      note: "f = 124.362 at x₁ = x₂ = 0.2578 for m = 10"
    ) { x in
      let (x1, x2) = (try x.element(0), try x.element(1))
      let i = Residuals.constant((1...10).map(Double.init))
      return try 2 + 2 * i - (exp(try i * x1) + exp(try i * x2))
    }
  }

  /// 7. Helical valley: r = (10(x₃ − 10θ), 10(‖(x₁, x₂)‖ − 1), x₃), θ = arctan(x₂/x₁)/2π
  /// (+ ½ when x₁ < 0); f* = 0 at (1, 0, 0).
  static func helicalValley() -> MGHProblem {
    problem(
      7, "helical-valley", "Helical valley function", n: 3, m: 3, start: [-1, 0, 0],
      minima: [0], minimizer: [1, 0, 0]
    ) { x in
      let (x1, x2, x3) = (try x.element(0), try x.element(1), try x.element(2))
      // θ is undefined at x₁ = 0; the paper's branch on the sign of x₁ is taken on its value.
      var theta = try Residuals.arctangent(x2 / x1) / (2 * Double.pi)
      if x1.scalarValue < 0 { theta = theta + 0.5 }
      return try Residuals.stack([
        10 * (try x3 - 10 * theta), 10 * (sqrt(try square(x1) + square(x2)) - 1), x3,
      ])
    }
  }

  /// 8. Bard: rᵢ = yᵢ − (x₁ + uᵢ/(vᵢx₂ + wᵢx₃)), uᵢ = i, vᵢ = 16 − i, wᵢ = min(uᵢ, vᵢ);
  /// f* = 8.21487e−3, and 17.4286 approached as x₂, x₃ → −∞.
  static func bard() -> MGHProblem {
    let y = [
      0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.10, 4.39,
    ]
    let u = (1...15).map(Double.init)
    let v = u.map { 16 - $0 }
    let w = zip(u, v).map { Swift.min($0, $1) }
    return problem(
      8, "bard", "Bard function", n: 3, m: 15, start: [1, 1, 1], minima: [8.21487e-3, 17.4286],
      precise: [PreciseMinima.bard, PreciseMinima.bardAtInfinity],
      note: "f = 17.4286… at (0.8406…, −∞, −∞)"
    ) { x in
      let (x1, x2, x3) = (try x.element(0), try x.element(1), try x.element(2))
      let denominator = try Residuals.constant(v) * x2 + Residuals.constant(w) * x3
      return try Residuals.constant(y) - (x1 + Residuals.constant(u) / denominator)
    }
  }

  /// 9. Gaussian: rᵢ = x₁·exp(−x₂(tᵢ − x₃)²/2) − yᵢ, tᵢ = (8 − i)/2; f* = 1.12793e−8.
  static func gaussian() -> MGHProblem {
    let half = [0.0009, 0.0044, 0.0175, 0.0540, 0.1295, 0.2420, 0.3521]
    let y = half + [0.3989] + half.reversed()
    let t = (1...15).map { (8 - Double($0)) / 2 }
    return problem(
      9, "gaussian", "Gaussian function", n: 3, m: 15, start: [0.4, 1, 0],
      minima: [1.12793e-8]
    ) { x in
      let (x1, x2, x3) = (try x.element(0), try x.element(1), try x.element(2))
      let d = try Residuals.constant(t) - x3
      return try x1 * exp(try -(x2 * square(d)) * 0.5) - Residuals.constant(y)
    }
  }

  /// 10. Meyer: rᵢ = x₁·exp(x₂/(tᵢ + x₃)) − yᵢ, tᵢ = 45 + 5i; f* = 87.9458.
  static func meyer() -> MGHProblem {
    let y: [Double] = [
      34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820,
      3307, 2872,
    ]
    let t = (1...16).map { 45 + 5 * Double($0) }
    return problem(
      10, "meyer", "Meyer function", n: 3, m: 16, start: [0.02, 4000, 250], minima: [87.9458],
      precise: [PreciseMinima.meyer]
    ) { x in
      let (x1, x2, x3) = (try x.element(0), try x.element(1), try x.element(2))
      return try x1 * exp(try x2 / (Residuals.constant(t) + x3)) - Residuals.constant(y)
    }
  }
}
