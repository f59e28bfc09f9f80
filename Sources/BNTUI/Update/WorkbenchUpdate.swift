/// The workbench's pure update: a message in, the new state and the effects to carry out out.
///
/// ```swift
/// var state = WorkbenchState(experiments: backend.experiments)
/// let effects = WorkbenchUpdate.update(&state, .key(.enter))   // opens the variant picker
/// ```
///
/// Keys go through ``KeyBindings`` (the same table the footer and help are drawn from); while an
/// overlay is open, keys go to it instead.
public enum WorkbenchUpdate {
    /// Applies `message` to `state` and returns the effects to carry out, in order.
    public static func update(_ state: inout WorkbenchState, _ message: WorkbenchMessage) -> [WorkbenchEffect] {
        var effects: [WorkbenchEffect] = []
        let changed: Bool
        switch message {
        case .key(let key):
            // Keys never touch the run records, so this copy shares their storage and compares fast.
            let before = state
            effects = handle(key: key, state: &state)
            changed = state != before
        case .resize(let size):
            changed = state.size != size
            state.size = size
        case .runs(let infos):
            changed = merge(infos, into: &state)
        case .effectFailed(let text):
            state.status = StatusMessage(text, isError: true)
            changed = true
        case .tick(let seconds):
            changed = tick(seconds: seconds, state: &state)
        case .replayOpened(let files, let failures):
            openReplay(files: files, failures: failures, state: &state)
            changed = true
        case .savedRunsListed(let runs, let failures):
            showRunsBrowser(runs: runs, failures: failures, state: &state)
            changed = true
        case .replayCompleted(let files):
            changed = completeReplay(files: files, state: &state)
        case .savedRunsChanged(let changes):
            changed = followRunsFolder(changes, state: &state)
        case .savedRunsProgress(let read, let total):
            changed = showListingProgress(read: read, total: total, state: &state)
        case .lessonStarted(let experimentID, let steps, let freshHint):
            startLesson(experimentID: experimentID, steps: steps, freshHint: freshHint, state: &state)
            changed = true
        case .playgroundWritten(let file, let experimentID, let experiments):
            playgroundWritten(file: file, experimentID: experimentID, experiments: experiments, state: &state)
            changed = true
        }
        if changed { state.revision &+= 1 }
        return effects
    }

    // MARK: Runs

    /// Appends new events to the live records (in place, no copies), set aside or shown; returns
    /// whether anything changed.
    private static func merge(_ infos: [RunInfo], into state: inout WorkbenchState) -> Bool {
        // An experiment without class names (a watched folder that was empty) takes its first run's.
        for info in infos where !info.classNames.isEmpty {
            if let i = state.experiments.firstIndex(where: { $0.id == info.experimentID }), state.experiments[i].classNames.isEmpty {
                state.experiments[i].classNames = info.classNames
            }
        }
        guard state.replay != nil else {
            // The selection follows its run when a rank's file is placed before it.
            let selectedID = state.selectedRunRecord?.id
            let changed = merge(infos, into: &state.runs)
            if let selectedID, let index = state.runs.firstIndex(where: { $0.id == selectedID }) {
                state.selectedRun = index
            }
            return changed
        }
        guard !infos.isEmpty else { return false }
        // Behind a replay: the live runs keep their records, off screen.
        var live = state.liveRuns ?? []
        state.liveRuns = nil
        _ = merge(infos, into: &live)
        state.liveRuns = live
        return true
    }

    private static func merge(_ infos: [RunInfo], into records: inout [RunRecord]) -> Bool {
        var changed = false
        for info in infos {
            if let i = records.firstIndex(where: { $0.id == info.id }) {
                if records[i].apply(info) { changed = true }
            } else {
                records.insert(RunRecord(info), at: insertionIndex(for: info, in: records))
                changed = true
            }
        }
        return changed
    }

    /// Where a new run goes: at the end, except a rank of a data-parallel run, which goes among
    /// the ranks of its group already listed, in rank order (`bn r0` before `bn r1`, whichever file
    /// appeared first).
    static func insertionIndex(for info: RunInfo, in records: [RunRecord]) -> Int {
        guard let group = info.group, let rank = info.rank else { return records.endIndex }
        let ranks = records.indices.filter { records[$0].group == group && records[$0].rank != nil }
        guard let last = ranks.last else { return records.endIndex }
        return ranks.first { records[$0].rank! > rank } ?? last + 1
    }

    // MARK: Keys

