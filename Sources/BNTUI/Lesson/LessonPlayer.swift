import BNLab

/// A lesson played over a replay: the steps of the experiment's `lesson:`, the one in progress,
/// and whether the replay is paused at it (and its answer shown).
///
/// ```text
/// playing ──(cursor reaches the step's pause point)──► paused ──a──► answer shown
///    ▲                                                   │
///    └──────────────────────── N (next step) ◄──────────┘   (after the last step: finished)
/// ```
public struct LessonPlayer: Sendable, Equatable {
    /// The experiment the lesson belongs to.
    public var experimentID: String
    /// The steps, in order.
    public var steps: [LessonStep]
    /// Index of the step in progress (equal to the count once finished).
    public private(set) var index = 0
    /// Whether the replay is paused at the current step's pause point.
    public private(set) var isPaused = false
    /// Whether the current step's answer is shown.
    public private(set) var isAnswerShown = false

    /// A lesson at its first step, playing towards it.
    public init(experimentID: String, steps: [LessonStep]) {
        self.experimentID = experimentID
        self.steps = steps
    }

    /// The step in progress; nil once finished.
    public var current: LessonStep? { steps.indices.contains(index) ? steps[index] : nil }

    /// Whether every step was shown.
    public var isFinished: Bool { index >= steps.count }

    /// The replay step at which `step` pauses: its step, or the end of its epoch (the last epoch
    /// end, then the last step, when the run is shorter), clamped to the cursor's range.
    public static func pausePoint(of step: LessonStep, cursor: ReplayCursor) -> Int {
        let target: Int
        switch step.pause {
        case .step(let s): target = s
        case .epoch(let e):
            target = cursor.epochEnds.indices.contains(e - 1) ? cursor.epochEnds[e - 1] : cursor.lastStep
        }
        return min(max(cursor.firstStep, target), cursor.lastStep)
    }

    /// Pauses at the current step (the cursor reached its pause point).
    public mutating func pause() {
        guard !isFinished else { return }
        isPaused = true
    }

    /// Shows the answer; returns false when the step is not paused or asks nothing.
    @discardableResult
    public mutating func revealAnswer() -> Bool {
        guard isPaused, current?.question != nil else { return false }
        isAnswerShown = true
        return true
    }

    /// Goes on to the next step (playing towards it); returns false unless paused at a step.
    @discardableResult
    public mutating func next() -> Bool {
        guard isPaused, !isFinished else { return false }
        index += 1
        isPaused = false
        isAnswerShown = false
        return true
    }
}
