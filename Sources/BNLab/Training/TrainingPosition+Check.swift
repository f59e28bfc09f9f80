extension TrainingPosition {
    /// The hint of every position error: a damaged position cannot be repaired.
    static let damagedHint = "the file is damaged; resume from an earlier checkpoint of the run"

    /// Throws unless every count lies in 0 … 2^53 and every loss sum and time is finite (the time
    /// ≥ 0), naming the field and its value: the trainer counts on from these numbers and skips
    /// `micro_batches` batches, so none may be negative or overflow.
    func checkRanges(file: String) throws(CheckpointError) {
        let counts: [(CodingKeys, Int)] = [(.epochsCompleted, epochsCompleted), (.microBatches, microBatches), (.step, step),
                                          (.samples, samples), (.epochSteps, epochSteps), (.groupCount, groupCount),
                                          (.explodingRun, explodingRun)]
        for (key, value) in counts where !(0...EventCheck.maxCount).contains(value) {
            throw problem(key, "is \(value), outside 0 … 2^53", file: file)
        }
        let reals: [(CodingKeys, Double?)] = [(.epochLossSum, epochLossSum), (.groupLoss, groupLoss), (.firstLoss, firstLoss),
                                              (.activeSeconds, activeSeconds)]
        for case let (key, value?) in reals where !value.isFinite {
            throw problem(key, "is \(value), not a finite number", file: file)
        }
        if activeSeconds < 0 { throw problem(.activeSeconds, "is \(activeSeconds), below 0", file: file) }
    }

    /// Throws unless the position lies inside `plan`: no more epochs completed than it has, an
    /// accumulation group in progress shorter than its `accumulation_steps`, and (when known) no
    /// more micro-batches than an epoch holds.
    func check(against plan: RunPlan, microBatchesPerEpoch: Int? = nil, file: String) throws(CheckpointError) {
        if epochsCompleted > plan.epochs {
            throw problem(.epochsCompleted, "is \(epochsCompleted), but the run has \(plan.epochs) epochs", file: file)
        }
        if groupCount >= plan.accumulationSteps {
            throw problem(.groupCount, "is \(groupCount), but a step accumulates \(plan.accumulationSteps) micro-batches", file: file)
        }
        if let microBatchesPerEpoch, microBatches > microBatchesPerEpoch {
            throw problem(.microBatches, "is \(microBatches), but an epoch has \(microBatchesPerEpoch) micro-batches", file: file)
        }
    }

    private func problem(_ key: CodingKeys, _ text: String, file: String) -> CheckpointError {
        CheckpointError(file: file, problem: "its \(Checkpoint.positionKey) field \(key.rawValue) \(text)", hint: Self.damagedHint)
    }
}
