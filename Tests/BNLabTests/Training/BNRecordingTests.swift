import Foundation
import Testing
@testable import BNLab

/// What the trainer records about BatchNorm: `bn_watch` at every training forward, snapshots at
/// the adaptive cadence with `count`, step times and the end summary; and PyTorch's running
/// statistics rule checked on real runs.
extension TrainerTests {
    func watches(_ file: RunFile, layer: String) -> [BNWatch] {
        file.events.compactMap { if case .bnWatch(let w) = $0, w.layer == layer { w } else { nil } }
    }

    /// Checks the rule on every BN layer of `file`; returns the largest differences seen.
    @discardableResult
    func expectRuleHolds(_ file: RunFile, momentum: BNMomentum) throws -> (mean: Double, variance: Double) {
        let layers = Set(file.snapshots.map(\.layer))
        #expect(!layers.isEmpty, "\(file.header.variant): no BN layers")
        var worst = (mean: 0.0, variance: 0.0)
        for layer in layers.sorted() {
            let list = watches(file, layer: layer)
            #expect(list.count > 10, "\(file.header.variant) layer \(layer): \(list.count) watch events")
            #expect(list.allSatisfy { $0.momentum == momentum })
            let check = RunningStatsRule.check(list)
            #expect(check.rule.problem == nil, "\(check.rule.problem ?? "")")
            #expect(check.expectedMean.count == list.count && check.rule.updates > 0)
            #expect(check.maxRelativeMean <= 1e-5, "\(file.header.variant) layer \(layer) mean: \(check.maxRelativeMean)")
            #expect(check.maxRelativeVariance <= 1e-5, "\(file.header.variant) layer \(layer) var: \(check.maxRelativeVariance)")
            worst = (max(worst.mean, check.maxRelativeMean), max(worst.variance, check.maxRelativeVariance))
        }
        return worst
    }

    @Test func watchEventsFollowPyTorchsRuleForMomentumAndCumulativeAverage() throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        let files = try train(try plans("bn-momentum", RunOverrides(epochs: 1), variants: ["momentum-0.1", "cumulative"]), runs: runs)
        let m01 = try #require(files.first { $0.header.variant == "momentum-0.1" })
        let cumulative = try #require(files.first { $0.header.variant == "cumulative" })
        let worst = try expectRuleHolds(m01, momentum: .factor(0.1))
        let cumulativeWorst = try expectRuleHolds(cumulative, momentum: .cumulative)
        print("rule check cumulative: max relative difference mean \(cumulativeWorst.mean), var \(cumulativeWorst.variance)")
        print("rule check momentum 0.1: max relative difference mean \(worst.mean), var \(worst.variance)")
        // Every training forward is watched: 1,000 images / 64 = 16 forwards per layer, channels floor(i·C/4).
        let first = watches(m01, layer: m01.snapshots[0].layer)
        #expect(first.map(\.step) == Array(1...16))
        let width = m01.snapshots[0].batchMean.count
        #expect(first[0].channels == [0, width / 4, width / 2, 3 * width / 4])
        #expect(first.allSatisfy { $0.training && $0.count == 64 || $0.step == 16 })
        #expect(first.last?.numBatchesTracked == 16)
    }

    @Test func theRuleDetectsARunningValueThatBrokeIt() throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        let file = try #require(try train(try plans("bn-momentum", RunOverrides(epochs: 1), variants: ["momentum-0.1"]), runs: runs).first)
        var list = watches(file, layer: file.snapshots[0].layer)
        list[5].runningMean?[1] *= 1.001
        #expect(RunningStatsRule.check(list).maxRelativeMean > 1e-4)
        // The wrong momentum (0.5 instead of 0.1) is far off.
        for i in list.indices { list[i].momentum = nil }
        #expect(RunningStatsRule.check(list, fallbackMomentum: .factor(0.5)).maxRelativeMean > 1e-2)
        #expect(RunningStatsRule.check(list).rule.problem?.contains("momentum is unknown") == true)
    }

    @Test func accumulationIsWatchedAtEveryMicroBatch() throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        let file = try #require(try train(try plans("grad-accumulation", RunOverrides(epochs: 1, subset: 640),
                                                    variants: ["micro-16x4"]), runs: runs).first)
        let worst = try expectRuleHolds(file, momentum: .factor(0.1))
        print("rule check micro-16x4: max relative difference mean \(worst.mean), var \(worst.variance)")
        let list = watches(file, layer: file.snapshots[0].layer)
        #expect(list.count == 4 * file.steps.count)
        #expect(list.prefix(8).map(\.micro) == [1, 2, 3, 4, 1, 2, 3, 4])
        #expect(list.prefix(8).map(\.step) == [1, 1, 1, 1, 2, 2, 2, 2])
        #expect(list.allSatisfy { $0.count == 16 })
        #expect(list.last?.numBatchesTracked == 4 * file.steps.count)
    }

    @Test func batchNorm2dAndBatchNormInEvalModeAreWatched() throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        let files = try train(try plans("frozen-bn", RunOverrides(epochs: 1, subset: 500)), runs: runs)
        for file in files {
            #expect(file.snapshots.contains { $0.layerType == "BatchNorm2d" })
            let worst = try expectRuleHolds(file, momentum: .factor(0.1))
            print("rule check frozen-bn \(file.header.variant) (BatchNorm2d): max relative difference mean \(worst.mean), var \(worst.variance)")
        }
        let bnEval = try #require(files.first { $0.header.variant == "bn-eval" })
        let list = watches(bnEval, layer: bnEval.snapshots[0].layer)
        let frozen = list.filter { !$0.training }
        #expect(!frozen.isEmpty && frozen.allSatisfy { $0.batchMean == nil && $0.count > 0 })
        // In eval mode nothing moves.
        #expect(Set(frozen.map { $0.runningMean! }).count == 1)
        #expect(Set(frozen.map(\.numBatchesTracked)).count == 1)
    }

    @Test func snapshotsAdaptToTheRunsLengthAndStepsCarryTimeAndEndASummary() throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        var plan = try #require(try plans("bn-vs-no-bn", RunOverrides(epochs: 2), variants: ["bn"]).first)
        plan.record.snapshotEvery = nil
        plan.record.snapshots = 8                        // 32 steps / 8 = a snapshot every 4 steps
        plan.record.watchChannels = .list([3, 1, 999])
        let file = try #require(try train([plan], runs: runs).first)
        let layer = file.snapshots[0].layer
        let steps = file.snapshots.filter { $0.layer == layer }.map(\.step)
        #expect(steps == [1, 4, 8, 12, 16, 16, 20, 24, 28, 32, 32])   // and at each epoch's end
        #expect(file.snapshots.allSatisfy { $0.count == 64 || $0.count == 1000 - 15 * 64 })
        #expect(watches(file, layer: layer).allSatisfy { $0.channels == [1, 3] })
        let times = file.steps.compactMap(\.time)
        #expect(times.count == file.steps.count && zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
        let end = try #require(file.end)
        #expect(end.epoch == 2 && end.accuracy == file.epochs.last?.accuracy && end.trainLoss == file.epochs.last?.trainLoss)
    }

    @Test func watchChannelsZeroRecordsNoWatchEvents() throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        var plan = try #require(try plans("bn-vs-no-bn", RunOverrides(epochs: 1, subset: 256), variants: ["bn"]).first)
        plan.record.watchChannels = .evenly(0)
        let file = try #require(try train([plan], runs: runs).first)
        #expect(!file.snapshots.isEmpty)
        #expect(!file.events.contains { if case .bnWatch = $0 { true } else { false } })
    }
}
