/// Keys of the lesson-check vocabulary that loading accepts without evaluating them: a lesson
/// step's `expect:` (claims over the recorded metrics) and an experiment's
/// `lesson_check: {subset, epochs}` (the quick run that checks them). See
/// `docs/experiment-format.md`; `bnlab lesson --check` evaluates them.
enum LessonCheckKeys {
    /// Extra keys of a lesson step.
    static let lessonStep = ["expect"]
    /// Extra keys of an experiment.
    static let experiment = ["lesson_check"]
}
