import Synchronization
import Testing

@testable import Descent

/// The `expectClose` helpers themselves: what passes, what fails, and that a failure is
/// one issue naming the worst component at the caller's line.
@Suite struct ExpectationsTests {
  /// Collects the issues a block records (as known issues, so the test itself passes).
  final class Recorder: Sendable {
    let issues = Mutex<[Issue]>([])
    var messages: [String] {
      issues.withLock { $0.map { $0.comments.map(\.rawValue).joined(separator: " ") } }
    }
  }

  /// Runs `body` expecting it to record issues, and returns them.
  static func issues(in body: () -> Void) -> [String] {
    let recorder = Recorder()
    withKnownIssue {
      body()
    } matching: { issue in
      recorder.issues.withLock { $0.append(issue) }
      return true
    }
    return recorder.messages
  }
}

// MARK: - Passing

extension ExpectationsTests {
  @Test func passesWithinTolerance() {
    expectClose([1, 2, 3], [1, 2, 3])
    expectClose([1.0625, -2], [1, -2], atol: 0.0625)
    expectClose([101, 1], [100, 1], rtol: 0.01)
    // The tolerance is atol + rtol·|expected|: 0.1 + 0.01·100 = 1.1.
    expectClose([101.1], [100], rtol: 0.01, atol: 0.1)
    expectClose(1.0, 1.0.nextUp, rtol: 1e-15)
  }

  @Test func equalSpecialValuesPass() {
    expectClose([.infinity, -.infinity, .nan, 0], [.infinity, -.infinity, .nan, -0.0])
    expectClose(Double.nan, .nan)
    expectClose(Tensor([.infinity]), Tensor([.infinity]))
  }

  @Test func emptyVectorsPass() {
    expectClose([], [])
  }
}

// MARK: - Failing

extension ExpectationsTests {
  @Test func failureIsOneIssueNamingTheWorstComponent() {
    let messages = Self.issues {
      expectClose([1, 2.25, 3.5, 4], [1, 2, 3, 4], atol: 0.125)
    }
    #expect(messages.count == 1)
    let message = messages.first ?? ""
    #expect(message.contains("component 2 of 4 is 3.5, expected 3.0"), "\(message)")
    #expect(message.contains("error 0.5 exceeds tolerance 0.125"), "\(message)")
    #expect(message.contains("2 of 4 components outside tolerance"), "\(message)")
  }

  @Test func worstIsMeasuredInTolerancesNotAbsoluteError() {
    // Component 0 is off by 0.5 but allowed 1.0; component 1 is off by 0.25, allowed 0.01.
    let messages = Self.issues { expectClose([100.5, 1.25], [100, 1], rtol: 0.01) }
    #expect(messages.count == 1)
    #expect(messages.first?.contains("component 1 of 2") == true, "\(messages)")
  }

  @Test(arguments: [
    (Double.nan, 1.0), (1, .nan), (.infinity, 1), (1, .infinity), (.infinity, -.infinity),
  ])
  func nonFiniteMismatchesFail(actual: Double, expected: Double) {
    #expect(Self.issues { expectClose([actual], [expected], atol: 1e300) }.count == 1)
    #expect(Self.issues { expectClose(actual, expected, atol: 1e300) }.count == 1)
  }

  @Test func relativeToleranceDoesNotStretchToInfinity() {
    // rtol·|∞| = ∞ must not let a finite value match an infinite expectation.
    #expect(Self.issues { expectClose([1], [.infinity], rtol: 1e-12) }.count == 1)
    #expect(Self.issues { expectClose(-.infinity, 1e308, rtol: 1) }.count == 1)
  }

  @Test func countMismatchFails() {
    let messages = Self.issues { expectClose([1, 2], [1, 2, 3], atol: 1) }
    #expect(messages.count == 1)
    #expect(messages.first?.contains("2 actual components but 3 expected") == true, "\(messages)")
  }

  @Test func shapeMismatchFailsEvenWithEqualScalars() {
    let messages = Self.issues {
      expectClose(Tensor([1, 2, 3, 4]), try! Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]))
    }
    #expect(messages.count == 1)
    #expect(messages.first?.contains("[4]") == true && messages.first?.contains("[2, 2]") == true)
  }

  @Test func scalarFailureNamesBothValues() {
    let messages = Self.issues { expectClose(1.5, 1, atol: 0.25) }
    #expect(messages.count == 1)
    #expect(messages.first?.contains("1.5 is not close to expected 1.0") == true, "\(messages)")
    #expect(messages.first?.contains("error 0.5 exceeds tolerance 0.25") == true, "\(messages)")
  }

  @Test func commentIsAppended() {
    let messages = Self.issues { expectClose([2], [1], "the reason") }
    #expect(messages.first?.hasSuffix("— the reason") == true, "\(messages)")
  }

  @Test func negativeToleranceIsReported() {
    #expect(Self.issues { expectClose([1], [1], atol: -1) }.count == 1)
  }

  @Test func failurePointsAtTheCaller() {
    let recorder = Recorder()
    let line = #line + 2
    withKnownIssue {
      expectClose([0], [1])
    } matching: { issue in
      recorder.issues.withLock { $0.append(issue) }
      return true
    }
    let location = recorder.issues.withLock { $0.first?.sourceLocation }
    #expect(location?.line == line)
    #expect(location?.fileID.hasSuffix("ExpectationsTests.swift") == true)
  }
}
