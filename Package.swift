// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Descent",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "Descent", targets: ["Descent"]),
    .executable(name: "descent", targets: ["DescentCLI"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
  ],
  targets: [
    .systemLibrary(
      name: "CLAPACK",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev", "liblapacke-dev"]), .brew(["openblas"])]
    ),
    .target(
      name: "Descent",
      dependencies: [
        "CLAPACK",
        .product(name: "RealModule", package: "swift-numerics"),
      ],
      resources: [
        .copy("Training/Resources/digits.csv"),
        .copy("Training/Resources/LICENSE-digits.md"),
      ]
    ),
    .executableTarget(
      name: "DescentCLI",
      dependencies: [
        "Descent",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "DescentTests", dependencies: ["Descent"], resources: [.copy("Fixtures")]),
    .testTarget(name: "DescentCLITests", dependencies: ["DescentCLI", "Descent"]),
  ]
)
