// libFuzzer harness of the `npy` target: built by Scripts/fuzz.sh with
// `-sanitize=fuzzer,address` together with Tests/DescentTests/Fuzz/FuzzTargets*.swift, whose
// check `FuzzTargets.npy` the corpus test also runs. A broken invariant is a crash here.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNumPy(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
  if let violation = FuzzTargets.npy(bytes) { fatalError("npy: \(violation)") }
  return 0
}
