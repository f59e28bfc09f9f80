import BNLab

/// One run as the backend reports it on a ``WorkbenchBackend/poll()``: identity, state, latest
/// progress, and the events that arrived since the previous poll.
public struct RunInfo: Sendable, Equatable, Identifiable {
    /// The backend's id for the run, e.g. `#3`; unique for the backend's lifetime.
    public var id: String
    /// The experiment it belongs to.
    public var experimentID: String
    /// The variant it trains.
    public var variant: String
    /// Where the run is in its life.
    public var state: State
    /// Why it failed, diverged or was cancelled, when known.
    public var message: String?
    /// The latest progress report; nil before the first one.
    public var progress: RunProgress?
    /// Events received since the previous poll, oldest first (empty when nothing new).
    public var newEvents: [RunEvent]
    /// The plan's random seed, when the backend knows it (it names runs of one variant: `bn s2`).
    public var seed: UInt64?
    /// The plan's data and epochs, when the backend knows them (`subset 3000/600 · 2 ep`).
    public var context: RunContext?
    /// The process's rank, for one file of a data-parallel run (names it `bn r1`); nil otherwise.
    public var rank: Int?
    /// The id shared by the files of one data-parallel run.
    public var group: String?
    /// The class names of the run's header, when the backend learns them only from the run (a
    /// watched file that appeared after the workbench opened); the workbench gives them to the
    /// run's experiment when it has none.
    public var classNames: [String] = []
    /// The module names of the run's header in module order (see ``RunRecord/moduleOrder``).
    public var moduleOrder: [String] = []

    /// A run report.
    public init(id: String, experimentID: String, variant: String, state: State, message: String? = nil,
                progress: RunProgress? = nil, newEvents: [RunEvent] = [], seed: UInt64? = nil, context: RunContext? = nil) {
        self.id = id
        self.experimentID = experimentID
        self.variant = variant
        self.state = state
        self.message = message
        self.progress = progress
        self.newEvents = newEvents
        self.seed = seed
        self.context = context
    }
}
