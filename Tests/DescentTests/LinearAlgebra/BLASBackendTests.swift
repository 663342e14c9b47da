import Testing

@testable import Descent

@Suite struct BLASBackendTests {
  @Test func kernelFamilyFollowsTheCPUFlags() {
    let avx512: Set<String> = [
      "avx2", "fma", "avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512cd",
    ]
    #expect(BLASBackend.coreType(forCPUFlags: avx512) == "SkylakeX")
    #expect(BLASBackend.coreType(forCPUFlags: ["avx2", "fma", "sse3"]) == "Haswell")
    #expect(BLASBackend.coreType(forCPUFlags: ["sse3", "avx"]) == nil)
    #expect(BLASBackend.coreType(forCPUFlags: []) == nil)
  }

  @Test func reportsTheKernelInUse() {
    #expect(!BLASBackend.coreName.isEmpty)
    #expect(BLASBackend.configuration.contains("OpenBLAS"))
  }
}
