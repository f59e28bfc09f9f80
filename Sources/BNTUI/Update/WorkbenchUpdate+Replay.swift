import BNLab

/// Replays and comparisons of saved runs: opening them, the replay keys, and the tick that plays.
extension WorkbenchUpdate {
    /// Opens `files` for replay (replacing any live or replayed runs shown): one record per file,
    /// paused at the first step. Experiments missing from the catalog are added, so runs written by
    /// other programs or for other catalogs replay too.
    static func openReplay(files: [RunFile], failures: [String], state: inout WorkbenchState) {
        let sources = files.enumerated().map { i, file in ReplaySource(id: "r\(i + 1)", file: file) }
        let session = ReplaySession(sources: sources, failures: failures)
        // The live runs are set aside, not lost: they keep running and come back with W.
        if state.replay == nil { state.liveRuns = state.runs }
        state.lesson = nil
        state.replay = session
        state.runs = sources.map { $0.emptyRecord() }
        state.selectedRun = 0
        state.overlay = nil
        state.bnLayer = nil
        state.channel = 0
        for source in sources where !state.experiments.contains(where: { $0.id == source.header.experiment }) {
            let variants = sources.filter { $0.header.experiment == source.header.experiment }
                .map(\.header.variant).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            state.experiments.append(ExperimentInfo(
                id: source.header.experiment, title: source.header.config?.title ?? source.header.experiment,
                summary: "replayed from a saved run", variants: variants.map { VariantInfo(name: $0) },
                classNames: source.header.classNames))
        }
        if let first = sources.first, let i = state.experiments.firstIndex(where: { $0.id == first.header.experiment }) {
            state.selectedExperiment = i
        }
        state.focus = .experiments
        syncReplay(&state)
        if sources.isEmpty {
            state.status = StatusMessage("nothing to replay: " + (failures.first ?? "no run files given"), isError: true)
        } else if !failures.isEmpty {
            state.status = StatusMessage("could not open " + failures.joined(separator: "; "), isError: true)
        } else if let notice = session.notices.first {
            state.status = StatusMessage("note: " + notice)
        } else {
            let what = sources.count == 1 ? "replaying \(sources[0].fileName)" : "comparing \(sources.count) runs"
            state.status = StatusMessage(what + ": Space plays, f/b step, F/B epoch")
        }
    }

    /// Moves a playing replay by the time passed; returns whether anything changed.
    static func tick(seconds: Double, state: inout WorkbenchState) -> Bool {
        guard var session = state.replay, session.cursor.isPlaying else { return false }
        let wasPlaying = session.cursor.isPlaying
        let before = session.cursor.step
        let moved = session.cursor.advance(seconds: seconds)
        let lessonPaused = stopAtLessonPause(cursor: &session.cursor, from: before, state: &state)
        guard moved || lessonPaused || wasPlaying != session.cursor.isPlaying else { return false }
        state.replay = session
        syncReplay(&state)
        return true
    }

    /// Carries out a replay key; without a replay, says how to open one.
    static func replay(_ action: KeyAction, state: inout WorkbenchState) {
        guard var session = state.replay else {
            state.status = StatusMessage("no replay open: `bnlab replay RUN_FILE…` replays saved runs")
            return
        }
        switch action {
        case .togglePause: session.cursor.togglePlay()
        case .replayStepForward: session.cursor.moveStep(by: 1)
        case .replayStepBack: session.cursor.moveStep(by: -1)
        case .replayEpochForward: session.cursor.moveEpoch(by: 1)
        case .replayEpochBack: session.cursor.moveEpoch(by: -1)
        case .replayFaster: session.cursor.changeSpeed(by: 1)
        case .replaySlower: session.cursor.changeSpeed(by: -1)
        case .replayStart: session.cursor.jumpToStart()
        case .replayEnd: session.cursor.jumpToEnd()
        case .configDiff:
            if session.sources.count < 2 {
                state.status = StatusMessage("the config diff compares runs: open two or more")
            } else {
                state.overlay = .configDiff
            }
        default: break
        }
        state.replay = session
        syncReplay(&state)
    }

    /// Brings every replayed record to the cursor (forward by appending, back by rebuilding).
    static func syncReplay(_ state: inout WorkbenchState) {
        guard let session = state.replay else { return }
        let step = session.cursor.step
        for (i, source) in session.sources.enumerated() where state.runs.indices.contains(i) {
            source.sync(&state.runs[i], toStep: step)
        }
    }
}
