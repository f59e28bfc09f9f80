import BNCore
import Foundation
import Testing
@testable import BNLab

/// `--init` checks, `export --weights`, and the refusals of `--resume`.
@Suite("Checkpoint use", .serialized)
struct CheckpointUseTests {
    static let catalog = ExperimentCatalog.load(folder: TestPaths.experiments)

    func plans() throws -> [RunPlan] {
        try #require(Self.catalog.experiment(id: "bn-vs-no-bn")).plans().map(RunOverrides(epochs: 1).apply(to:))
    }

    /// A finished one-epoch run of the `bn` variant in `runs`.
    func finishedRun(_ runs: URL) throws -> URL {
        let launcher = RunLauncher(queue: RunQueue(maxConcurrentRuns: 1), dataFolder: TestPaths.fashionSubset, runsFolder: runs)
        let id = launcher.launch(try plans().first { $0.variant == "bn" }!)
        return try #require(launcher.queue.wait(for: id)?.runFile)
    }

    @Test func initWeightsRunOnlyTheVariantsTheyFit() throws {
        let folder = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plans = try plans()
        let bn = try #require(plans.first { $0.variant == "bn" })
        let model = try ModelBuilder.build(bn.model, rng: RandomSource(seed: 7))
        let url = folder.appendingPathComponent("w.safetensors")
        try SafeTensorsFile(stateDict: model.network.stateDict()).write(url)
        let weights = try InitialWeights.load(url.path, for: plans)
        #expect(weights.plans.map(\.variant) == ["bn"])
        #expect(weights.skipped.map(\.variant) == ["no-bn"])
        #expect(weights.skipped.first?.error.missing.contains("1.bias") == true)
        #expect(weights.note.hasPrefix("initial weights: w.safetensors (sha256 "))

        // a mis-shaped tensor: no variant fits, and the message says which key and shapes
        var state = model.network.stateDict()
        state[0].value = .tensor(Tensor(zeros: [128, 784]))
        try SafeTensorsFile(stateDict: state).write(url)
        let error = try #require(throws: CheckpointError.self) { try InitialWeights.load(url.path, for: [bn]) }
        #expect(error.description.contains("size mismatch for 1.weight: copying a param with shape torch.Size([128, 784])"))
        #expect(throws: SafeTensorsError.self) { try InitialWeights.load(folder.appendingPathComponent("none").path, for: [bn]) }
    }

    @Test func exportWritesTheModelTensorsOfACheckpoint() throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        let url = try finishedRun(runs)
        let run = try RunReader.read(contentsOf: url)
        let out = runs.appendingPathComponent("out.safetensors")
        let event = try WeightsExport.write(run, checkpoint: nil, to: out)
        #expect(event.reason == "end")
        let written = try SafeTensorsFile.read(out)
        #expect(written.tensors.allSatisfy { !$0.name.hasPrefix("optimizer.") && !$0.name.hasPrefix("bnlab.") })
        #expect(written.tensors.map(\.name) == Checkpoint(file: try Checkpoint.read(event, besideRunFile: url).file).modelState.map(\.key))
        #expect(throws: CheckpointError.self) { try WeightsExport.write(run, checkpoint: 5, to: out) }

        // a checkpoint changed after it was saved is refused
        let checkpoint = runs.appendingPathComponent(event.file)
        var bytes = try Data(contentsOf: checkpoint)
        bytes[bytes.count - 1] ^= 1
        try bytes.write(to: checkpoint)
        let error = try #require(throws: CheckpointError.self) { try WeightsExport.write(run, checkpoint: nil, to: out) }
        #expect(error.problem.contains("sha256"))
    }

    @Test func resumeRefusesRunsWithoutCheckpointsAndRemovesTheEndLine() throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        let url = try finishedRun(runs)
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        lines.removeAll { $0.contains(#""type":"checkpoint""#) }
        let stripped = runs.appendingPathComponent("stripped.jsonl")
        try (lines.joined(separator: "\n") + "\n").replacingOccurrences(of: #""status":"done""#, with: #""status":"cancelled""#)
            .write(to: stripped, atomically: true, encoding: .utf8)
        let error = try #require(throws: CheckpointError.self) { try RunLauncher.resumePoint(stripped) }
        #expect(error.problem.contains("names no checkpoint"))

        let before = try String(contentsOf: stripped, encoding: .utf8)
        try RunLauncher.removeTrailingEnd(stripped)
        let after = try String(contentsOf: stripped, encoding: .utf8)
        #expect(before.hasPrefix(after))
        #expect(!after.contains(#""type":"end""#))
        try RunLauncher.removeTrailingEnd(stripped)     // no end line: nothing removed
        #expect(try String(contentsOf: stripped, encoding: .utf8) == after)
    }
}
