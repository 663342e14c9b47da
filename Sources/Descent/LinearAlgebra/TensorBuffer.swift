import Foundation

/// The storage of one or more tensors: a heap block of doubles, returned to a cache when
/// the last tensor using it goes away.
///
/// Large blocks come from ``TensorMemory``'s cache, as PyTorch's caching allocator does:
/// the system hands out fresh pages zeroed, one page fault per 4 KiB, and on a tensor of 10⁶
/// doubles those faults cost more than the arithmetic (measured: a 1e6-element multiply took
/// 2 ms with fresh pages and 0.65 ms with reused ones). Small blocks use `malloc` directly.
final class TensorBuffer: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<Double>
  let capacity: Int

  /// An uninitialized block of `capacity` doubles.
  init(capacity: Int) {
    self.capacity = capacity
    self.pointer = TensorMemory.allocate(capacity)
  }

  /// A block holding a copy of `values`.
  convenience init(copying values: UnsafeBufferPointer<Double>) {
    self.init(capacity: values.count)
    if let base = values.baseAddress, values.count > 0 {
      pointer.update(from: base, count: values.count)
    }
  }

  deinit { TensorMemory.release(pointer, capacity) }
}

/// The cache of large tensor blocks (see ``TensorBuffer``).
///
/// Blocks of at least ``minimumCachedCount`` doubles are kept after use, by exact size, up
/// to ``cacheLimitBytes`` in all; beyond that they are freed. Thread-safe.
public enum TensorMemory {
  /// Blocks smaller than this (in doubles, 128 KiB) go straight to `malloc`, which reuses
  /// them without page faults anyway.
  public static let minimumCachedCount = 1 << 14

  nonisolated(unsafe) private static var free: [Int: [UnsafeMutablePointer<Double>]] = [:]
  nonisolated(unsafe) private static var cachedBytes = 0
  nonisolated(unsafe) private static var limit = 1 << 30
  nonisolated(unsafe) private static var largeAllocations = 0
  private static let lock = NSLock()

  /// The most memory kept cached for reuse (default 1 GiB). Lowering it frees the cache.
  public static var cacheLimitBytes: Int {
    get { lock.withLock { limit } }
    set {
      lock.withLock { limit = Swift.max(0, newValue) }
      if newValue < cachedBytesNow { emptyCache() }
    }
  }

  /// How many blocks of at least ``minimumCachedCount`` doubles were handed out so far
  /// (from the cache or fresh): one per large temporary, a stable measure of how much
  /// memory traffic an operation causes.
  public static var largeAllocationCount: Int { lock.withLock { largeAllocations } }

  /// Bytes currently held in the cache (not in use by any tensor).
  public static var cachedBytesNow: Int { lock.withLock { cachedBytes } }

  /// Frees every cached block.
  public static func emptyCache() {
    let blocks: [UnsafeMutablePointer<Double>] = lock.withLock {
      let all = free.values.flatMap { $0 }
      free = [:]
      cachedBytes = 0
      return all
    }
    for block in blocks { block.deallocate() }
  }

  static func allocate(_ count: Int) -> UnsafeMutablePointer<Double> {
    if count >= minimumCachedCount {
      let cached: UnsafeMutablePointer<Double>? = lock.withLock {
        largeAllocations += 1
        guard var list = free[count], let p = list.popLast() else { return nil }
        free[count] = list.isEmpty ? nil : list
        cachedBytes -= count * MemoryLayout<Double>.stride
        return p
      }
      if let cached { return cached }
    }
    return UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(count, 1))
  }

  static func release(_ pointer: UnsafeMutablePointer<Double>, _ count: Int) {
    if count >= minimumCachedCount {
      let kept: Bool = lock.withLock {
        let bytes = count * MemoryLayout<Double>.stride
        guard cachedBytes + bytes <= limit else { return false }
        free[count, default: []].append(pointer)
        cachedBytes += bytes
        return true
      }
      if kept { return }
    }
    pointer.deallocate()
  }
}
