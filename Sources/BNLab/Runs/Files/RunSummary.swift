import Foundation

/// One line of a run listing, computed from a read run.
///
/// ```text
/// bn-vs-no-bn  bn     2025-01-31 12:00  done         loss 0.312  eval 88.1%  train-mode b64 87.6%
/// ```
public struct RunSummary: Sendable, Equatable {
    /// The experiment's id.
    public var experiment: String
    /// The variant's name.
    public var variant: String
    /// The run id from the header.
    public var runID: String
    /// The random seed from the header.
    public var seed: UInt64
    /// The planned data and epochs; nil when the header has no readable config.
    public var context: RunContext?
    /// When it started.
    public var started: Date
    /// How it ended; nil when the file has no end event.
    public var status: EndStatus?
    /// The end event's message (why it failed or diverged).
    public var message: String?
    /// The last optimizer step recorded.
    public var steps: Int
    /// Completed epochs (epoch events).
    public var epochs: Int
    /// The last epoch's mean training loss, or the last step's loss before any epoch ended.
    public var finalTrainLoss: Double?
    /// The last epoch's eval-mode test accuracy, 0…1.
    public var finalAccuracy: Double?
    /// The last epoch's train-mode test accuracy by test batch size, when recorded.
    public var trainModeAccuracy: [Int: Double]
    /// The file, if read from one.
    public var url: URL?

    /// The summary of `run`.
    public init(_ run: RunFile) {
        experiment = run.header.experiment
        variant = run.header.variant
        runID = run.header.runID
        seed = run.header.seed
        context = RunContext(header: run.header)
        started = run.header.started
        url = run.url
        let end = run.end
        status = end?.status
        message = end?.message
        let epochs = run.epochs
        self.epochs = epochs.count
        steps = end?.step ?? run.events.compactMap(\.step).max() ?? 0
        finalTrainLoss = epochs.last?.trainLoss ?? run.steps.last?.loss
        finalAccuracy = epochs.last?.accuracy
        var trainMode: [Int: Double] = [:]
        for evaluation in epochs.last?.trainMode ?? [] { trainMode[evaluation.batchSize] = evaluation.accuracy }
        trainModeAccuracy = trainMode
    }

    /// Who the run is, for ``RunNaming``.
    public var identity: RunIdentity {
        RunIdentity(experiment: experiment, variant: variant, seed: seed, tag: runID)
    }

    /// `done`, `cancelled`, `diverged`, `failed`, or `interrupted` (no end event).
    public var statusText: String { status?.rawValue ?? "interrupted" }
}
