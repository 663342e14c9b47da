// libFuzzer harness of the `number-list` target: built by Scripts/fuzz.sh with
// `-sanitize=fuzzer,address` together with Sources/DescentCLI/NumberList.swift,
// Fuzz/Support/CommandFailure.swift and Tests/DescentCLITests/Fuzz/NumberListFuzzTarget.swift,
// whose check the corpus test also runs. A broken invariant is a crash here.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNumberList(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
  if let violation = NumberListFuzzTarget.check(bytes) { fatalError("number-list: \(violation)") }
  return 0
}
