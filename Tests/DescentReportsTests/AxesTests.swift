import Descent
import Foundation
import Testing

@testable import DescentReports

/// Ticks, scales and domains: every finite value inside the axes, ticks nice and inside.
@Suite("Axes")
struct AxesTests {
  @Test("linear ticks are multiples of a 1-2-5 step, inside the domain, 3 to 11 of them")
  func linearTicks() {
    var generator = SeededGenerator(seed: 7)
    for _ in 0..<200 {
      let a = Double.random(in: -1e4...1e4, using: &generator)
      let width = pow(10, Double.random(in: -6...6, using: &generator))
      let ticks = Ticks.linear(lower: a, upper: a + width)
      guard ticks.count >= 2 else {
        Issue.record("\(ticks.count) ticks over \(a)…\(a + width)")
        continue
      }
      // The spacing of neighbouring ticks, which carry the rounding of k·step.
      let spacing = ticks[1] - ticks[0]
      let magnitude = pow(10, log10(spacing).rounded(.down))
      let step = ([1.0, 2, 5, 10].map { $0 * magnitude }).min {
        abs($0 - spacing) < abs($1 - spacing)
      }!
      // Two ticks near |a| each carry half an ulp of |a| of rounding; 8 ulps leave room.
      #expect(
        abs(spacing - step) <= 1e-9 * step + 8 * abs(a).ulp,
        "spacing \(spacing) is not 1, 2 or 5 × 10^k")
      #expect((3...11).contains(ticks.count), "\(ticks.count) ticks over \(a)…\(a + width)")
      for t in ticks {
        // Half a millionth of the step: rounding of k·step.
        #expect(t >= a - step * 5e-7 && t <= a + width + step * 5e-7)
        #expect(abs(t / step - (t / step).rounded()) < 1e-6)
      }
    }
  }

  @Test("log ticks: powers of ten, every other one past eight decades, 2 and 5 in a narrow range")
  func logTicks() {
    #expect(Ticks.logarithmic(lower: 1e-3, upper: 10) == [1e-3, 1e-2, 1e-1, 1, 10])
    let wide = Ticks.logarithmic(lower: 1e-20, upper: 1)
    #expect(wide.count <= 11 && wide.count >= 5)
    #expect(wide.allSatisfy { abs(log10($0) - log10($0).rounded()) < 1e-12 })
    #expect(Ticks.logarithmic(lower: 1.5, upper: 30) == [2, 5, 10, 20])
  }

  @Test("labels: decimals as the spacing needs, powers of ten outside 10⁻³…10⁵")
  func labels() {
    #expect(Ticks.label(0.30000000000000004, spacing: 0.1) == "0.3")
    #expect(Ticks.label(-2, spacing: 1) == "−2")
    #expect(Ticks.label(1e-6) == "10⁻⁶")
    #expect(Ticks.label(2e6) == "2×10⁶")
    #expect(Ticks.label(.nan) == "NaN")
  }

  @Test("the domain contains every finite value and no non-finite one breaks it")
  func domainContainsPoints() {
    var generator = SeededGenerator(seed: 11)
    for round in 0..<100 {
      var values = (0..<20).map { _ in
        Double.random(in: -1...1, using: &generator) * pow(10, Double(round % 12 - 6))
      }
      values += [.nan, .infinity, -.infinity]
      for kind in [Scale.Kind.linear, .logarithmic] {
        let (lo, hi) = Scale.domain(of: values, kind: kind)
        #expect(lo < hi && lo.isFinite && hi.isFinite)
        for v in values where v.isFinite && (kind == .linear || v > 0) {
          #expect(v >= lo && v <= hi, "\(v) outside \(lo)…\(hi) (\(kind))")
        }
      }
    }
    #expect(Scale.domain(of: [.nan], kind: .linear) == (0, 1))
    let single = Scale.domain(of: [3, 3], kind: .linear)
    #expect(single.lower < 3 && single.upper > 3)
  }

  @Test("pixel and value(atPixel:) are inverse; unplaceable values map to nil")
  func scaleInverse() {
    let linear = Scale(kind: .linear, lower: -2, upper: 6, start: 70, end: 600)
    let log = Scale(kind: .logarithmic, lower: 1e-4, upper: 1e2, start: 380, end: 30)
    for v in [-2.0, 0, 1.5, 6] {
      // 1e-12 relative: one division and one multiplication each way.
      #expect(abs(linear.value(atPixel: linear.pixel(v)!) - v) <= 1e-12 * 8)
    }
    for v in [1e-4, 3e-2, 1, 100] {
      #expect(abs(log.value(atPixel: log.pixel(v)!) / v - 1) <= 1e-12)
    }
    #expect(linear.pixel(-2) == 70 && linear.pixel(6) == 600)
    #expect(log.pixel(0) == nil && log.pixel(-1) == nil && linear.pixel(.nan) == nil)
  }

  @Test("the palette cycles Okabe–Ito and the ramp runs light to dark")
  func palette() {
    #expect(Palette.series(0) == "#0072B2" && Palette.series(7) == "#0072B2")
    #expect(Palette.ramp(0) == Palette.sequential[0] && Palette.ramp(1) == Palette.sequential.last)
    func lightness(_ hex: String) -> Int {
      let (r, g, b) = Palette.rgb(hex)
      return r + g + b
    }
    let steps = (0...10).map { lightness(Palette.ramp(Double($0) / 10)) }
    #expect(zip(steps, steps.dropFirst()).allSatisfy { $0 >= $1 })
  }
}
