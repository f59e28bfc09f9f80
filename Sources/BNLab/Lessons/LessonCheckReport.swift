/// The result of checking a lesson on runs (`bnlab lesson EXP --check`): every expectation of
/// every step, and every point the runs do not reach, as lines and an exit status.
public struct LessonCheckReport: Sendable, Equatable {
    /// The results, step by step (empty for a step without expectations).
    public var results: [[ExpectationResult]]
    /// The points the runs do not reach.
    public var coverage: LessonCoverage
    /// The lesson checked.
    public var lesson: [LessonStep]

    /// Checks `lesson` on `runs`.
    public init(lesson: [LessonStep], runs: [RunFile]) {
        self.lesson = lesson
        results = ExpectationEvaluator(runs: runs).check(lesson)
        coverage = LessonCoverage(lesson: lesson, runs: runs)
    }

    /// How many expectations hold, fail (a missing value included) and were skipped.
    public var counts: (holds: Int, fails: Int, skipped: Int) {
        let all = results.joined()
        let skipped = all.filter { if case .skipped = $0.outcome { true } else { false } }.count
        let fails = all.filter(\.isFailure).count
        return (all.count - fails - skipped, fails, skipped)
    }

    /// Whether everything checked holds and the runs reach every pause point.
    public var passed: Bool { counts.fails == 0 && coverage.unreachableSteps.isEmpty }

    /// The report: per step its pause point, a line per unreached pause point and per
    /// expectation, then a summary line.
    public var lines: [String] {
        var out: [String] = []
        for (i, step) in lesson.enumerated() {
            let pauseGap = coverage.gaps.first { $0.stepIndex == i && $0.point == MetricPoint(step.pause) }
            guard !results[i].isEmpty || pauseGap != nil else { continue }
            out.append("step \(i + 1)/\(lesson.count), at \(MetricPoint(step.pause).spoken):")
            if let pauseGap { out.append("  FAILS    the runs do not reach this step's pause point (\(pauseGap.reason))") }
            out += results[i].map { "  " + $0.line }
        }
        let c = counts
        let unreached = coverage.unreachableSteps.count
        out.append("\(c.holds) hold, \(c.fails) fail, \(c.skipped) skipped"
                   + (unreached > 0 ? "; \(unreached) pause point\(unreached == 1 ? "" : "s") not reached" : ""))
        return out
    }
}
