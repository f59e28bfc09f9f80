import Foundation
import Testing
@testable import BNLab

/// The ghost-bn experiment trained on the image subset: ghost BatchNorm records sub-batch 0's
/// statistics, and its running statistics still follow PyTorch's rule.
extension TrainerTests {
    @Test func ghostVariantsRecordTheFirstSubBatch() throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        let files = try train(try plans("ghost-bn", RunOverrides(epochs: 1), variants: ["sync-256", "ghost-64"]), runs: runs)
        let sync = try #require(files.first { $0.header.variant == "sync-256" })
        let ghost = try #require(files.first { $0.header.variant == "ghost-64" })
        // 1,000 images: 3 batches of 256 and one of 232; BatchNorm sees each batch, ghost BatchNorm 64 of it.
        #expect(watches(sync, layer: "2").map(\.count) == [256, 256, 256, 232])
        #expect(watches(ghost, layer: "2").map(\.count) == [64, 64, 64, 64])
        #expect(ghost.snapshots.first?.layerType == "BatchNorm1d")
        for layer in ["2", "5"] {
            let check = RunningStatsRule.check(watches(ghost, layer: layer))
            #expect(check.rule.updates == 3 && check.maxRelativeMean <= 1e-5 && check.maxRelativeVariance <= 1e-5, "\(check)")
        }
        #expect(ghost.steps.map(\.loss) != sync.steps.map(\.loss))
        #expect(ghost.epochs.count == 1 && ghost.epochs[0].trainMode?.first?.batchSize == 256)
    }
}
