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
            state.status = StatusMessage("these runs are too short for the whole lesson: N starts it anyway, q quits")
            return
        }
        state.status = StatusMessage("lesson \(experimentID), \(steps.count) steps: a reveals an answer, N goes on, p back, r restart")
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
            guard !lesson.showsIntro, lesson.previous(), let step = lesson.current,
                  let point = LessonPlayer.pausePoint(of: step, in: session) else {
                state.status = StatusMessage("this is the lesson's first step: r restarts it")
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

    /// Shows the current step's panel and plays towards its pause point (or pauses at once when
    /// the cursor is exactly there).
    private static func playTowardsLessonStep(cursor: inout ReplayCursor, state: inout WorkbenchState) {
        guard let step = state.lesson?.current else { return }
        state.chart = ChartKind(step.panel)
        if !stopAtLessonPause(cursor: &cursor, state: &state), !cursor.isPlaying, state.lesson?.isFinished == false {
            cursor.togglePlay()
        }
    }

    /// When the cursor reached the current step's pause point, puts it there (a tick that went past
    /// it comes back to it: `before` was not past it), stops it and pauses the lesson; returns
    /// whether it did. Steps whose point the cursor was already past are skipped, never replayed
    /// backwards.
    @discardableResult
    static func stopAtLessonPause(cursor: inout ReplayCursor, from before: Int? = nil, state: inout WorkbenchState) -> Bool {
        guard var lesson = state.lesson, !lesson.isPaused, !lesson.showsIntro, let session = state.replay else { return false }
        let start = before ?? cursor.step
        let skippedBefore = lesson.skippedBehind.count
        while let step = lesson.current, let target = LessonPlayer.pausePoint(of: step, in: session), target < start {
            lesson.skipBehind()
        }
        state.lesson = lesson
        guard let step = lesson.current, let target = LessonPlayer.pausePoint(of: step, in: session) else {
            if lesson.isFinished, cursor.isPlaying { cursor.togglePlay() }
            return false
        }
        guard cursor.step >= target else { return false }
        cursor.moveStep(by: target - cursor.step)
        lesson.pause()
        state.lesson = lesson
        state.chart = ChartKind(step.panel)
        if lesson.skippedBehind.count > skippedBefore, let skipped = lesson.skippedBehind.last {
            state.status = StatusMessage("step \(skipped + 1) was skipped: the replay was already past its point (r restarts)")
        }
        return true
    }
}
