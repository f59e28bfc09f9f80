import BNCore
import Foundation

extension TrainingSession {
    /// Where the run stands now, for a checkpoint. During the end-of-epoch measurements it is
    /// the state before them (they are taken again on resuming).
    func position() -> TrainingPosition {
        TrainingPosition(epochsCompleted: epochsCompleted, microBatches: microIndex, step: step, samples: samples,
                         epochLossSum: epochLossSum, epochSteps: epochSteps, groupLoss: groupLoss,
                         groupCount: groupCount, firstLoss: firstLoss, explodingRun: explodingRun,
                         rng: TrainingPosition.encodeRNG(rngAtEpochEnd ?? rng.state),
                         activeSeconds: timeOffset + control.activeSeconds)
    }

    /// The checkpoint's contents: the model, the optimizer's state, partial gradients, the
    /// probe's last output, and the position in the metadata.
    func checkpointFile(reason: CheckpointReason, runFile: String) throws -> SafeTensorsFile {
        let position = position()
        var file = SafeTensorsFile(stateDict: model.network.stateDict())
        if let optimizer { file.tensors += OptimizerState.tensors(of: optimizer) }
        if groupCount > 0 {
            for (key, entry) in model.network.namedStateEntries() {
                guard case .parameter(_, let p) = entry, let g = p.gradient else { continue }
                file.tensors.append(("\(Checkpoint.gradPrefix)\(key)", .f32(shape: g.shape, g.data)))
            }
        }
        if let previous = probe?.previous {
            file.tensors.append((Checkpoint.probeKey, .f32(shape: previous.shape, previous.data)))
        }
        let json = String(decoding: try JSONEncoder().encode(position), as: UTF8.self)
        file.metadata = ["format": "bnlab-checkpoint", "step": "\(step)", "epoch": "\(epochsCompleted)",
                         "reason": reason.rawValue, "run_file": runFile, Checkpoint.positionKey: json]
        return file
    }

    /// Saves a checkpoint beside the run file and announces it with a `checkpoint` event (no-op
    /// for a run without a file).
    func saveCheckpoint(_ reason: CheckpointReason) throws {
        guard let runFile = control.runFileURL else { return }
        let stem = runFile.deletingPathExtension().lastPathComponent
        let name = reason.fileName(runFileStem: stem, epoch: epochsCompleted)
        let url = runFile.deletingLastPathComponent().appendingPathComponent(name)
        let bytes = try checkpointFile(reason: reason, runFile: runFile.lastPathComponent).encoded(file: name)
        do { try bytes.write(to: url, options: .atomic) } catch {
            throw SafeTensorsError(file: name, problem: "cannot be written (\(FileProblem.describe(error)))",
                                   hint: "check that the runs folder is writable and has space")
        }
        try control.publish(.checkpoint(CheckpointEvent(step: step, epoch: epochsCompleted, file: name,
                                                        reason: reason.rawValue, sha256: SHA256.hex(bytes))))
    }

    /// Saves a checkpoint; a failure (e.g. a full disk) does not end the run but is written as a
    /// `checkpoint_failed` diagnostic saying why.
    func saveCheckpointOrWarn(_ reason: CheckpointReason) {
        do { try saveCheckpoint(reason) } catch {
            try? control.publish(.diagnostic(DiagnosticEvent(step: step, kind: DiagnosticKind(rawValue: "checkpoint_failed"),
                                                             text: "\(reason.rawValue) checkpoint not saved: \(error)")))
        }
    }

    /// Restores a checkpoint of this run: weights, random state, position and probe. The
    /// optimizer's state is restored when its phase begins (``restoreOptimizer(_:)``).
    mutating func restore(_ checkpoint: Checkpoint, file name: String = "checkpoint") throws {
        let position = try checkpoint.position(file: name)
        try position.check(against: plan, microBatchesPerEpoch: microBatchesPerEpoch, file: name)
        try checkpoint.checkResumeTensors(file: name)
        try model.network.loadStateDict(checkpoint.modelState)
        rng.state = position.rngWords ?? rng.state
        start = position
        epochsCompleted = position.epochsCompleted
        step = position.step
        samples = position.samples
        epochLossSum = position.epochLossSum
        epochSteps = position.epochSteps
        groupLoss = position.groupLoss
        groupCount = position.groupCount
        firstLoss = position.firstLoss
        explodingRun = position.explodingRun
        timeOffset = position.activeSeconds
        resumeTensors = checkpoint
        if case .f32(let shape, let v)? = checkpoint.file[Checkpoint.probeKey] {
            probe?.previous = Tensor(shape: shape, data: v)
        }
    }

    /// Gives the phase's optimizer the checkpoint's state, and the parameters their partially
    /// accumulated gradients; checks they fit. The schedulers are brought to the checkpoint's
    /// position by ``replaySchedules(phaseFirstEpoch:)``.
    mutating func restoreOptimizer(_ optimizer: Optimizer) throws {
        guard let checkpoint = resumeTensors else { return }
        resumeTensors = nil
        try OptimizerState.restore(optimizer, from: checkpoint)
        optimizer.zeroGrad()
        for (key, entry) in model.network.namedStateEntries() {
            guard case .parameter(_, let p) = entry,
                  case .f32(let shape, let v)? = checkpoint.file["\(Checkpoint.gradPrefix)\(key)"] else { continue }
            guard shape == p.value.shape else {
                throw CheckpointError(file: "checkpoint", problem: "gradient \(key) has shape \(shape), the parameter \(p.value.shape)",
                                      hint: "resume with the same experiment settings the run started with")
            }
            p.accumulate(Tensor(shape: shape, data: v))
        }
    }
}
