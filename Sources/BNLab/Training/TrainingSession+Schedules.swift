import BNCore

extension TrainingSession {
    /// Calls `step()` on the current phase's schedulers of `interval`, in the plan's order.
    func stepSchedulers(_ interval: SchedulerInterval) {
        for entry in schedulers where entry.interval == interval { entry.scheduler.step() }
    }

    /// Brings freshly built schedulers to where a resumed run stopped, by calling `step()` as
    /// often, and in the same order, as the run did since its phase began (at `phaseFirstEpoch`):
    /// every epoch `stepsPerEpoch` step-interval calls then one epoch-interval call, then the
    /// steps of the unfinished epoch. The same calls give the same rates, bit for bit.
    func replaySchedules(phaseFirstEpoch: Int) {
        guard !schedulers.isEmpty else { return }
        let epochsDone = max(0, epochsCompleted - (phaseFirstEpoch - 1))
        for _ in 0..<epochsDone {
            for _ in 0..<stepsPerEpoch { stepSchedulers(.step) }
            stepSchedulers(.epoch)
        }
        for _ in 0..<max(0, step - epochsCompleted * stepsPerEpoch) { stepSchedulers(.step) }
    }
}
