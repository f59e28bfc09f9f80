import Foundation

/// What the UI shows about one run, copied out of the queue at one moment.
public struct RunStatus: Sendable, Equatable {
    /// The run.
    public var id: RunID
    /// The name it was enqueued with, e.g. `bn-vs-no-bn/bn`.
    public var name: String
    /// Its state.
    public var state: RunState
    /// The last progress the job reported; nil before the first report.
    public var progress: RunProgress?
    /// Why it failed or diverged, or a problem writing its run file.
    public var lastError: String?
    /// True once ``RunQueue/cancel(_:)`` was called on a running or paused run that has not yet
    /// reached a checkpoint to stop at.
    public var cancelRequested: Bool
    /// True while the job is stopped at a checkpoint because the run is paused (a paused run
    /// whose job has not reached a checkpoint yet is still finishing its current step).
    public var isHeldAtCheckpoint: Bool
    /// The run file being written, once created.
    public var runFile: URL?
    /// Events the job published so far (the end event included).
    public var eventCount: Int
}
