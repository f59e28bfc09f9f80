import Foundation

/// A counter shared between a test and its jobs.
final class Counter: @unchecked Sendable {
    // @unchecked Sendable: `value` is only touched while holding `lock`.
    private let lock = NSLock()
    private var _value = 0
    private var _maximum = 0

    var value: Int { lock.withLock { _value } }
    /// The largest value ever reached.
    var maximum: Int { lock.withLock { _maximum } }

    @discardableResult
    func increment() -> Int {
        lock.withLock {
            _value += 1
            _maximum = max(_maximum, _value)
            return _value
        }
    }

    func decrement() { lock.withLock { _value -= 1 } }
}

/// A one-way signal: `wait()` blocks until `open()`; each `open()` lets one `wait()` through.
struct Gate: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    func open() { semaphore.signal() }
    func wait() { semaphore.wait() }
}

/// A failure a test job throws.
struct JobFailure: Error, CustomStringConvertible {
    var description: String { "the data folder is empty" }
}
