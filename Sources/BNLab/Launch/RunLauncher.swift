import BNCore
import BNData
import Foundation

/// Starts training runs on a queue: the one path from a run plan to a background job that
/// writes a run file. Used by `bnlab run` and by the workbench alike.
///
/// ```swift
/// let launcher = RunLauncher(queue: RunQueue(), dataFolder: folder, runsFolder: runs)
/// let ids = try launcher.launch(spec, variant: nil, overrides: RunOverrides(epochs: 1))
/// launcher.queue.waitUntilIdle()
/// ```
public final class RunLauncher: Sendable {
    /// The queue the runs go on.
    public let queue: RunQueue
    /// Where the dataset lives (an MNIST-format folder).
    public let dataFolder: URL
    /// Where run files are written.
    public let runsFolder: URL
    /// Datasets shared by the runs.
    public let datasets: DatasetCache

    /// A launcher over `queue`.
    public init(queue: RunQueue, dataFolder: URL, runsFolder: URL, datasets: DatasetCache = DatasetCache()) {
        self.queue = queue
        self.dataFolder = dataFolder
        self.runsFolder = runsFolder
        self.datasets = datasets
    }

    /// The plans a launch would run: every variant of `spec`, or just `variant`, with `overrides`.
    public func plans(for spec: ExperimentSpec, variant: String?, overrides: RunOverrides) throws(ExperimentError) -> [RunPlan] {
        let plans: [RunPlan]
        if let variant { plans = [try spec.plan(variant: variant)] } else { plans = try spec.plans() }
        return plans.map(overrides.apply(to:))
    }

    /// Queues one run per plan and returns their ids. The dataset is read by the first run that
    /// needs it; a dataset error fails the runs with its message.
    @discardableResult
    public func launch(_ spec: ExperimentSpec, variant: String?, overrides: RunOverrides = RunOverrides()) throws(ExperimentError) -> [RunID] {
        try plans(for: spec, variant: variant, overrides: overrides).map { launch($0) }
    }

    /// Queues one run of `plan`.
    @discardableResult
    public func launch(_ plan: RunPlan) -> RunID {
        launch(plan, initialWeights: nil, initNote: nil)
    }

    /// Queues one run of `plan`, starting from `initialWeights` when given (`--init`; `initNote`
    /// says where they came from, in a `note` marker at step 0).
    @discardableResult
    public func launch(_ plan: RunPlan, initialWeights: StateDict?, initNote: String?) -> RunID {
        let folder = datasetFolder(plan)
        let datasets = self.datasets, runs = runsFolder
        let writer: RunWriterFactory = {
            let data = try datasets.dataset(at: folder)
            try FileManager.default.createDirectory(at: runs, withIntermediateDirectories: true)
            let header = RunHeader(plan: plan, datasetFingerprint: data.fingerprint, classNames: data.classNames)
            return try RunWriter(runsFolder: runs, header: header)
        }
        return queue.enqueue(name: plan.name, writer: writer, job: Self.job(plan, folder: folder, datasets: datasets) { control, data in
            if let initNote { try control.publish(.marker(MarkerEvent(step: 0, kind: .note, text: initNote))) }
            return Trainer(plan: plan, data: data, initialWeights: initialWeights)
        })
    }

    /// The dataset folder of `plan`: the experiment's own when it names one (relative to the
    /// working folder; a missing one fails the run, it never falls back to the default data).
    public func datasetFolder(_ plan: RunPlan) -> URL {
        plan.dataset.folder.map { URL(fileURLWithPath: $0) } ?? dataFolder
    }

    /// A queue job that reads the dataset, makes the trainer and runs it, turning errors into failures.
    static func job(_ plan: RunPlan, folder: URL, datasets: DatasetCache,
                    trainer: @escaping @Sendable (RunControl, IDXDataset) throws -> Trainer) -> RunJob {
        { control in
            let data: IDXDataset
            do { data = try datasets.dataset(at: folder) } catch let error as DataError { return .failed(error.message) }
            do {
                return try trainer(control, data).run(control)
            } catch let error as RunCancelled {
                throw error
            } catch let error as CoreError {
                return .failed("\(plan.name): \(error.pythonDescription)")
            } catch let error as DataError {
                return .failed(error.message)
            } catch let error as StateDictError {
                return .failed("\(plan.name): \(error)")
            } catch let error as CheckpointError {
                return .failed("\(plan.name): \(error)")
            } catch let error as SafeTensorsError {
                return .failed("\(plan.name): \(error)")
            }
        }
    }
}
