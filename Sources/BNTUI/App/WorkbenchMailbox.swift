import Foundation

/// Messages posted from background work (reading run files) to the app loop, which applies them
/// on its own thread before the next frame; and a count of the work still running.
///
/// ```swift
/// let mailbox = WorkbenchMailbox()
/// mailbox.perform { post in post(.savedRunsListed(runs: [], failures: [])) }
/// mailbox.waitUntilIdle()
/// mailbox.drain()    // [.savedRunsListed(…)]
/// ```
public final class WorkbenchMailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [WorkbenchMessage] = []
    private let group = DispatchGroup()
    private let queue = DispatchQueue(label: "bnlab.workbench.files", qos: .userInitiated)

    /// An empty mailbox.
    public init() {}

    /// Adds a message; callable from any thread.
    public func post(_ message: WorkbenchMessage) {
        lock.lock()
        messages.append(message)
        lock.unlock()
    }

    /// Takes every message posted so far, oldest first.
    public func drain() -> [WorkbenchMessage] {
        lock.lock()
        defer { lock.unlock() }
        let taken = messages
        messages = []
        return taken
    }

    /// Runs `work` on a background queue (one job at a time, in order), handing it ``post(_:)``.
    public func perform(_ work: @escaping @Sendable (_ post: @escaping @Sendable (WorkbenchMessage) -> Void) -> Void) {
        group.enter()
        queue.async { [self] in
            work { self.post($0) }
            group.leave()
        }
    }

    /// Blocks until every job given to ``perform(_:)`` has finished (tests, and before quitting).
    public func waitUntilIdle() {
        group.wait()
    }
}
