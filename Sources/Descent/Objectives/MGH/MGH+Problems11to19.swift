import Foundation

// Problems 11–19 of Moré, Garbow & Hillstrom (1981), §3: fixed sizes.

extension MGH {
  /// 11. Gulf research and development, m = 99: rᵢ = exp(−|yᵢ − x₂|^{x₃}/x₁) − tᵢ,
  /// tᵢ = i/100, yᵢ = 25 + (−50 ln tᵢ)^{2/3}; f* = 0 at (50, 25, 1.5).
  ///
  /// The paper prints the residual with a misprint (`yᵢ m i x₂` for `yᵢ − x₂`); the form
  /// above is the one that vanishes at the published minimizer. m = 99, the size CUTEst's
  /// GULF and Buckley's collection use (the paper allows n ≤ m ≤ 100; m = 100 would add
  /// t = 1, where yᵢ = 25 sits on the minimizer's x₂).
  static func gulf() -> MGHProblem {
    let m = 99
    let t = (1...m).map { Double($0) / 100 }
    let y = t.map { 25 + Foundation.pow(-50 * Foundation.log($0), 2.0 / 3.0) }
    return problem(
      11, "gulf", "Gulf research and development function", n: 3, m: m, start: [5, 2.5, 0.15],
      minima: [0], minimizer: [50, 25, 1.5]
    ) { x in
      let (x1, x2, x3) = (try x.element(0), try x.element(1), try x.element(2))
      let distance = abs(try Residuals.constant(y) - x2)
      let power = try exp(try x3 * log(distance))
      return try exp(try -power / x1) - Residuals.constant(t)
    }
  }

  /// 12. Box three-dimensional, m = 10: rᵢ = e^{−tᵢx₁} − e^{−tᵢx₂} − x₃(e^{−tᵢ} − e^{−10tᵢ}),
  /// tᵢ = 0.1i; f* = 0 at (1, 10, 1), (10, 1, −1) and wherever x₁ = x₂, x₃ = 0.
  static func box3D() -> MGHProblem {
    let t = (1...10).map { 0.1 * Double($0) }
    let c = t.map { Foundation.exp(-$0) - Foundation.exp(-10 * $0) }
    return problem(
      12, "box-3d", "Box three-dimensional function", n: 3, m: 10, start: [0, 10, 20],
      minima: [0], minimizer: [1, 10, 1]
    ) { x in
      let (x1, x2, x3) = (try x.element(0), try x.element(1), try x.element(2))
      let tv = Residuals.constant(t)
      return try exp(try -(tv * x1)) - exp(try -(tv * x2)) - x3 * Residuals.constant(c)
    }
  }

  /// 13. Powell singular: f* = 0 at the origin (a singular Hessian there).
  static func powellSingular() -> MGHProblem {
    problem(
      13, "powell-singular", "Powell singular function", n: 4, m: 4, start: [3, -1, 0, 1],
      minima: [0], minimizer: [0, 0, 0, 0]
    ) { x in try powellSingularBlock(Residuals.elements(x)) }
  }

  /// The four residuals of one block of Powell's singular function.
  static func powellSingularBlock(_ x: [Variable]) throws -> Variable {
    try Residuals.stack([
      try x[0] + 10 * x[1], 5.0.squareRoot() * (try x[2] - x[3]),
      square(try x[1] - 2 * x[2]), 10.0.squareRoot() * square(try x[0] - x[3]),
    ])
  }

  /// 14. Wood: f* = 0 at (1, 1, 1, 1).
  static func wood() -> MGHProblem {
    problem(
      14, "wood", "Wood function", n: 4, m: 6, start: [-3, -1, -3, -1], minima: [0],
      minimizer: [1, 1, 1, 1]
    ) { x in
      let v = try Residuals.elements(x)
      return try Residuals.stack([
        10 * (try v[1] - square(v[0])), 1 - v[0], 90.0.squareRoot() * (try v[3] - square(v[2])),
        1 - v[2], 10.0.squareRoot() * (try v[1] + v[3] - 2), (try v[1] - v[3]) / 10.0.squareRoot(),
      ])
    }
  }

  /// 15. Kowalik and Osborne: rᵢ = yᵢ − x₁(uᵢ² + uᵢx₂)/(uᵢ² + uᵢx₃ + x₄); f* = 3.07505e−4,
  /// and 1.02734e−3 approached at (+∞, −14.07…, −∞, −∞).
  static func kowalikOsborne() -> MGHProblem {
    let y = [
      0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246,
    ]
    let u = [4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625]
    let u2 = u.map { $0 * $0 }
    return problem(
      15, "kowalik-osborne", "Kowalik and Osborne function", n: 4, m: 11,
      start: [0.25, 0.39, 0.415, 0.39], minima: [3.07505e-4, 1.02734e-3],
      note: "f = 1.02734…e−3 at (+∞, −14.07…, −∞, −∞)"
    ) { x in
      let v = try Residuals.elements(x)
      let (uv, u2v) = (Residuals.constant(u), Residuals.constant(u2))
      let numerator = try u2v + uv * v[1]
      let denominator = try u2v + uv * v[2] + v[3]
      return try Residuals.constant(y) - v[0] * numerator / denominator
    }
  }

