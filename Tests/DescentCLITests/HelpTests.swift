import Foundation
import Testing

/// Help is a successful run: exit status 0, usage on stdout, nothing on stderr.
@Suite("descent --help")
struct HelpTests {
  @Test(
    "help exits 0 with usage on stdout",
    arguments: [
      (["--help"], "analyze"),
      (["-h"], "gradcheck"),
      (["analyze", "--help"], "--at"),
      (["help", "analyze"], "--eig-tol"),
      (["gradcheck", "--help"], "--rtol"),
      (["analyze", "x^2", "--at", "1", "--help"], "--gtol"),
    ])
  func help(arguments: [String], mentions: String) {
    let stdout = runDescentSuccessfully(arguments)
    #expect(stdout.contains("USAGE:"))
    #expect(stdout.contains(mentions))
  }
}
