import BNLab
import Foundation

/// The workbench's real backend: the experiment catalog, and runs trained on a `RunQueue`
/// through a `RunLauncher` (the same path as `bnlab run`), each writing its run file.
///
/// Called from the UI thread only; the queue's own threads do the training.
public final class LabBackend: WorkbenchBackend {
    /// The catalog as the workbench lists it.
    public internal(set) var experiments: [ExperimentInfo]
    var catalog: ExperimentCatalog
    let launcher: RunLauncher
    let overrides: RunOverrides
    let classNames: [String]
    /// The catalog's folder, where the playground writes new experiments; nil: none.
    let experimentsFolder: URL?
    /// Every run started, in order, with the plan it trains.
    var started: [(id: RunID, plan: RunPlan)] = []

    /// A backend over `catalog`, launching with `launcher`; `overrides` apply to every run (e.g.
    /// `--epochs`, `--subset` given to `bnlab`); `classNames` are the dataset's; the playground
    /// writes new experiments into `experimentsFolder` (the catalog's).
    public init(catalog: ExperimentCatalog, launcher: RunLauncher, overrides: RunOverrides = RunOverrides(),
                classNames: [String], experimentsFolder: URL? = nil) {
        self.catalog = catalog
        self.launcher = launcher
        self.overrides = overrides
        self.classNames = classNames
        self.experimentsFolder = experimentsFolder
        experiments = Self.experimentInfos(catalog: catalog, classNames: classNames, overrides: overrides)
    }

    /// The catalog as the workbench lists it: valid experiments with their variants (and the first
    /// BatchNorm momentum, for the implied-EMA line, and the plan with `overrides`, for the
    /// playground), then the invalid ones with their problem.
    public static func experimentInfos(catalog: ExperimentCatalog, classNames: [String],
                                       overrides: RunOverrides = RunOverrides()) -> [ExperimentInfo] {
        var infos = catalog.experiments.map { spec in
            let plans = ((try? spec.plans()) ?? []).map(overrides.apply(to:))
            let variants = spec.variants.map { v in
                let plan = plans.first { $0.variant == v.name }
                // The momentum of the first BatchNorm layer, for the implied-EMA line.
                let momentum = plan?.model.lazy.compactMap(\.batchNormOptions).first.flatMap(\.momentum)
                return VariantInfo(name: v.name, note: v.note ?? "", bnMomentum: momentum, plan: plan)
            }
            return ExperimentInfo(id: spec.id, title: spec.title, summary: spec.summary, notes: spec.notes,
                                  variants: variants, classNames: classNames, spec: spec)
        }
        infos += catalog.invalid.map { bad in
            let id = URL(fileURLWithPath: bad.file).deletingPathExtension().lastPathComponent
            return ExperimentInfo(id: id, title: "\(id) (invalid)", summary: "this experiment file has an error",
                                  variants: [], classNames: classNames, problem: "\(bad.error)")
        }
        return infos
    }

    /// Queues the runs of one experiment (one variant, or all).
    public func start(experimentID: String, variant: String?) throws {
        guard let spec = catalog.experiment(id: experimentID) else {
            if let bad = experiments.first(where: { $0.id == experimentID && $0.problem != nil }) {
                throw BackendError(message: bad.problem ?? "invalid experiment")
            }
            throw BackendError(message: "no experiment '\(experimentID)'")
        }
        for plan in try launcher.plans(for: spec, variant: variant, overrides: overrides) {
            started.append((launcher.launch(plan), plan))
        }
    }

    public func cancel(runID: String) { if let id = queueID(runID) { launcher.queue.cancel(id) } }
    public func pause(runID: String) { if let id = queueID(runID) { launcher.queue.pause(id) } }
    public func resume(runID: String) { if let id = queueID(runID) { launcher.queue.resume(id) } }

    /// Every run's state and the events its mailbox collected since the last poll.
    public func poll() -> [RunInfo] {
        started.compactMap { id, plan in
            guard let status = launcher.queue.status(of: id) else { return nil }
            return RunInfo(id: id.description, experimentID: plan.experimentID, variant: plan.variant,
                           state: status.state,
                           message: status.lastError, progress: status.progress,
                           newEvents: launcher.queue.takeEvents(id), seed: plan.seed, context: RunContext(plan: plan))
        }
    }

    /// Cancels every run and waits for them to stop (their files end with a cancelled event).
    public func shutdown() {
        launcher.queue.cancelAll()
        launcher.queue.waitUntilIdle()
    }

    private func queueID(_ text: String) -> RunID? {
        started.first { $0.id.description == text }?.id
    }
}

/// A message for the workbench's status line.
public struct BackendError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
