import Foundation
import Testing
@testable import BNLab

/// An experiment's own `dataset.folder` is used, and a missing one fails the run clearly.
@Suite("Experiment dataset folders")
struct DatasetFolderTests {
    @Test("an experiment naming a missing dataset folder fails instead of training on the default data")
    func missingFolderFails() throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        let spec = try #require(ExperimentCatalog.load(folder: TestPaths.experiments).experiment(id: "bn-vs-no-bn"))
        var plan = try RunOverrides(epochs: 1).apply(to: spec.plan(variant: "bn"))
        plan.dataset.folder = runs.appendingPathComponent("no-such-dataset").path
        let launcher = RunLauncher(queue: RunQueue(), dataFolder: TestPaths.fashionSubset, runsFolder: runs)
        let status = try #require(launcher.queue.wait(for: launcher.launch(plan)))
        #expect(status.state == .failed)
        #expect(status.lastError?.contains("no-such-dataset") == true, "\(status.lastError ?? "")")
    }
}
