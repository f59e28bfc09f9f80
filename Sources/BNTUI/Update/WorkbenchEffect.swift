/// Something ``WorkbenchUpdate`` asks the outside world to do; the app loop carries it out against
/// the backend, keeping the update itself pure.
public enum WorkbenchEffect: Sendable, Equatable {
    /// Start runs: one variant, or every variant when `variant` is nil.
    case start(experimentID: String, variant: String?)
    /// Cancel a run.
    case cancel(runID: String)
    /// Pause a run.
    case pause(runID: String)
    /// Resume a paused run.
    case resume(runID: String)
}
