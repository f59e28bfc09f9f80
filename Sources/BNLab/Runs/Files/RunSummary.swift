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
    /// The config's learning rate (the optimizer's `lr`); nil without a readable config.
    public var lr: Double?
    /// The config's batch size; nil without a readable config.
    public var batchSize: Int?
    /// The optimizer's momentum; nil without a readable config.
    public var momentum: Double?
    /// The process's rank, for one file of a data-parallel run (`rank`); nil for a single process.
    public var rank: Int?
    /// The id shared by the files of one data-parallel run (`group`).
    public var group: String?

    /// A summary of these fields (as the run index stores them).
    public init(experiment: String, variant: String, runID: String, seed: UInt64, context: RunContext?, started: Date,
                status: EndStatus?, message: String?, steps: Int, epochs: Int, finalTrainLoss: Double?, finalAccuracy: Double?,
                trainModeAccuracy: [Int: Double], url: URL? = nil, lr: Double?, batchSize: Int?, momentum: Double?) {
        self.experiment = experiment
        self.variant = variant
        self.runID = runID
        self.seed = seed
        self.context = context
        self.started = started
        self.status = status
        self.message = message
        self.steps = steps
        self.epochs = epochs
        self.finalTrainLoss = finalTrainLoss
        self.finalAccuracy = finalAccuracy
        self.trainModeAccuracy = trainModeAccuracy
        self.url = url
        self.lr = lr
        self.batchSize = batchSize
        self.momentum = momentum
    }

    /// The summary of `run`.
    public init(_ run: RunFile) {
        let epochs = run.epochs
        self.init(header: run.header, url: run.url, end: run.end, lastEpoch: epochs.last, epochCount: epochs.count,
                  lastStep: run.steps.last, maxStep: run.events.compactMap(\.step).max())
    }

    /// A summary from the header and the last events of a run; `epochCount` counts its epoch
    /// events, `maxStep` is the largest step of any event (used when there is no end event).
    public init(header: RunHeader, url: URL?, end: EndEvent?, lastEpoch: EpochEvent?, epochCount: Int,
                lastStep: StepEvent?, maxStep: Int?) {
        experiment = header.experiment
        variant = header.variant
        runID = header.runID
        seed = header.seed
        context = RunContext(header: header)
        started = header.started
        self.url = url
        // bnlab's config, else what another program (the PyTorch recorder) names in `params`
        let named = ParamSettings(header.params)
        lr = header.config?.optimizer.lr ?? named.lr
        batchSize = header.config?.batchSize ?? named.batchSize
        momentum = header.config?.optimizer.momentum ?? named.momentum
        rank = header.rank
        group = header.group
        status = nil
        steps = 0
        epochs = 0
        trainModeAccuracy = [:]
        apply(end: end, lastEpoch: lastEpoch, epochCount: epochCount, lastStep: lastStep, maxStep: maxStep)
    }

    /// Fills in the results from a run's last events (see ``init(header:url:end:lastEpoch:epochCount:lastStep:maxStep:)``).
    mutating func apply(end: EndEvent?, lastEpoch: EpochEvent?, epochCount: Int, lastStep: StepEvent?, maxStep: Int?) {
        status = end?.status
        message = end?.message
        // Epochs evaluated, or the end's count when it is larger (a recorder run ended with
        // end_epoch() writes no epoch events, but its end says how many epochs it finished).
        epochs = max(epochCount, end?.epoch ?? 0)
        steps = end?.step ?? maxStep ?? 0
        finalTrainLoss = lastEpoch?.trainLoss ?? end?.trainLoss ?? lastStep?.loss
        finalAccuracy = lastEpoch?.accuracy ?? end?.accuracy
        var trainMode: [Int: Double] = [:]
        for evaluation in lastEpoch?.trainMode ?? [] { trainMode[evaluation.batchSize] = evaluation.accuracy }
        trainModeAccuracy = trainMode
    }

    /// Who the run is, for ``RunNaming``.
    public var identity: RunIdentity {
        RunIdentity(experiment: experiment, variant: variant, seed: seed, tag: runID, rank: rank, group: group)
    }

    /// `done`, `cancelled`, `diverged`, `failed`, or `interrupted` (no end event).
    public var statusText: String { status?.rawValue ?? "interrupted" }

    /// ``statusText``, except that a run without an end whose file was written in the last
    /// `recent` seconds is `running?`: its program may still be writing it (a listing cannot
    /// tell a live run from a killed one; `bnlab watch` can).
    public func statusText(now: Date = Date(), recent: TimeInterval = 60) -> String {
        guard status == nil, let url,
              let modified = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date,
              now.timeIntervalSince(modified) < recent else { return statusText }
        return "running?"
    }
}