    private static func handle(key: Key, state: inout WorkbenchState) -> [WorkbenchEffect] {
        switch state.overlay {
        case .help:
            helpKey(key, state: &state)
            return []
        case .confirmQuit:
            return confirmQuit(key: key, state: &state)
        case .variantPicker(let picker):
            return pick(key: key, picker: picker, state: &state)
        case .configDiff:
            let action = KeyBindings.action(for: key)
            if action == .configDiff || action == .close || action == .quit { state.overlay = nil }
            return []
        case .runsBrowser(let browser):
            return browse(key: key, browser: browser, state: &state)
        case .playground(let form):
            return playgroundKey(key, form: form, state: &state)
        case nil:
            break
        }
        state.status = nil
        guard let action = KeyBindings.action(for: key, inLesson: state.lesson != nil) else { return [] }
        return perform(action, state: &state)
    }

    private static func perform(_ action: KeyAction, state: inout WorkbenchState) -> [WorkbenchEffect] {
        switch action {
        case .moveUp: move(by: -1, state: &state)
        case .moveDown: move(by: 1, state: &state)
        case .moveFirst: move(by: Int.min / 2, state: &state)
        case .moveLast: move(by: Int.max / 2, state: &state)
        case .focusExperiments: state.focus = .experiments
        case .focusRuns: state.focus = state.runs.isEmpty ? state.focus : .runs
        case .switchPanel:
            if state.focus == .experiments, state.runs.isEmpty {
                state.status = StatusMessage("no runs yet: Enter runs the selected experiment")
            } else {
                state.focus = state.focus == .experiments ? .runs : .experiments
            }
        case .run:
            if state.replay != nil {
                state.status = StatusMessage("replaying saved runs: W goes back to the live runs, where Enter trains")
                return []
            }
            return run(state: &state)
        case .playground:
            return openPlayground(state: &state)
        case .cancelRun:
            if state.replay != nil {
                state.status = StatusMessage("replayed runs are files: nothing to cancel")
                return []
            }
            guard let run = state.selectedRunRecord else { return noRun(&state) }
            guard run.state.isActive else {
                state.status = StatusMessage("\(run.id) \(run.name) already ended (\(run.state.rawValue))")
                return []
            }
            state.status = StatusMessage("cancelling \(run.id) \(run.name)")
            return [.cancel(runID: run.id)]
        case .togglePause:
            if state.replay != nil {
                replay(.togglePause, state: &state)
                return []
            }
            guard let run = state.selectedRunRecord else { return noRun(&state) }
            switch run.state {
            case .running:
                state.status = StatusMessage("pausing \(run.id) \(run.name)")
                return [.pause(runID: run.id)]
            case .paused:
                state.status = StatusMessage("resuming \(run.id) \(run.name)")
                return [.resume(runID: run.id)]
            default:
                state.status = StatusMessage("\(run.id) is \(run.state.rawValue): only running runs pause")
            }
        case .showLoss: state.chart = .loss
        case .showAccuracy: state.chart = .accuracy
        case .showRunningStats: state.chart = .runningStats
        case .nextChart: state.chart = state.chart.next
        case .toggleNotes: state.showsNotes.toggle()
        case .notesDown where scrollLessonText(down: true, state: &state): break
        case .notesUp where scrollLessonText(down: false, state: &state): break
        case .notesDown:
            state.showsNotes = true
            state.notesScroll += max(1, state.size.height / 3)
        case .notesUp:
            state.notesScroll = max(0, state.notesScroll - max(1, state.size.height / 3))
        case .toggleSmoothing: state.smoothingEnabled.toggle()
        case .smoothMore: stepSmoothing(by: 1, state: &state)
        case .smoothLess: stepSmoothing(by: -1, state: &state)
        case .toggleLogScale: state.logScale.toggle()
        case .cycleLossXAxis: state.lossXAxis = state.lossXAxis.next
        case .previousLayer: stepLayer(by: -1, state: &state)
        case .nextLayer: stepLayer(by: 1, state: &state)
        case .previousChannel: stepChannel(by: -1, state: &state)
        case .nextChannel: stepChannel(by: 1, state: &state)
        case .previousWatchedChannel: jumpWatchedChannel(by: -1, state: &state)
        case .nextWatchedChannel: jumpWatchedChannel(by: 1, state: &state)
        case .toggleStatistic: state.statistic = state.statistic == .mean ? .variance : .mean
        case .toggleBNOverlay:
            state.bnPanelMode = state.bnPanelMode == .channel ? .overlay : .channel
            state.chart = .runningStats
        case .cycleHeatmapOrder:
            state.heatmapOrder = state.heatmapOrder.next
            state.chart = .runningStats
        case .toggleRunsBrowser:
            state.status = StatusMessage("reading the saved runs…")
            return [.listSavedRuns]
        case .markRun:
            state.status = StatusMessage("m marks runs in the saved-runs browser: R opens it")
        case .backToLive:
            backToLive(state: &state)
        case .revealAnswer, .nextLessonStep, .previousLessonStep, .restartLesson:
            lessonKey(action, state: &state)
        case .replayStepForward, .replayStepBack, .replayEpochForward, .replayEpochBack, .replayFaster, .replaySlower,
             .replayStart, .replayEnd, .configDiff:
            replay(action, state: &state)
        case .toggleHighContrast:
            state.highContrast.toggle()
            state.status = StatusMessage("high contrast " + (state.highContrast ? "on" : "off"))
        case .help: state.overlay = .help
        case .close: break
        case .quit:
            let active = state.activeRunCount
            if active > 0 {
                state.overlay = .confirmQuit(activeRuns: active)
            } else {
                state.shouldQuit = true
            }
        }
        return []
    }

