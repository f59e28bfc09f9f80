/// What a key binding does; ``WorkbenchUpdate`` interprets it against the current state.
public enum KeyAction: String, Sendable, Hashable, CaseIterable {
    /// Select the previous item of the focused list.
    case moveUp
    /// Select the next item of the focused list.
    case moveDown
    /// Select the first item.
    case moveFirst
    /// Select the last item.
    case moveLast
    /// Focus the experiment list.
    case focusExperiments
    /// Focus the run queue.
    case focusRuns
    /// Toggle the focus between the experiment list and the run queue.
    case switchPanel
    /// Run the selected experiment (a picker offers all variants or one).
    case run
    /// Cancel the selected run.
    case cancelRun
    /// Pause the selected run, or resume it when paused.
    case togglePause
    /// Open the playground: the highlighted experiment's knobs, to train a new variant.
    case playground
    /// Show the loss chart.
    case showLoss
    /// Show the per-class accuracy chart.
    case showAccuracy
    /// Show the BN running statistics.
    case showRunningStats
    /// Show the next chart.
    case nextChart
    /// Show or hide the experiment's notes beside the charts.
    case toggleNotes
    /// Scroll the notes down.
    case notesDown
    /// Scroll the notes up.
    case notesUp
    /// Turn loss smoothing on or off.
    case toggleSmoothing
    /// Smooth more.
    case smoothMore
    /// Smooth less.
    case smoothLess
    /// Switch the loss axis between linear and logarithmic.
    case toggleLogScale
    /// Cycle the loss chart's x axis: step, epoch, wall time.
    case cycleLossXAxis
    /// Select the previous BN layer.
    case previousLayer
    /// Select the next BN layer.
    case nextLayer
    /// Select the previous channel.
    case previousChannel
    /// Select the next channel.
    case nextChannel
    /// Jump to the previous watched channel (the ones recorded at every forward).
    case previousWatchedChannel
    /// Jump to the next watched channel.
    case nextWatchedChannel
    /// Switch the BN statistic between mean and variance.
    case toggleStatistic
    /// Switch the BN panel between one run's channels and one channel across runs.
    case toggleBNOverlay
    /// Cycle the order of the BN heatmap's channels.
    case cycleHeatmapOrder
    /// Replay: one step forward.
    case replayStepForward
    /// Replay: one step back.
    case replayStepBack
    /// Replay: to the end of the next epoch.
    case replayEpochForward
    /// Replay: to the end of the previous epoch.
    case replayEpochBack
    /// Replay: play faster.
    case replayFaster
    /// Replay: play slower.
    case replaySlower
    /// Replay: jump to the start.
    case replayStart
    /// Replay: jump to the end.
    case replayEnd
    /// Show or hide the configuration keys that differ between the compared runs.
    case configDiff
    /// Open or close the browser of the saved runs in the runs folder.
    case toggleRunsBrowser
    /// In the runs browser: mark or unmark the highlighted run (several marked open as a comparison).
    case markRun
    /// Leave the replay and show the live runs again (they kept running).
    case backToLive
    /// Lesson: reveal the answer to the question asked.
    case revealAnswer
    /// Lesson: continue to the next step.
    case nextLessonStep
    /// Lesson: back to the previous step (`p` during a lesson).
    case previousLessonStep
    /// Lesson: start again from the first step.
    case restartLesson
    /// Switch high contrast (for projectors) on or off.
    case toggleHighContrast
    /// Open or close the help overlay.
    case help
    /// Close the open overlay.
    case close
    /// Quit (asks first while runs are active).
    case quit
}
