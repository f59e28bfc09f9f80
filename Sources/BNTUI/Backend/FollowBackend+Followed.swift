import BNLab
import Foundation

extension FollowBackend {
    /// One followed file: its tail, the events not yet handed to the workbench, and how long it has
    /// been quiet.
    struct Followed {
        var tail: Tail
        /// Events read but not yet polled.
        var pending: [RunEvent] = []
        /// Whether it still grows (the stall rule).
        var growth: RunGrowth
        /// The end event, once read.
        var end: EndEvent?
        /// The latest diagnostic's text, shown as the run's message until it ends.
        var lastDiagnostic: String?

        /// A file found at `now`; quiet since its last modification (if earlier), so that a file
        /// abandoned long ago is shown stalled at once.
        init(url: URL, now: Date) {
            tail = Tail(url: url)
            growth = RunGrowth(url: url, size: 0, now: now)
        }

        /// Takes note of new events: the end and the diagnostics.
        mutating func take(_ events: [RunEvent]) {
            pending += events
            for event in events {
                switch event {
                case .end(let e): end = e
                case .diagnostic(let d):
                    lastDiagnostic = "! \(d.kind.rawValue): " + TerminalSafe.strip(d.text)
                default: break
                }
            }
        }
    }
}
