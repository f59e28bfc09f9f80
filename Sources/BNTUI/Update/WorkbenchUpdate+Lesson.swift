import BNLab

/// Lessons over a replay: starting one, pausing at each step's pause point, revealing the answer and
/// going on to the next step.
extension WorkbenchUpdate {
    /// Starts `steps` over the open replay: shows the first step's panel and plays towards it.
    static func startLesson(experimentID: String, steps: [LessonStep], state: inout WorkbenchState) {
        guard var session = state.replay, !steps.isEmpty else {
            state.status = StatusMessage("no lesson to play: open a saved run of \(experimentID) first", isError: true)
            return
        }
        state.lesson = LessonPlayer(experimentID: experimentID, steps: steps)
        state.status = StatusMessage("lesson \(experimentID), \(steps.count) steps: a reveals an answer, N goes on")
        playTowardsLessonStep(cursor: &session.cursor, state: &state)
        state.replay = session
        syncReplay(&state)
    }

    /// `a` and `N` during a lesson.
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
        case .nextLessonStep:
            guard lesson.next() else {
                state.status = StatusMessage(lesson.isFinished ? "the lesson is over: q quits, W leaves the replay"
                                                               : "playing to the next pause: Space pauses")
                return
            }
            state.lesson = lesson
            if lesson.isFinished {
                state.status = StatusMessage("the lesson is over: the replay stays open (q quits)")
                return
            }
            playTowardsLessonStep(cursor: &session.cursor, state: &state)
            state.replay = session
            syncReplay(&state)
        default:
            break
        }
    }

    /// Shows the current step's panel and plays towards its pause point (or pauses at once when
    /// the cursor is already there or past it).
    private static func playTowardsLessonStep(cursor: inout ReplayCursor, state: inout WorkbenchState) {
        guard let step = state.lesson?.current else { return }
        state.chart = ChartKind(step.panel)
        if !stopAtLessonPause(cursor: &cursor, state: &state), !cursor.isPlaying {
            cursor.togglePlay()
        }
    }

    /// When the cursor reached (or passed) the current step's pause point, puts it there, stops it
    /// and pauses the lesson; returns whether it did.
    @discardableResult
    static func stopAtLessonPause(cursor: inout ReplayCursor, state: inout WorkbenchState) -> Bool {
        guard var lesson = state.lesson, !lesson.isPaused, let step = lesson.current else { return false }
        let target = LessonPlayer.pausePoint(of: step, cursor: cursor)
        guard cursor.step >= target else { return false }
        cursor.moveStep(by: target - cursor.step)
        lesson.pause()
        state.lesson = lesson
        state.chart = ChartKind(step.panel)
        return true
    }
}