  /// 16. Brown and Dennis, m = 20: rᵢ = (x₁ + tᵢx₂ − e^{tᵢ})² + (x₃ + x₄ sin tᵢ − cos tᵢ)²,
  /// tᵢ = i/5; f* = 85822.2.
  static func brownDennis() -> MGHProblem {
    let t = (1...20).map { Double($0) / 5 }
    return problem(
      16, "brown-dennis", "Brown and Dennis function", n: 4, m: 20, start: [25, 5, -5, -1],
      minima: [85822.2], precise: [PreciseMinima.brownDennis]
    ) { x in
      let v = try Residuals.elements(x)
      let a = try v[0] + Residuals.constant(t) * v[1] - Residuals.constant(t.map(Foundation.exp))
      let b =
        try v[2] + Residuals.constant(t.map(Foundation.sin)) * v[3]
        - Residuals.constant(t.map(Foundation.cos))
      return try square(a) + square(b)
    }
  }

  /// 17. Osborne 1: rᵢ = yᵢ − (x₁ + x₂e^{−tᵢx₄} + x₃e^{−tᵢx₅}), tᵢ = 10(i − 1);
  /// f* = 5.46489e−5.
  static func osborne1() -> MGHProblem {
    let y = [
      0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.850, 0.818, 0.784, 0.751, 0.718, 0.685,
      0.658, 0.628, 0.603, 0.580, 0.558, 0.538, 0.522, 0.506, 0.490, 0.478, 0.467, 0.457, 0.448,
      0.438, 0.431, 0.424, 0.420, 0.414, 0.411, 0.406,
    ]
    let times = (0..<33).map { 10 * Double($0) }
    return problem(
      17, "osborne-1", "Osborne 1 function", n: 5, m: 33, start: [0.5, 1.5, -1, 0.01, 0.02],
      minima: [5.46489e-5]
    ) { x in
      let v = try Residuals.elements(x)
      let t = Residuals.constant(times)
      let model = try v[0] + v[1] * exp(-(try t * v[3])) + v[2] * exp(-(try t * v[4]))
      return try Residuals.constant(y) - model
    }
  }

  /// 18. Biggs EXP6, m = 13: rᵢ = x₃e^{−tᵢx₁} − x₄e^{−tᵢx₂} + x₆e^{−tᵢx₅} − yᵢ, tᵢ = 0.1i,
  /// yᵢ = e^{−tᵢ} − 5e^{−10tᵢ} + 3e^{−4tᵢ}; f* = 5.65565e−3 and 0 at (1, 10, 1, 5, 4, 3).
  static func biggsEXP6() -> MGHProblem {
    let t = (1...13).map { 0.1 * Double($0) }
    let y = t.map {
      Foundation.exp(-$0) - 5 * Foundation.exp(-10 * $0) + 3 * Foundation.exp(-4 * $0)
    }
    return problem(
      18, "biggs-exp6", "Biggs EXP6 function", n: 6, m: 13, start: [1, 2, 1, 1, 1, 1],
      minima: [0, 5.65565e-3], minimizer: [1, 10, 1, 5, 4, 3],
      note: "f = 5.65565e−3 (a local minimum for m = 13) and f = 0 at (1, 10, 1, 5, 4, 3)"
    ) { x in
      let v = try Residuals.elements(x)
      let tv = Residuals.constant(t)
      let model =
        try v[2] * exp(-(try tv * v[0])) - v[3] * exp(-(try tv * v[1]))
        + v[5] * exp(-(try tv * v[4]))
      return try model - Residuals.constant(y)
    }
  }

  /// 19. Osborne 2: rᵢ = yᵢ − (x₁e^{−tᵢx₅} + x₂e^{−(tᵢ−x₉)²x₆} + x₃e^{−(tᵢ−x₁₀)²x₇}
  /// + x₄e^{−(tᵢ−x₁₁)²x₈}), tᵢ = (i − 1)/10; f* = 4.01377e−2.
  static func osborne2() -> MGHProblem {
    let y = [
      1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746, 0.679, 0.608,
      0.655, 0.616, 0.606, 0.602, 0.626, 0.651, 0.724, 0.649, 0.649, 0.694, 0.644, 0.624, 0.661,
      0.612, 0.558, 0.533, 0.495, 0.500, 0.423, 0.395, 0.375, 0.372, 0.391, 0.396, 0.405, 0.428,
      0.429, 0.523, 0.562, 0.607, 0.653, 0.672, 0.708, 0.633, 0.668, 0.645, 0.632, 0.591, 0.559,
      0.597, 0.625, 0.739, 0.710, 0.729, 0.720, 0.636, 0.581, 0.428, 0.292, 0.162, 0.098, 0.054,
    ]
    let times = (0..<65).map { Double($0) / 10 }
    return problem(
      19, "osborne-2", "Osborne 2 function", n: 11, m: 65,
      start: [1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5], minima: [4.01377e-2]
    ) { x in
      let v = try Residuals.elements(x)
      let t = Residuals.constant(times)
      var model = try v[0] * exp(-(try t * v[4]))
      for k in 0..<3 {
        let bump = try exp(-(try square(t - v[8 + k]) * v[5 + k]))
        model = try model + v[1 + k] * bump
      }
      return try Residuals.constant(y) - model
    }
  }
}
