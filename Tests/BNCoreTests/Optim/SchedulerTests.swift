import Foundation
import Testing
@testable import BNCore

/// Learning-rate schedules on small cases worked out by hand, SequentialLR's hand-over at a
/// milestone, and the errors. (PyTorch's own sequences, bit for bit, are in the parity goldens.)
@Suite("Learning-rate schedulers")
struct SchedulerTests {
    private func optimizer(lr: Double = 1) throws -> SGD { try SGD([Parameter(Tensor([0]))], lr: lr) }

    /// The rate after construction, then after each of `steps` steps; the optimizer always agrees.
    private func rates(_ schedule: LRScheduler, _ optimizer: Optimizer, steps: Int) -> [Double] {
        var out = [schedule.lastLR]
        for _ in 0..<steps {
            schedule.step()
            #expect(optimizer.lr == schedule.lastLR)
            out.append(schedule.lastLR)
        }
        return out
    }

    private func expectClose(_ actual: [Double], _ expected: [Double]) {
        #expect(actual.count == expected.count)
        for (a, e) in zip(actual, expected) { #expect(abs(a - e) <= 1e-12, "\(actual) vs \(expected)") }
    }

    @Test func stepAndMultiStepDecay() throws {
        let o1 = try optimizer()
        expectClose(rates(try StepLR(o1, stepSize: 2, gamma: 0.5), o1, steps: 5), [1, 1, 0.5, 0.5, 0.25, 0.25])
        let o2 = try optimizer()
        // a milestone listed twice multiplies by γ²
        expectClose(rates(MultiStepLR(o2, milestones: [4, 2, 2], gamma: 0.1), o2, steps: 5), [1, 1, 0.01, 0.01, 0.001, 0.001])
        let o3 = try optimizer(lr: 2)
        expectClose(rates(ExponentialLR(o3, gamma: 0.5), o3, steps: 3), [2, 1, 0.5, 0.25])
    }

    @Test func linearWarmupReachesTheBaseRateAndStays() throws {
        let o = try optimizer(lr: 0.3)
        let got = rates(try LinearLR(o, startFactor: 0.25, totalIters: 3), o, steps: 5)
        expectClose(got, [0.075, 0.15, 0.225, 0.3, 0.3, 0.3])
    }

    /// (1 + cos(π·t/T))/2 down to η_min at T, and back up to the base rate at 2T.
    @Test func cosineAnnealsAndComesBack() throws {
        let o = try optimizer()
        let got = rates(try CosineAnnealingLR(o, tMax: 4, etaMin: 0.1), o, steps: 8)
        expectClose(got, (0...8).map { 0.1 + 0.9 * (1 + cos(Double.pi * Double($0) / 4)) / 2 })
    }

    /// Warmup then cosine: at the milestone the cosine starts from the base rate (its closed
    /// form at 0), not from where the warmup ended.
    @Test func sequentialHandsOverAtTheMilestone() throws {
        let o = try optimizer(lr: 1)
        let warmup = try LinearLR(o, startFactor: 0.5, totalIters: 4)
        let cosine = try CosineAnnealingLR(o, tMax: 2)
        #expect(cosine.baseLR == 1)   // the initial lr, though the warmup had already halved it
        let sequence = try SequentialLR(o, schedulers: [warmup, cosine], milestones: [2])
        expectClose(rates(sequence, o, steps: 4), [0.5, 0.625, 1, 0.5, 0])
        #expect(sequence.lastEpoch == 4 && cosine.lastEpoch == 2)
        #expect(o.initialLR == 1)
    }

    @Test("bad settings are errors, not crashes or NaN rates")
    func errors() throws {
        let o = try optimizer(), other = try optimizer()
        #expect(throws: CoreError.value("StepLR step_size must be a positive integer, but got 0")) { try StepLR(o, stepSize: 0) }
        #expect(throws: CoreError.value("CosineAnnealingLR T_max must be a positive integer, but got -1")) { try CosineAnnealingLR(o, tMax: -1) }
        #expect(throws: CoreError.value("Starting multiplicative factor expected to be greater than 0 and less or equal to 1.")) {
            try LinearLR(o, startFactor: 0)
        }
        #expect(throws: CoreError.value("Ending multiplicative factor expected to be between 0 and 1.")) { try LinearLR(o, endFactor: 1.5) }
        #expect(throws: CoreError.value("LinearLR total_iters must be a positive integer, but got 0")) { try LinearLR(o, totalIters: 0) }
        #expect(throws: CoreError.value("SequentialLR expects at least one scheduler, but got no scheduler.")) {
            try SequentialLR(o, schedulers: [], milestones: [])
        }
        let a = ExponentialLR(o, gamma: 0.9), b = ExponentialLR(other, gamma: 0.9)
        #expect(throws: CoreError.self) { try SequentialLR(o, schedulers: [a, b], milestones: [3]) }
        #expect(throws: CoreError.value("Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers 1 and the number of milestones to be equal to 1")) {
            try SequentialLR(o, schedulers: [a], milestones: [3])
        }
        let nested = try SequentialLR(o, schedulers: [a], milestones: [])
        #expect(throws: CoreError.self) { try SequentialLR(o, schedulers: [nested, a], milestones: [2]) }
    }
}
