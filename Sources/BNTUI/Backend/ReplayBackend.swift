/// The backend of `bnlab replay` and `bnlab lesson` over saved runs: the catalog for titles and
/// notes, and no training (the replayed runs arrive as ``WorkbenchMessage/replayOpened(files:failures:)``).
///
/// ```swift
/// let app = WorkbenchApp(terminal: terminal, backend: ReplayBackend(experiments: infos))
/// app.send(.replayOpened(files: files, failures: []))
/// app.run()
/// ```
public final class ReplayBackend: WorkbenchBackend {
    /// The catalog, for titles, notes and variant colors of the replayed runs.
    public let experiments: [ExperimentInfo]

    /// A backend listing `experiments`.
    public init(experiments: [ExperimentInfo]) {
        self.experiments = experiments
    }

    /// Replays do not train: always throws, saying where to run experiments.
    public func start(experimentID: String, variant: String?) throws {
        throw BackendError(message: "replaying saved runs: training is off here (run \(experimentID) with `bnlab`)")
    }

    /// Nothing to cancel.
    public func cancel(runID: String) {}
    /// Nothing to pause.
    public func pause(runID: String) {}
    /// Nothing to resume.
    public func resume(runID: String) {}
    /// No live runs.
    public func poll() -> [RunInfo] { [] }
}
