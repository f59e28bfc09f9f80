/// The whole workbench as one value: catalog, runs, selection, chart settings, open overlay.
///
/// Only ``WorkbenchUpdate/update(_:_:)`` changes it, and ``WorkbenchView/render(_:size:glyphs:)``
/// draws it; both are pure, so every screen can be reproduced and tested from a state value.
public struct WorkbenchState: Sendable, Equatable {
    /// The experiment catalog, in display order.
    public var experiments: [ExperimentInfo]
    /// Every run, in the order they were started.
    public var runs: [RunRecord] = []
    /// The list the movement keys act on.
    public var focus: FocusPanel = .experiments
    /// Index of the highlighted experiment.
    public var selectedExperiment = 0
    /// Index of the highlighted run (meaningless while there are none).
    public var selectedRun = 0
    /// The chart in the main area.
    public var chart: ChartKind = .loss
    /// Whether the experiment's notes are shown beside the charts.
    public var showsNotes = false
    /// First line of the notes shown.
    public var notesScroll = 0
    /// Whether the loss chart is smoothed.
    public var smoothingEnabled = true
    /// EMA smoothing strength when on, one of ``smoothingLevels``.
    public var smoothing = 0.6
    /// Whether the loss axis is logarithmic.
    public var logScale = false
    /// What the loss chart's x axis counts: steps, epochs or wall time.
    public var lossXAxis: LossXAxis = .step
    /// The BN layer shown; nil: the first one of the run.
    public var bnLayer: String?
    /// The BN channel shown in the line chart.
    public var channel = 0
    /// The class whose accuracy over epochs the accuracy panel draws (`<` and `>` there).
    public var accuracyClass = 0
    /// Running mean or running variance.
    public var statistic: BNStatistic = .mean
    /// The BN panel's view: one run's channels, or one channel across runs.
    public var bnPanelMode: BNPanelMode = .channel
    /// The order of the BN heatmap's channels.
    public var heatmapOrder: BNHeatmapOrder = .channel
    /// The saved runs being replayed or compared; nil for live runs.
    public var replay: ReplaySession?
    /// The live runs set aside while a replay is shown (they keep running and keep receiving their
    /// events); nil when the live runs are shown. ``KeyAction/backToLive`` brings them back.
    public var liveRuns: [RunRecord]?
    /// The lesson played over the replay (`bnlab lesson`); nil without one.
    public var lesson: LessonPlayer?
    /// The dialog open over the workbench.
    public var overlay: Overlay?
    /// The first help line shown when the help does not fit the screen (see ``KeyMode/help``).
    public var helpScroll = 0
    /// The header's message.
    public var status: StatusMessage?
    /// The terminal size last reported.
    public var size: TerminalSize
    /// Set once the user confirmed quitting; the app loop then ends.
    public var shouldQuit = false
    /// High contrast for projectors: bold bright colors, nothing dim, thicker chart lines.
    public var highContrast = false
    /// Where the runs come from, shown in the header (e.g. `demo: synthetic runs`); nil shows nothing.
    public var backendLabel: String?
    /// Whether the backend trains runs (false while watching files: see ``WorkbenchBackend/trains``).
    public var trains = true
    /// Bumped by every update that changed something, so the app redraws only then.
    public var revision = 0

    /// The smoothing strengths `+` and `-` step through.
    public static let smoothingLevels: [Double] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99]

    /// A fresh workbench over a catalog.
    public init(experiments: [ExperimentInfo], size: TerminalSize = .classic, backendLabel: String? = nil,
                highContrast: Bool = false) {
        self.experiments = experiments
        self.size = size
        self.backendLabel = backendLabel
        self.highContrast = highContrast
    }
}
