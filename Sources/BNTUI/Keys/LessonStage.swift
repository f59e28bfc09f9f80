/// Where a lesson is, for the keys its footer offers: the too-short notice before its first step,
/// its steps, or over.
public enum LessonStage: Sendable, Equatable {
    /// The notice that the runs are too short: `N` starts the lesson.
    case intro
    /// At or on the way to a step: answer, next, back, restart.
    case steps
    /// Every step was shown: back and restart only.
    case over

    /// The stage of `lesson` (`steps` without one: the footer then is not a lesson's).
    public init(_ lesson: LessonPlayer?) {
        if lesson?.showsIntro == true {
            self = .intro
        } else if lesson?.isFinished == true {
            self = .over
        } else {
            self = .steps
        }
    }
}
