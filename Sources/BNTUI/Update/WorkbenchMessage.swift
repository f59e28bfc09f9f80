import BNLab

/// Everything that can change the workbench state.
public enum WorkbenchMessage: Sendable, Equatable {
    /// A key was pressed.
    case key(Key)
    /// The terminal changed size.
    case resize(TerminalSize)
    /// A tick with the backend's latest data: every run, with its events since the previous poll.
    case runs([RunInfo])
    /// The backend refused an effect (e.g. starting an invalid experiment); the text says why.
    case effectFailed(String)
    /// Time passed since the previous tick, in seconds: moves a playing replay.
    case tick(seconds: Double)
    /// Saved runs were read for replay (several: compared); `failures` name the files that could
    /// not be read and why.
    case replayOpened(files: [RunFile], failures: [String])
    /// The full read of the files the open replay was opened from by a first, quick read (steps,
    /// epochs, the last snapshots): replaces them, keeping the cursor.
    case replayCompleted(files: [RunFile])
    /// The runs folder was listed (newest first); `failures` name the files that could not be read.
    case savedRunsListed(runs: [RunSummary], failures: [String])
    /// The runs folder changed while the browser is open: new, grown or gone files, runs
    /// running or stalled (``RunsFolderFollower``).
    case savedRunsChanged(RunsBrowser.Changes)
    /// Listing the runs folder in the background: `read` of `total` files read so far.
    case savedRunsProgress(read: Int, total: Int)
    /// A lesson starts over the open replay: it plays to the first step's pause point (first
    /// saying so when the runs are too short for it; `freshHint` tells how to train longer ones).
    case lessonStarted(experimentID: String, steps: [LessonStep], freshHint: String? = nil)
    /// The playground's variant was written as `file` (as shown), the experiment `experimentID`;
    /// `experiments` is the catalog read again, with it.
    case playgroundWritten(file: String, experimentID: String, experiments: [ExperimentInfo])
}
