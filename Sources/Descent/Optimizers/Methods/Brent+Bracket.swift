extension Brent {
  /// Brackets a minimum of `f` by stepping downhill from `a` and `b` (SciPy's `bracket`): the
  /// returned points satisfy ``Bracket/isValid`` unless the search failed — f decreasing
  /// without bound, flat, or NaN — or took more than ``maxBracketIterations`` steps.
  ///
  /// - Parameters:
  ///   - valueAtStart: f(a) when the caller knows it already (saves one evaluation).
  /// - Returns: the bracket and the number of evaluations of f it took.
  public func bracket(
    _ f: (Double) throws -> Double, from a: Double = 0, _ b: Double = 1,
    valueAtStart: Double? = nil
  ) rethrows -> (bracket: Bracket, evaluations: Int) {
    precondition(a != b, "Brent.bracket: the two start points must differ, both are \(a)")
    var evaluations = 0
    func value(_ x: Double) throws -> Double {
      evaluations += 1
      return Brent.ordered(try f(x))
    }
    let golden = Brent.golden
    let tiny = 1e-21
    var (xa, xb) = (a, b)
    var fa = try valueAtStart.map(Brent.ordered) ?? value(xa)
    var fb = try value(xb)
    if fa < fb {
      swap(&xa, &xb)
      swap(&fa, &fb)
    }
    var xc = xb + golden * (xb - xa)
    var fc = try value(xc)
    var iteration = 0
    while fc < fb {
      let t1 = (xb - xa) * (fb - fc)
      let t2 = (xb - xc) * (fb - fa)
      let difference = t2 - t1
      let denominator = Swift.abs(difference) < tiny ? 2 * tiny : 2 * difference
      var w = xb - ((xb - xc) * t2 - (xb - xa) * t1) / denominator
      let limit = xb + growLimit * (xc - xb)
      if iteration > maxBracketIterations { break }
      iteration += 1
      var fw: Double
      if (w - xc) * (xb - w) > 0 {
        // The parabola's vertex lies between b and c.
        fw = try value(w)
        if fw < fc {
          (xa, xb, fa, fb) = (xb, w, fb, fw)
          break
        } else if fw > fb {
          (xc, fc) = (w, fw)
          break
        }
        w = xc + golden * (xc - xb)
        fw = try value(w)
      } else if (w - limit) * (limit - xc) >= 0 {
        w = limit
        fw = try value(w)
      } else if (w - limit) * (xc - w) > 0 {
        fw = try value(w)
        if fw < fc {
          (xb, xc) = (xc, w)
          w = xc + golden * (xc - xb)
          (fb, fc) = (fc, fw)
          fw = try value(w)
        }
      } else {
        w = xc + golden * (xc - xb)
        fw = try value(w)
      }
      (xa, xb, xc) = (xb, xc, w)
      (fa, fb, fc) = (fb, fc, fw)
    }
    return (Bracket(a: xa, b: xb, c: xc, fa: fa, fb: fb, fc: fc), evaluations)
  }
}
