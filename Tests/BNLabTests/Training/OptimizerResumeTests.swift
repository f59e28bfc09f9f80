import BNCore
import Foundation
import Testing
@testable import BNLab

extension CheckpointResumeTests {
    @Test func resumedAdamRunWithSchedulesMatchesBitForBit() throws {
        var p = try plan("bn-vs-no-bn", "bn", epochs: 3)
        p.optimizer = OptimizerSpec(kind: .adam, lr: 1e-3, amsgrad: true)
        p.scheduler = [
            SchedulerSpec(.sequentialLR(schedulers: [.linearLR(startFactor: 0.1, endFactor: 1, totalIters: 10),
                                                     .cosineAnnealingLR(tMax: 30, etaMin: 1e-5)], milestones: [10]), interval: .step),
            SchedulerSpec(.stepLR(stepSize: 1, gamma: 0.5), interval: .epoch),
        ]
        try checkResumeIsExact(p)
    }

    @Test func resumedRMSpropAndAdamWRunsMatchBitForBit() throws {
        var p = try plan("bn-vs-no-bn", "bn", epochs: 2)
        p.optimizer = OptimizerSpec(kind: .rmsprop, lr: 1e-3, momentum: 0.9, weightDecay: 1e-4, centered: true)
        p.scheduler = [SchedulerSpec(.exponentialLR(gamma: 0.9), interval: .epoch)]
        try checkResumeIsExact(p)
        p.optimizer = OptimizerSpec(kind: .adamw, lr: 1e-3, weightDecay: 0.1)
        try checkResumeIsExact(p)
    }
}
