import CLAPACK
import Foundation

/// Which OpenBLAS kernels this process runs, and which it should run.
///
/// OpenBLAS picks its kernels once, when the library loads, from the CPU model. Builds older
/// than the CPU do not recognise it and fall back to `Prescott`, an SSE3 kernel from 2004:
/// Debian 12's OpenBLAS 0.3.21 does so on this project's Xeon machines, where `dgemm` for a
/// 128×784·784×256 product ran 5× slower than with the `SkylakeX` kernel the CPU supports
/// (0.6 ms against 3 ms, two threads). The environment variable `OPENBLAS_CORETYPE`, read
/// at load time, overrides the choice; ``recommendedCoreType()`` says what to set it to.
public enum BLASBackend {
  /// The kernel family in use, as `openblas_get_corename()` reports it (e.g. `Haswell`).
  public static var coreName: String {
    guard let name = openblas_get_corename() else { return "unknown" }
    return String(cString: name)
  }

  /// OpenBLAS's build configuration string (version, DYNAMIC_ARCH, threading).
  public static var configuration: String {
    guard let text = openblas_get_config() else { return "unknown" }
    return String(cString: text)
  }

  /// Kernels that OpenBLAS uses when it does not know the CPU.
  static let genericCores: Set<String> = [
    "Prescott", "Katmai", "Coppermine", "Northwood", "Banias", "Core2", "Penryn", "Dunnington",
    "Nehalem", "Atom", "Unknown", "unknown",
  ]

  /// The `OPENBLAS_CORETYPE` to set for this CPU, when OpenBLAS fell back to a generic kernel
  /// although the CPU has AVX2 (`Haswell`) or AVX-512 (`SkylakeX`); nil when the kernel in
  /// use is already specific, when `OPENBLAS_CORETYPE` is set, or off Linux (no
  /// `/proc/cpuinfo`).
  public static func recommendedCoreType() -> String? {
    guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
      genericCores.contains(coreName)
    else { return nil }
    return coreType(forCPUFlags: cpuFlags())
  }

  /// The best OpenBLAS kernel family for a set of `/proc/cpuinfo` flags.
  static func coreType(forCPUFlags flags: Set<String>) -> String? {
    if ["avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512cd"].allSatisfy(flags.contains) {
      return "SkylakeX"
    }
    if ["avx2", "fma"].allSatisfy(flags.contains) { return "Haswell" }
    return nil
  }

  static func cpuFlags() -> Set<String> {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return [] }
    return Set(line.split(separator: ":").last?.split(separator: " ").map(String.init) ?? [])
  }
}
