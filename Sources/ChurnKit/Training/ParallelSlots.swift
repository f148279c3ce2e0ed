import Foundation

/// Fixed result slots filled by parallel work (one slot per task), so the outcome never depends on
/// the order tasks finish in. Thread-safe.
final class ParallelSlots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Value?]

    init(count: Int) { storage = [Value?](repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock(); storage[index] = value; lock.unlock()
    }

    var values: [Value?] {
        lock.lock(); defer { lock.unlock() }
        return storage
    }

    /// Runs `body` for 0..<count in parallel on the shared cores and returns the results in task order.
    static func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Value) -> [Value?] {
        let slots = ParallelSlots(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, body(i)) }
        return slots.values
    }
}
