import BNLab

/// Lessons over a replay: starting one, pausing at each step's pause point, revealing the answer,
/// going on, back (`p`) and from the start (`r`). The cursor only moves forward on its own.
extension WorkbenchUpdate {
    /// Starts `steps` over the open replay: checks their expectations on its runs, then shows the
    /// too-short notice when the runs miss a point of the lesson, or plays towards the first step.
    static func startLesson(experimentID: String, steps: [LessonStep], freshHint: String?, state: inout WorkbenchState) {
        guard var session = state.replay, !steps.isEmpty else {
            state.status = StatusMessage("no lesson to play: open a saved run of \(experimentID) first", isError: true)
            return
        }
        let runs = session.sources.map { RunFile(header: $0.header, events: $0.events) }
        let lesson = LessonPlayer(experimentID: experimentID, steps: steps, runs: runs, freshHint: freshHint)
        state.lesson = lesson
        if lesson.showsIntro {
            state.status = StatusMessage("runs too short for the whole lesson: N starts it, q quits")
            return
        }
        // Short enough for the header at 80 columns with the longest experiment name.
        state.status = StatusMessage("\(steps.count)-step lesson \(experimentID): a answer, N next, p back, r restart")
        playTowardsLessonStep(cursor: &session.cursor, state: &state)
        state.replay = session
        syncReplay(&state)
    }

    /// `a`, `N`, `p` and `r` during a lesson.
    static func lessonKey(_ action: KeyAction, state: inout WorkbenchState) {
        guard var lesson = state.lesson, var session = state.replay else {
            state.status = StatusMessage("no lesson playing: `bnlab lesson EXPERIMENT` starts one")
            return
        }
        switch action {
        case .revealAnswer:
            if !lesson.revealAnswer() {
                state.status = StatusMessage(lesson.isPaused ? "this step asks nothing: N goes on" : "wait for the question")
            }
            state.lesson = lesson
            return
        case .nextLessonStep:
            if lesson.showsIntro {
                lesson.dismissIntro()
            } else if !lesson.next() {
                state.status = StatusMessage(lesson.isFinished ? "the lesson is over: r restarts it, q quits"
                                                               : "playing to the next pause: Space pauses")
                return
            }
        case .previousLessonStep:
            let missed = lesson.unreachableBefore
            guard !lesson.showsIntro, lesson.previous(), let step = lesson.current,
                  let point = LessonPlayer.pausePoint(of: step, in: session) else {
                state.status = StatusMessage(missed.isEmpty ? "this is the lesson's first step: r restarts it"
                                             : "no earlier step to show: \(stepList(missed)) past these runs' end")
                return
            }
            session.cursor.moveStep(by: point - session.cursor.step)
            state.chart = ChartKind(step.panel)
            state.lesson = lesson
            state.replay = session
            syncReplay(&state)
            return
        case .restartLesson:
            lesson.restart()
            session.cursor.jumpToStart()
        default:
            return
        }
        state.lesson = lesson
        if lesson.isFinished {
            state.status = StatusMessage("the lesson is over: r restarts it, the replay stays open (q quits)")
            return
        }
        playTowardsLessonStep(cursor: &session.cursor, state: &state)
        state.replay = session
        syncReplay(&state)
    }

    /// `J`/`K` (and the page keys) during a lesson while the notes are hidden: scrolls the step's
    /// box by a page of it, keeping a line; returns false when it is not theirs to handle.
    static func scrollLessonText(down: Bool, state: inout WorkbenchState) -> Bool {
        guard var lesson = state.lesson, let replay = state.replay, !state.showsNotes else { return false }
        var window: LessonView.Window?
        if let pane = WorkbenchView.chartPaneArea(state, size: state.size) {
            let box = ChartPaneView.areas(state, in: pane).lesson
            window = LessonView.window(lesson, replay: replay, width: box.width, rows: box.height - 1)
        }
        let page = max(1, (window?.room ?? 1) - 1)
        lesson.scrollText(by: down ? page : -page, maxScroll: window?.maxScroll ?? 0)
        state.lesson = lesson
        return true
    }

    /// `step 1 is`, `steps 1, 2 are`: the (0-based) `indices` as the lesson numbers them.
    private static func stepList(_ indices: [Int]) -> String {
        let numbers = indices.map { String($0 + 1) }.joined(separator: ", ")
        return indices.count == 1 ? "step \(numbers) is" : "steps \(numbers) are"
    }

    /// Shows the current step's panel and plays towards its pause point (or pauses at once when
    /// the cursor is exactly there).
    private static func playTowardsLessonStep(cursor: inout ReplayCursor, state: inout WorkbenchState) {
        guard let step = state.lesson?.current else { return }
        state.chart = ChartKind(step.panel)
        if !stopAtLessonPause(cursor: &cursor, state: &state), !cursor.isPlaying, state.lesson?.isFinished == false {
            cursor.togglePlay()
        }
    }

    /// When the cursor reached the current step's pause point, stops it and pauses the lesson;
    /// returns whether it did. A tick that went past the point (`before` was not past it) comes
    /// back to it; a point the cursor was already past is never replayed backwards: the step is
    /// shown at once where the cursor is, and the title says so.
    @discardableResult
    static func stopAtLessonPause(cursor: inout ReplayCursor, from before: Int? = nil, state: inout WorkbenchState) -> Bool {
        guard var lesson = state.lesson, !lesson.isPaused, !lesson.showsIntro, let session = state.replay else { return false }
        guard let step = lesson.current, let target = LessonPlayer.pausePoint(of: step, in: session) else {
            if lesson.isFinished, cursor.isPlaying { cursor.togglePlay() }
            return false
        }
        guard cursor.step >= target else { return false }
        let start = before ?? cursor.step
        cursor.moveStep(by: start <= target ? target - cursor.step : 0)
        lesson.pause()
        state.lesson = lesson
        state.chart = ChartKind(step.panel)
        if start > target {
            state.status = StatusMessage("step \(lesson.index + 1)'s point (step \(target)) is behind the replay: "
                                         + "shown at step \(cursor.step)")
        }
        return true
    }
}
