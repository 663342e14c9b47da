import Foundation
import Testing

/// `descent landscape` (the fields of CLI.md, csv and text forms, bad input) and
/// `descent hessian --lanczos K` against the full spectrum of `descent hessian`.
@Suite("descent landscape")
struct LandscapeCommandTests {
  /// Short runs: a 2-3-1 network, few steps, so that some networks may be excluded.
  static let quick = [
    "landscape", "--layers", "2,3,1", "--networks", "3", "--descent-steps", "50",
    "--refine-iterations", "400", "--samples", "32",
  ]

  /// Runs with a generous timeout (debug build, shared machine) and expects success.
  static func succeed(_ arguments: [String]) -> String {
    let run = runDescent(arguments, timeout: 300)
    #expect(run.status == 0, "descent \(arguments): \(run.stderr)")
    #expect(run.stderr.isEmpty)
    return run.stdout
  }

  @Test("json: the landscape fields, ratios recomputed from the printed eigenvalues")
  func json() throws {
    let out = Self.succeed(Self.quick + ["--seed", "4", "--format", "json"])
    let object = try #require(parseJSONObject(out))
    #expect(
      Set(object.keys) == ["networks", "excluded", "gradientThreshold", "eigenvalueTolerance"])
    #expect(number(object["gradientThreshold"]) == 1e-6)
    #expect(number(object["eigenvalueTolerance"]) == 1e-6)
    let networks = try #require(object["networks"] as? [[String: Any]])
    #expect(networks.compactMap { number($0["seed"]) } == [4, 5, 6])
    var excluded = 0
    for n in networks {
      #expect(
        Set(n.keys) == [
          "seed", "value", "gradNorm", "minimumRatio", "eigenvalues", "included", "reason",
        ])
      let included = try #require(n["included"] as? Bool)
      let gradNorm = try #require(number(n["gradNorm"]))
      #expect(included == (gradNorm <= 1e-6))
      if included {
        #expect(n["reason"] is NSNull)
      } else {
        excluded += 1
        #expect((n["reason"] as? String)?.isEmpty == false)
      }
      let eigenvalues = try #require(numbers(n["eigenvalues"]))
      #expect(eigenvalues.count == 13)
      #expect(eigenvalues == eigenvalues.sorted())
      let ratio = Double(eigenvalues.filter { $0 > 1e-6 }.count) / 13
      // JSONSerialization on Linux may misread the last digit of a double: one ulp.
      expectClose([number(n["minimumRatio"]) ?? .nan], [ratio], atol: 1e-15)
    }
    #expect(number(object["excluded"]) == Double(excluded))
  }

  @Test("csv and text: one row per network, the thresholds and the summary")
  func csvAndText() throws {
    let csv = Self.succeed(Self.quick + ["--format", "csv"])
    let lines = csv.split(separator: "\n")
    #expect(lines.first == "seed,value,gradNorm,minimumRatio,kind,included,reason,eigenvalueCount")
    #expect(lines.count == 4)
    #expect(lines.dropFirst().map { $0.split(separator: ",").first } == ["0", "1", "2"])
    let text = Self.succeed(Self.quick)
    #expect(text.contains("‖∇L‖₂ ≤ 1e-6"))
    #expect(text.contains("λ > 1e-6 is positive"))
    #expect(text.contains("minimum ratio"))
    #expect(text.contains("included") && text.contains("of 3 (excluded"))
  }

  @Test("bad input: one line on stderr, status 1")
  func badInput() {
    for arguments in [
      ["landscape", "--layers", "2,3,1", "--networks", "0"],
      ["landscape", "--layers", "2,x,1"],
      ["landscape", "--layers", "2,3,1", "--gradient-threshold", "-1"],
      ["landscape", "--layers", "2,3,1", "--data", "nowhere.csv"],
    ] {
      let run = runDescent(arguments, timeout: 60)
      #expect(run.status == 1, "\(arguments)")
      #expect(run.stderr.hasPrefix("error: "), "\(arguments)")
      #expect(run.stdout.isEmpty, "\(arguments)")
    }
  }

  @Test("hessian --lanczos 2: the two smallest and two largest of the full spectrum")
  func lanczos() throws {
    let directory = try trainTestDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    // 13 parameters of a 2-3-1 network: a fixed, irregular vector.
    let theta = (0..<13).map { 0.7 * sin(Double($0) * 1.3 + 0.4) }
    let params = directory.appendingPathComponent("theta.json").path
    try Data(JSONEncoder().encode(theta)).write(to: URL(fileURLWithPath: params))
    let common = [
      "hessian", "--layers", "2,3,1", "--activation", "tanh", "--data", "teacher", "--samples",
      "40", "--params", params, "--format", "json",
    ]
    let full = try #require(parseJSONObject(Self.succeed(common)))
    let all = try #require(numbers(full["eigenvalues"]))
    let partial = try #require(parseJSONObject(Self.succeed(common + ["--lanczos", "2"])))
    #expect(partial["minimumRatio"] is NSNull)
    #expect(partial["kind"] as? String == full["kind"] as? String)
    #expect(partial["converged"] as? Bool == true)
    let evaluations = try #require(partial["evaluations"] as? [String: Any])
    let products = try #require(number(evaluations["hvp"]))
    #expect(products >= 2 && products <= 13)
    // Lanczos residual tolerance 1e-8 relative to ‖H‖ (O(1) here) bounds each Ritz value's
    // distance to an eigenvalue; dsyevd is exact to ≈1e-15. 1e-7 leaves a factor 10.
    expectClose(
      numbers(partial["eigenvalues"]), Array(all.prefix(2) + all.suffix(2)), atol: 1e-7)
    let bad = runDescent(common + ["--lanczos", "14"], timeout: 60)
    #expect(bad.status == 1 && bad.stderr.contains("--lanczos: 14"))
  }
}
