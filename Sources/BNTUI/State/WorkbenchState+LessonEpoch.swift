extension WorkbenchState {
    /// The epoch a paused lesson step is about when the replay had already passed it (`end of
    /// epoch 1`, shown at step 300): the accuracy chart shows that epoch's evaluation, as the
    /// step's text speaks of it, not the latest one at the cursor. Nil otherwise.
    var lessonEpoch: Int? {
        guard let lesson, lesson.isPaused, let step = lesson.current, case .epoch(let epoch) = step.pause,
              let replay, let point = LessonPlayer.pausePoint(of: step, in: replay), replay.cursor.step > point else { return nil }
        return epoch
    }
}
