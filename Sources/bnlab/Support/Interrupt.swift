import Dispatch
import Foundation

/// Turns SIGINT/SIGTERM into a callback (once), instead of killing the process mid-write.
final class Interrupt: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var received: Int32?

    /// The first signal that arrived (SIGINT or SIGTERM), nil if none.
    var caughtSignal: Int32? { lock.withLock { received } }

    /// Whether a signal arrived.
    var fired: Bool { caughtSignal != nil }

    init(_ handler: @escaping @Sendable () -> Void) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in
                self?.lock.withLock { if self?.received == nil { self?.received = sig } }
                StandardStreams.writeError("\nbnlab: interrupted, cancelling runs…\n")
                handler()
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit { for s in sources { s.cancel() } }
}
