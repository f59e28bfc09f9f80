import BNLab

extension RunInfo {
    /// Where a run is in its life: the run queue's own states (queued, running, paused, done,
    /// cancelled, diverged, failed), so live runs and replays speak the same language.
    public typealias State = RunState
}
