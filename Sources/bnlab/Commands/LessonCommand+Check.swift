import ArgumentParser
import BNLab
import Foundation

/// `bnlab lesson EXP --check`, and the sizes of the runs `--fresh` trains for a lesson.
extension LessonCommand {
    /// Checks every expectation of `lesson` on the runs and prints one line each, then a summary;
    /// exits 1 when one fails or a pause point is not reached (2: no runs, or unreadable ones).
    func runCheck(_ spec: ExperimentSpec, lesson: [LessonStep]) throws {
        let (runs, failures) = try loadRuns(spec)
        guard failures.isEmpty else {
            for failure in failures { printError("bnlab: \(failure)") }
            throw ExitCode(2)
        }
        let report = LessonCheckReport(lesson: lesson, runs: runs, shippedSubset: spec.dataset.subset)
        print("\(spec.id) lesson, checked on " + runs.map { RunNaming.label(of: RunIdentity(header: $0.header),
                                                                           among: runs.map { RunIdentity(header: $0.header) }) }
                  .joined(separator: ", ") + " (\(Self.dataLabel(runs)))")
        for line in report.lines { print(line) }
        if !report.passed { throw ExitCode(1) }
    }

    /// `full data, 10 epochs` or `subset 6000/1200, 2 epochs`: the data and length of `runs`
    /// (from the first; `mixed` when they differ).
    static func dataLabel(_ runs: [RunFile]) -> String {
        let labels = Set(runs.map { run -> String in
            let epochs = run.epochs.count
            let data = run.header.config?.dataset.subset.map { "subset \($0.train.map(String.init) ?? "all")/\($0.test.map(String.init) ?? "all")" } ?? "full data"
            return "\(data), \(epochs) epoch\(epochs == 1 ? "" : "s")"
        })
        return labels.count == 1 ? labels.first! : "mixed: " + labels.sorted().joined(separator: "; ")
    }

    /// What `--fresh` trains. For `--check`: the experiment's `lesson_check` size unless `--full`
    /// (all the data, its own epochs); options given win. For a played lesson: `--subset` as given,
    /// and as many epochs as the lesson's last point needs unless `--epochs` says.
    func freshOverrides(_ spec: ExperimentSpec) -> RunOverrides {
        if check {
            if full { return RunOverrides(epochs: epochs, subset: subset) }
            return RunOverrides(epochs: epochs ?? spec.lessonCheck?.epochs, subset: subset ?? spec.lessonCheck?.subset)
        }
        return RunOverrides(epochs: epochs ?? Self.lessonEpochs(spec, subset: subset), subset: subset)
    }

    /// The `--epochs` value (per phase) a run of `spec` on `subset` images needs for every point
    /// of its lesson; nil when the experiment's own epochs are just that (or, with phases, enough).
    static func lessonEpochs(_ spec: ExperimentSpec, subset: Int?) -> Int? {
        guard let lesson = spec.lesson, let plans = try? spec.plans() else { return nil }
        let count = LessonCoverage.trainCount(subset: subset, classes: spec.dataset.classes)
        let needed = LessonCoverage.epochsNeeded(lesson: lesson, plans: plans, trainCount: count)
        guard let phases = spec.phases else { return needed == spec.epochs ? nil : needed }
        // With phases --epochs sets each phase: enough for the total, or the experiment's own.
        return needed <= spec.epochs ? nil : (needed + phases.count - 1) / phases.count
    }

    /// How to train runs long enough for the lesson, shown when the runs are too short.
    func freshHint(_ spec: ExperimentSpec) -> String {
        let epochs = Self.lessonEpochs(spec, subset: nil) ?? spec.epochs
        return "bnlab lesson \(spec.id) --fresh (trains every variant for \(epochs) epoch\(epochs == 1 ? "" : "s")"
            + (spec.phases == nil || Self.lessonEpochs(spec, subset: nil) == nil ? "" : " per phase")
            + (spec.dataset.subset?.train.map { " on its \($0) training images)" } ?? " on all the data)")
    }
}
