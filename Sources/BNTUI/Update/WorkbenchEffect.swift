import BNLab

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
    /// List the saved runs of the runs folder (through its summary index), off the UI thread; the
    /// app posts ``WorkbenchMessage/savedRunsProgress(read:total:)`` while files are read, then
    /// ``WorkbenchMessage/savedRunsListed(runs:failures:)``.
    case listSavedRuns
    /// Read these run files for replay, off the UI thread; the app answers with
    /// ``WorkbenchMessage/replayOpened(files:failures:)``.
    case openRunFiles(paths: [String])
    /// Delete these run files, off the UI thread (the browser has already dropped their rows);
    /// a file that cannot be deleted comes back as ``WorkbenchMessage/effectFailed(_:)``.
    case deleteRunFiles(paths: [String])
    /// Move these run files into the runs folder's `archive/` folder (created when missing), off
    /// the UI thread; a file that cannot be moved comes back as ``WorkbenchMessage/effectFailed(_:)``.
    case archiveRunFiles(paths: [String])
    /// Train the playground's new variant, live like any run.
    case startPlayground(PlaygroundVariant)
    /// Write the playground's new variant as a new experiment file of the catalog; the app answers
    /// with ``WorkbenchMessage/playgroundWritten(file:experimentID:experiments:)``.
    case writePlayground(PlaygroundVariant)
}
