// swift-tools-version: 6.1
// Benchmarks of Descent, kept in a nested package so that the root package (and `make test`)
// never resolves or builds ordo-one/benchmark. Run from the repository root with `make bench`,
// or here with `swift package --disable-sandbox benchmark`.
import Foundation
import PackageDescription

/// The identity SwiftPM gives the root package, which this package depends on by path: the
/// name of the checkout's directory (`main` here, something else in another clone), so it is
/// read off this manifest's location rather than written down.
let descentIdentity = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent()
  .deletingLastPathComponent()
  .lastPathComponent
  .lowercased()

let package = Package(
  name: "DescentBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(path: ".."),
    // The interposer trait is what makes 1.38.1 resolve here, and it backs the malloc counts.
    .package(
      url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    // The plugin runs executable targets whose directory sits in a folder named `Benchmarks`.
    .executableTarget(
      name: "DescentBenchmarks",
      dependencies: [
        .product(name: "Descent", package: descentIdentity),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "DescentBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
  ]
)