    private static func noRun(_ state: inout WorkbenchState) -> [WorkbenchEffect] {
        state.status = StatusMessage("no run selected: start one with Enter")
        return []
    }

    /// Moves the selection of the focused list, clamped to its ends.
    private static func move(by delta: Int, state: inout WorkbenchState) {
        switch state.focus {
        case .experiments:
            guard !state.experiments.isEmpty else { return }
            state.selectedExperiment = clamp(state.selectedExperiment + delta, count: state.experiments.count)
            state.notesScroll = 0
        case .runs:
            guard !state.runs.isEmpty else { return }
            state.selectedRun = clamp(state.selectedRun + delta, count: state.runs.count)
        }
    }

    static func clamp(_ i: Int, count: Int) -> Int {
        min(max(0, i), count - 1)
    }

    private static func stepSmoothing(by delta: Int, state: inout WorkbenchState) {
        let levels = WorkbenchState.smoothingLevels
        let current = levels.enumerated().min { abs($0.element - state.smoothing) < abs($1.element - state.smoothing) }?.offset ?? 0
        let next = state.smoothingEnabled ? clamp(current + delta, count: levels.count) : current
        state.smoothing = levels[next]
        state.smoothingEnabled = true
    }

    /// Cycles through the stats run's BN layers, wrapping around; the channel is kept when it exists.
    private static func stepLayer(by delta: Int, state: inout WorkbenchState) {
        guard let run = state.statsRun, !run.layerNames.isEmpty else {
            state.status = StatusMessage("no BN snapshots yet for this experiment")
            return
        }
        let names = run.layerNames
        let current = state.shownLayer.flatMap { names.firstIndex(of: $0) } ?? 0
        let layer = names[((current + delta) % names.count + names.count) % names.count]
        state.bnLayer = layer
        let channels = run.channelCount(layer: layer)
        if channels > 0 { state.channel = min(state.channel, channels - 1) }
    }

    // MARK: Running

    private static func run(state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard let experiment = state.currentExperiment else { return [] }
        if let problem = experiment.problem {
            state.status = StatusMessage("\(experiment.id) cannot run: \(problem)", isError: true)
            return []
        }
        if experiment.variants.count <= 1 {
            state.status = StatusMessage("started \(experiment.id)")
            return [.start(experimentID: experiment.id, variant: nil)]
        }
        state.overlay = .variantPicker(VariantPicker(experimentID: experiment.id))
        return []
    }

    private static func pick(key: Key, picker: VariantPicker, state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard let experiment = state.experiments.first(where: { $0.id == picker.experimentID }) else {
            state.overlay = nil
            return []
        }
        let rows = experiment.variants.count + 1
        var picker = picker
        switch key {
        case .up, .character("k"): picker.selection = clamp(picker.selection - 1, count: rows)
        case .down, .character("j"): picker.selection = clamp(picker.selection + 1, count: rows)
        case .home, .character("g"): picker.selection = 0
        case .end, .character("G"): picker.selection = rows - 1
        case .escape, .character("q"), .control("c"):
            state.overlay = nil
            return []
        case .enter:
            state.overlay = nil
            let variant = picker.selection == 0 ? nil : experiment.variants[picker.selection - 1].name
            state.status = StatusMessage("started \(experiment.id)" + (variant.map { "/\($0)" } ?? ", all variants"))
            return [.start(experimentID: experiment.id, variant: variant)]
        default:
            // A digit picks that row directly: 0 all, 1… the variants.
            if case .character(let c) = key, let n = c.wholeNumberValue, n < rows { picker.selection = n }
        }
        state.overlay = .variantPicker(picker)
        return []
    }

    // MARK: Quitting

    private static func confirmQuit(key: Key, state: inout WorkbenchState) -> [WorkbenchEffect] {
        switch key {
        case .character("y"), .character("Y"), .character("q"), .enter, .control("c"):
            state.overlay = nil
            state.shouldQuit = true
            // Cancel what is still active so the backend can write proper ends.
            return state.liveRecords.filter { $0.state.isActive }.map { .cancel(runID: $0.id) }
        case .character("n"), .character("N"), .escape:
            state.overlay = nil
        default:
            break
        }
        return []
    }
}
