import BNLab

/// A lesson played over a replay: the steps of the experiment's `lesson:`, the one in progress,
/// whether the replay is paused at it (and its answer shown), and what the runs say about the
/// lesson: which expectations hold and which pause points the runs do not reach.
///
/// ```text
/// (runs too short: intro) ──N──► playing ──(cursor reaches the pause point)──► paused ──a──► answer
///                                   ▲                                             │
///                                   └──────────── N (next reachable step) ◄──────┘  (then: finished)
/// p: the previous step, paused at its point     r: the first step, from the start
/// ```
/// The cursor only moves forward on its own. A step whose pause point lies behind the cursor is
/// shown at once, on the runs as they are now (its claims are still read at their own points);
/// only a step whose point the runs never reach is skipped, and the intro names it.
public struct LessonPlayer: Sendable, Equatable {
    /// The experiment the lesson belongs to.
    public var experimentID: String
    /// The steps, in order.
    public var steps: [LessonStep]
    /// Each step's expectations checked on the replayed runs (same indices as ``steps``).
    public var results: [[ExpectationResult]]
    /// The points of the lesson the runs do not reach.
    public var coverage: LessonCoverage
    /// How to train runs long enough for the lesson, e.g. `bnlab lesson bn-vs-no-bn --fresh`.
    public var freshHint: String?
    /// Index of the step in progress (equal to the count once finished).
    public private(set) var index = 0
    /// Whether the replay is paused at the current step's pause point.
    public private(set) var isPaused = false
    /// Whether the current step's answer is shown.
    public private(set) var isAnswerShown = false
    /// Whether the notice that the runs are too short is shown, before the first step.
    public private(set) var showsIntro = false
    /// How many lines the step's box is scrolled under its title (`J`/`K`); the view clamps it,
    /// so a large value shows the end.
    public private(set) var textScroll = 0

    /// A lesson over `runs`: its expectations checked and its coverage known; it opens on the
    /// too-short notice when the runs miss a point, else plays towards its first step.
    public init(experimentID: String, steps: [LessonStep], runs: [RunFile] = [], freshHint: String? = nil) {
        self.experimentID = experimentID
        self.steps = steps
        self.freshHint = freshHint
        results = ExpectationEvaluator(runs: runs).check(steps)
        coverage = runs.isEmpty ? LessonCoverage(lesson: [], runs: []) : LessonCoverage(lesson: steps, runs: runs)
        showsIntro = !coverage.isComplete
        index = firstReachable(from: 0)
    }

    /// The step in progress; nil once finished.
    public var current: LessonStep? { steps.indices.contains(index) ? steps[index] : nil }

    /// The current step's checked expectations.
    public var currentResults: [ExpectationResult] { results.indices.contains(index) ? results[index] : [] }

    /// Whether every step was shown.
    public var isFinished: Bool { index >= steps.count }

    /// How many steps the runs let the lesson show.
    public var reachableCount: Int { steps.count - coverage.unreachableSteps.count }

    /// The replay step at which `step` pauses: its step, or the step after which every run has
    /// ended that epoch; nil when some run does not reach it.
    public static func pausePoint(of step: LessonStep, in session: ReplaySession) -> Int? {
        switch step.pause {
        case .step(let s):
            return session.sources.allSatisfy { $0.lastStep >= s } ? s : nil
        case .epoch(let e):
            let ends = session.sources.map { $0.epochEnds.indices.contains(e - 1) ? $0.epochEnds[e - 1] : nil }
            guard !ends.isEmpty, !ends.contains(nil) else { return nil }
            return ends.compactMap { $0 }.max()
        }
    }

    /// Leaves the too-short notice and plays towards the first reachable step.
    public mutating func dismissIntro() { showsIntro = false }

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
        textScroll = .max      // the answer comes last: scrolled to the end, the view shows it
        return true
    }

    /// Goes on to the next reachable step (playing towards it); returns false unless paused at a step.
    @discardableResult
    public mutating func next() -> Bool {
        guard isPaused, !isFinished else { return false }
        move(to: firstReachable(from: index + 1))
        return true
    }

    /// Goes back to the previous reachable step (paused at it, by the caller moving the cursor
    /// there); returns false at the first one.
    @discardableResult
    public mutating func previous() -> Bool {
        guard let before = (0..<min(index, steps.count)).last(where: { !coverage.unreachableSteps.contains($0) }) else { return false }
        move(to: before)
        isPaused = true
        return true
    }

    /// Back to the first reachable step, playing towards it from the start.
    public mutating func restart() {
        move(to: firstReachable(from: 0))
        showsIntro = false
    }

    /// The steps before the current one that the runs never reach (indices), so `p` can say why
    /// it goes no further back.
    public var unreachableBefore: [Int] {
        coverage.unreachableSteps.filter { $0 < min(index, steps.count) }.sorted()
    }

    /// Scrolls the step's box by `delta` lines, within 0...`maxScroll` (what its box can scroll).
    public mutating func scrollText(by delta: Int, maxScroll: Int) {
        textScroll = max(0, min(min(textScroll, maxScroll) + delta, maxScroll))
    }

    private mutating func move(to newIndex: Int) {
        index = newIndex
        isPaused = false
        isAnswerShown = false
        textScroll = 0
    }

    /// The first step at or after `start` whose pause point the runs reach (the count if none).
    private func firstReachable(from start: Int) -> Int {
        (start..<steps.count).first { !coverage.unreachableSteps.contains($0) } ?? steps.count
    }
}
