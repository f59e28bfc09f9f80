/// Where a run is in its life.
///
/// ```text
/// queued ──► running ◄──► paused
///   │           │  │
///   ▼           ▼  ▼
/// cancelled   done · diverged · failed · cancelled
/// ```
public enum RunState: String, Sendable, Equatable, CaseIterable {
    /// Waiting for a free slot.
    case queued
    /// Its job is running on its own thread.
    case running
    /// Asked to pause: the job stops at its next checkpoint and waits there (still holding its slot).
    case paused
    /// The job finished its work.
    case done
    /// Stopped by ``RunQueue/cancel(_:)`` (before it started, or at a checkpoint).
    case cancelled
    /// The job reported that training diverged (a NaN or infinite loss).
    case diverged
    /// The job threw an error or reported a failure.
    case failed

    /// True for the states a run never leaves: done, cancelled, diverged, failed.
    public var isFinished: Bool {
        switch self {
        case .queued, .running, .paused: false
        case .done, .cancelled, .diverged, .failed: true
        }
    }

    /// The end status written to the run file for a finished state.
    var endStatus: EndStatus? {
        switch self {
        case .done: .done
        case .cancelled: .cancelled
        case .diverged: .diverged
        case .failed: .failed
        case .queued, .running, .paused: nil
        }
    }

    /// Queued, running or paused: the run may still produce events.
    public var isActive: Bool { !isFinished }

    /// The state a finished run file's end event records (the inverse of ``endStatus``).
    public init(_ status: EndStatus) {
        switch status {
        case .done: self = .done
        case .cancelled: self = .cancelled
        case .diverged: self = .diverged
        case .failed: self = .failed
        }
    }
}
