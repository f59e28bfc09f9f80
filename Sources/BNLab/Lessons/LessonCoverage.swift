/// Whether runs are long enough for a lesson: every pause point and every point an expectation
/// reads must exist in them. Said before a lesson starts, so its text never plays over a run that
/// does not reach the point it describes.
public struct LessonCoverage: Sendable, Equatable {
    /// One point the runs do not reach.
    public struct Gap: Sendable, Equatable {
        /// Index of the lesson step that needs it.
        public var stepIndex: Int
        /// The point.
        public var point: MetricPoint
        /// Why it is missing, e.g. `bn: the run ends at step 94`.
        public var reason: String
    }

    /// The points the runs do not reach, in lesson order (one per step and point).
    public var gaps: [Gap]

    /// Whether the runs reach every point of the lesson.
    public var isComplete: Bool { gaps.isEmpty }

    /// Indices of the steps whose own pause point is missing (they cannot be shown truthfully).
    public var unreachableSteps: Set<Int>

    /// The coverage of `lesson` by `runs`: a pause point must exist in every run that did not
    /// diverge (a diverged run stops early by design; when all diverged, in every run), an
    /// expectation's point in the run of its variant (a variant without a run is left to the
    /// expectation's own check).
    public init(lesson: [LessonStep], runs: [RunFile]) {
        let metrics = runs.map(RunMetrics.init)
        let finishing = metrics.filter { !$0.diverged }
        let pauseRuns = finishing.isEmpty ? metrics : finishing
        var gaps: [Gap] = [], unreachable: Set<Int> = []
        for (i, step) in lesson.enumerated() {
            let pause = MetricPoint(step.pause)
            if let (run, missing) = pauseRuns.lazy.compactMap({ m in Self.missing(pause, in: m).map { (m, $0) } }).first {
                gaps.append(Gap(stepIndex: i, point: pause, reason: "\(run.run.header.variant): \(missing)"))
                unreachable.insert(i)
            }
            var seen: Set<MetricPoint> = [pause]
            for r in step.expect.flatMap(\.references) where !seen.contains(r.point) {
                guard let run = metrics.first(where: { $0.run.header.variant == r.variant }),
                      let missing = Self.missing(r.point, in: run) else { continue }
                seen.insert(r.point)
                gaps.append(Gap(stepIndex: i, point: r.point, reason: "\(r.variant): \(missing)"))
            }
        }
        self.gaps = gaps
        unreachableSteps = unreachable
    }

    /// Why `point` is missing from `run`, or nil when it has it.
    static func missing(_ point: MetricPoint, in run: RunMetrics) -> String? {
        if case .failure(let m) = run.step(at: point), m.isTooShort { return m.description }
        return nil
    }

    /// The epochs a run of `plans` needs for every point of `lesson`, on `trainCount` training
    /// images: the largest epoch named, and for a step N, ⌈N / steps per epoch⌉ of the variants
    /// it concerns (every variant for a pause, the reference's for an expectation).
    public static func epochsNeeded(lesson: [LessonStep], plans: [RunPlan], trainCount: Int) -> Int {
        func epochs(_ point: MetricPoint, variants: [RunPlan]) -> Int {
            switch point {
            case .end: return 1
            case .epoch(let e): return e
            case .step(let n):
                return variants.map { plan in
                    let perEpoch = max(1, plan.stepsPerEpoch(trainCount: trainCount))
                    return (n + perEpoch - 1) / perEpoch
                }.max() ?? 1
            }
        }
        var needed = 1
        for step in lesson {
            needed = max(needed, epochs(MetricPoint(step.pause), variants: plans))
            for r in step.expect.flatMap(\.references) {
                needed = max(needed, epochs(r.point, variants: plans.filter { $0.variant == r.variant }))
            }
        }
        return needed
    }

    /// Training images in a balanced subset of `subset` (the same number from each of `classes`
    /// classes), or `full` without one.
    public static func trainCount(subset: Int?, classes: Int, full: Int = 60_000) -> Int {
        guard let subset else { return full }
        return subset / max(1, classes) * max(1, classes)
    }
}

extension MetricPoint {
    /// The point a lesson step pauses at.
    public init(_ pause: LessonStep.Pause) {
        switch pause {
        case .step(let n): self = .step(n)
        case .epoch(let e): self = .epoch(e)
        }
    }
}
