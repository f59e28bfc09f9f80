/// The result of checking a lesson on runs (`bnlab lesson EXP --check`): every expectation of
/// every step, and every point the runs do not reach, as lines and an exit status.
public struct LessonCheckReport: Sendable, Equatable {
    /// The results, step by step (empty for a step without expectations).
    public var results: [[ExpectationResult]]
    /// The points the runs do not reach.
    public var coverage: LessonCoverage
    /// The lesson checked.
    public var lesson: [LessonStep]

    /// Whether the runs are the quick, smaller ones (`lesson_check`), not the experiment's own data.
    public var isQuick: Bool

    /// Checks `lesson` on `runs`; runs on `shippedSubset` (the experiment's own subset) count as
    /// full data.
    public init(lesson: [LessonStep], runs: [RunFile], shippedSubset: SubsetSpec? = nil) {
        self.lesson = lesson
        let evaluator = ExpectationEvaluator(runs: runs, shippedSubset: shippedSubset)
        results = evaluator.check(lesson)
        coverage = LessonCoverage(lesson: lesson, runs: runs)
        isQuick = !evaluator.isFullData
    }

    /// Steps whose pause point the runs miss, as failures: on full data (the experiment's own
    /// runs must reach every pause point). Quick runs are shorter by design: their claims are
    /// checked at their own points (a point they miss fails that claim), and the pause points
    /// by `make check-lessons`.
    public var failingPauses: Set<Int> { isQuick ? [] : coverage.unreachableSteps }

    /// How many expectations hold, fail (a missing value included) and were skipped.
    public var counts: (holds: Int, fails: Int, skipped: Int) {
        let all = results.joined()
        let skipped = all.filter { if case .skipped = $0.outcome { true } else { false } }.count
        let fails = all.filter(\.isFailure).count
        return (all.count - fails - skipped, fails, skipped)
    }

    /// Whether everything checked holds and the runs reach every pause point.
    public var passed: Bool { counts.fails == 0 && failingPauses.isEmpty }

    /// The report: per step its pause point, a line per unreached pause point and per
    /// expectation, then a summary line.
    public var lines: [String] {
        var out: [String] = []
        for (i, step) in lesson.enumerated() {
            let pauseGap = coverage.gaps.first { $0.stepIndex == i && $0.point == MetricPoint(step.pause) }
            guard !results[i].isEmpty || pauseGap != nil else { continue }
            out.append("step \(i + 1)/\(lesson.count), at \(MetricPoint(step.pause).spoken):")
            if let pauseGap {
                out.append(failingPauses.contains(i)
                    ? "  FAILS    the runs do not reach this step's pause point (\(pauseGap.reason))"
                    : "  skipped  pause point past the quick runs (\(pauseGap.reason)); checked on full data")
            }
            out += results[i].map { "  " + $0.line }
        }
        let c = counts
        let unreached = failingPauses.count
        out.append("\(c.holds) hold, \(c.fails) fail, \(c.skipped) skipped"
                   + (unreached > 0 ? "; \(unreached) pause point\(unreached == 1 ? "" : "s") not reached" : ""))
        return out
    }
}
