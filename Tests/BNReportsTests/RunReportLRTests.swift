import BNLab
import Foundation
import Testing
@testable import BNReports

@Suite("Run report: optimizer and lr range")
struct RunReportLRTests {
    @Test func aScheduledRunShowsItsOptimizerAndLRRange() {
        let base = RunReportTests.run(variant: "bn", losses: [2, 1.5, 1])
        var plan = base.header.config!
        plan.optimizer = OptimizerSpec(kind: .adamw, lr: 0.1)
        plan.scheduler = [SchedulerSpec(.sequentialLR(schedulers: [.linearLR(startFactor: 0.1, endFactor: 1, totalIters: 2),
                                                                   .cosineAnnealingLR(tMax: 1, etaMin: 0)], milestones: [2]),
                                        interval: .step)]
        var header = base.header
        header.config = plan
        let events = base.events.map { event -> RunEvent in
            guard case .step(var s) = event else { return event }
            s.lr = [0.01, 0.055, 0.1][s.step - 1]
            return .step(s)
        }
        let text = RunReport(runs: [RunFile(header: header, events: events)]).render()
        #expect(text.contains("AdamW lr 0.1, betas (0.9, 0.999), weight decay 0.01; batch 64"))
        #expect(text.contains("lr 0.01 … 0.1 over the run (SequentialLR(LinearLR, CosineAnnealingLR) per step)"))
        #expect(!text.contains("weight_norm"))
        let constant = RunReport(runs: [base]).render()
        #expect(constant.contains("SGD lr 0.01, momentum 0.0; batch 64") && !constant.contains("over the run"))
    }

    @Test func weightNormsAreListedPerEpoch() {
        let base = RunReportTests.run(variant: "bn", losses: [2, 1.5, 1])
        let events = base.events.map { event -> RunEvent in
            guard case .epoch(var e) = event else { return event }
            e.weightNorm = 14.9142
            return .epoch(e)
        }
        let text = RunReport(runs: [RunFile(header: base.header, events: events)]).render()
        #expect(text.contains("weight_norm by epoch: 14.91"))
    }
}
