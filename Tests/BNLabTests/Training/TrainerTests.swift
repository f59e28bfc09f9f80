import BNCore
import BNData
import Foundation
import Testing
@testable import BNLab

/// Training runs on the real image subset, through the queue, as `bnlab run` does them.
@Suite("Trainer", .serialized)
struct TrainerTests {
    static let catalog = ExperimentCatalog.load(folder: TestPaths.experiments)
    static let datasets = DatasetCache()

    /// Runs `plans` to the end and reads back their run files.
    func train(_ plans: [RunPlan], runs: URL) throws -> [RunFile] {
        let launcher = RunLauncher(queue: RunQueue(maxConcurrentRuns: 2), dataFolder: TestPaths.fashionSubset,
                                   runsFolder: runs, datasets: Self.datasets)
        let ids = plans.map(launcher.launch)
        launcher.queue.waitUntilIdle()
        return try ids.map { id in
            let status = try #require(launcher.queue.status(of: id))
            #expect(status.state == .done, "\(status.name): \(status.lastError ?? "")")
            return try RunReader.read(contentsOf: try #require(status.runFile))
        }
    }

    func plans(_ experiment: String, _ overrides: RunOverrides, variants: [String]? = nil) throws -> [RunPlan] {
        let spec = try #require(Self.catalog.experiment(id: experiment))
        let all = try spec.plans().map(overrides.apply(to:))
        return variants.map { v in all.filter { v.contains($0.variant) } } ?? all
    }

    @Test func sameSeedGivesIdenticalLosses() throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        let plan = try plans("bn-vs-no-bn", RunOverrides(epochs: 1), variants: ["bn"])
        let files = try train(plan + plan, runs: runs)
        #expect(files[0].steps.count == 16)                      // 1,000 images / 64
        #expect(files[0].steps.map(\.loss) == files[1].steps.map(\.loss))
        #expect(files[0].epochs.map(\.classCorrect) == files[1].epochs.map(\.classCorrect))
        var other = plan[0]
        other.seed += 1
        let different = try train([other], runs: runs)
        #expect(different[0].steps.map(\.loss) != files[0].steps.map(\.loss))
    }

    @Test func bnNetRecordsTrainAndEvalModeAccuracyAndSnapshots() throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        let files = try train(try plans("bn-vs-no-bn", RunOverrides(epochs: 2)), runs: runs)
        let bn = try #require(files.first { $0.header.variant == "bn" })
        let plain = try #require(files.first { $0.header.variant == "no-bn" })
        #expect(bn.epochs.count == 2)
        #expect(bn.epochs.last?.trainMode?.first?.batchSize == 64)
        #expect(plain.epochs.last?.trainMode == nil)
        #expect(plain.snapshots.isEmpty)
        let layers = Set(bn.snapshots.map(\.layer))
        #expect(layers == ["2", "5"])
        // running_mean follows the batch means: after the first step it is 0.1 × the first batch mean.
        let first = try #require(bn.snapshots.first { $0.step == 1 && $0.layer == "2" })
        for (r, b) in zip(first.runningMean!, first.batchMean) { #expect(abs(r - 0.1 * b) < 1e-5) }
        #expect(first.numBatchesTracked == 1)
        // Learning happened: BN beats chance clearly on the subset after two epochs.
        #expect((bn.epochs.last?.accuracy ?? 0) > 0.5)
        #expect(bn.end?.status == .done)
    }

    @Test func frozenBodyDriftsInTrainModeButNotWithBatchNormInEval() throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        let files = try train(try plans("frozen-bn", RunOverrides(epochs: 1, subset: 640)), runs: runs)
        let trainMode = try #require(files.first { $0.header.variant == "train-mode" })
        let bnEval = try #require(files.first { $0.header.variant == "bn-eval" })
        let fineTuneA = trainMode.epochs.filter { $0.phase == "fine-tune" }
        let fineTuneB = bnEval.epochs.filter { $0.phase == "fine-tune" }
        #expect(!fineTuneA.isEmpty && !fineTuneB.isEmpty)
        #expect(fineTuneA.allSatisfy { ($0.probeDrift ?? 0) > 0 })
        #expect(fineTuneB.allSatisfy { $0.probeDrift == 0 && $0.probeChanged == 0 })
        #expect(bnEval.markers.contains { $0.kind == .freeze })
        #expect(bnEval.markers.contains { $0.kind == .modeSwitch })
    }

    @Test func accumulationUpdatesRunningStatisticsOncePerMicroBatch() throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        let files = try train(try plans("grad-accumulation", RunOverrides(epochs: 1, subset: 640),
                                        variants: ["batch-64", "micro-16x4"]), runs: runs)
        let big = try #require(files.first { $0.header.variant == "batch-64" })
        let micro = try #require(files.first { $0.header.variant == "micro-16x4" })
        #expect(big.steps.count == micro.steps.count)            // same optimizer steps
        let bigLast = try #require(big.snapshots.last), microLast = try #require(micro.snapshots.last)
        #expect(microLast.numBatchesTracked == 4 * (bigLast.numBatchesTracked ?? 0))
    }

    @Test func aNaNLossEndsTheRunAsDivergedNamingTheStep() throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        var plan = try #require(try plans("bn-vs-no-bn", RunOverrides(epochs: 1), variants: ["no-bn"]).first)
        plan.optimizer.lr = 1e6
        for i in plan.phases.indices { plan.phases[i].lr = 1e6 }
        let launcher = RunLauncher(queue: RunQueue(), dataFolder: TestPaths.fashionSubset, runsFolder: runs,
                                   datasets: Self.datasets)
        let id = launcher.launch(plan)
        let status = try #require(launcher.queue.wait(for: id))
        #expect(status.state == .diverged)
        #expect(status.lastError?.contains("at step") == true)
        let file = try RunReader.read(contentsOf: try #require(status.runFile))
        #expect(file.end?.status == .diverged)
        #expect(file.end?.message?.contains("at step") == true)
        // The step that diverged is written, and the end names it.
        let last = try #require(file.steps.last)
        #expect(file.end?.step == last.step)
        #expect(!last.loss.isFinite || file.end?.message?.contains("exploded") == true)
    }

    @Test func cancellingKeepsACompleteFile() throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        let plan = try #require(try plans("bn-vs-no-bn", RunOverrides(epochs: 50), variants: ["bn"]).first)
        let launcher = RunLauncher(queue: RunQueue(), dataFolder: TestPaths.fashionSubset, runsFolder: runs,
                                   datasets: Self.datasets)
        let id = launcher.launch(plan)
        _ = launcher.queue.wait(for: id) { ($0.progress?.step ?? 0) >= 20 || $0.state.isFinished }
        launcher.queue.cancel(id)
        let status = try #require(launcher.queue.wait(for: id))
        #expect(status.state == .cancelled)
        let file = try RunReader.read(contentsOf: try #require(status.runFile))
        #expect(file.notices.isEmpty)
        #expect(file.end?.status == .cancelled)
        #expect(file.steps.count >= 20)
    }

    @Test func aBrokenDataFolderFailsTheRunWithTheDataError() throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        let plan = try #require(try plans("bn-vs-no-bn", RunOverrides(epochs: 1), variants: ["bn"]).first)
        let launcher = RunLauncher(queue: RunQueue(), dataFolder: runs.appendingPathComponent("missing"),
                                   runsFolder: runs)
        let status = try #require(launcher.queue.wait(for: launcher.launch(plan)))
        #expect(status.state == .failed)
        #expect(status.lastError?.contains("missing") == true)
    }
}
