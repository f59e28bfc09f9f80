import BNLab

extension RunInfo {
    /// Where a run is in its life: the run queue's own states (queued, running, paused, done,
    /// cancelled, diverged, failed), so live runs and replays speak the same language.
    public typealias State = RunState
}

extension RunState {
    /// Queued, running or paused: the run may still produce events.
    public var isActive: Bool { !isFinished }

    /// The state a finished run file's end event records.
    public init(_ status: EndStatus) {
        switch status {
        case .done: self = .done
        case .cancelled: self = .cancelled
        case .diverged: self = .diverged
        case .failed: self = .failed
        }
    }
}
