import BNLab

/// What the workbench asks of whoever trains: the experiment catalog, run control, and a cheap poll
/// of every run's latest state.
///
/// The workbench calls these from its UI thread only, once per frame for ``poll()``. Training must
/// happen elsewhere (a background queue): `poll` returns at once with whatever arrived since the
/// previous call, and the control calls only ask for something to happen.
///
/// ```swift
/// let backend = DemoBackend()
/// try backend.start(experimentID: "bn-vs-no-bn", variant: nil)   // every variant
/// let runs = backend.poll()                                        // [RunInfo], new events included
/// ```
///
/// A real implementation wraps the run queue; ``DemoBackend`` produces synthetic runs.
public protocol WorkbenchBackend: AnyObject {
    /// The catalog, in display order; invalid experiments are listed with their problem.
    var experiments: [ExperimentInfo] { get }

    /// Enqueues runs of one experiment: one variant, or every variant when `variant` is nil.
    ///
    /// Throws when the experiment is unknown or invalid, or the variant does not exist; the error's
    /// description is shown to the user.
    func start(experimentID: String, variant: String?) throws

    /// Stops a queued, running or paused run (it ends as cancelled). Unknown or finished runs: no-op.
    func cancel(runID: String)

    /// Holds a running run at its next step. Unknown or not running: no-op.
    func pause(runID: String)

    /// Lets a paused run continue. Unknown or not paused: no-op.
    func resume(runID: String)

    /// Every run known, in the order they were started, each with the events that arrived since the
    /// previous poll. Must not block.
    func poll() -> [RunInfo]

    /// Called once when the workbench closes: stops the backend's work (cancelling live runs so
    /// their files end with a cancelled event) and waits for it. The default does nothing.
    func shutdown()

    /// Whether this backend trains runs (`start`, `cancel`, `pause`); `bnlab watch` only follows
    /// files, so the footer leaves out run, cancel, pause and edit there. True by default.
    var trains: Bool { get }
}

extension WorkbenchBackend {
    /// Nothing to stop (replays, followed files, tests).
    public func shutdown() {}

    /// Trains by default.
    public var trains: Bool { true }
}
