import BNLab

extension RunInfo {
    /// Where a run is in its life: the run queue's own states (queued, running, paused, done,
    /// cancelled, diverged, failed), so live runs and replays speak the same language.
    public typealias State = RunState
}

extension RunState {
    /// The state's word on screen: its raw value, except that a followed run (`bnlab watch`,
    /// `trains` false) that stopped growing is paused by the stall rule, and says `stalled`.
    func name(trains: Bool) -> String {
        !trains && self == .paused ? "stalled" : rawValue
    }
}
