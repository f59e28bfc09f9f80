import BNCore
import BNData
import Foundation
import Testing
@testable import BNLab

/// Checkpoints of runs: saved beside the run file, announced by events, and resumed bit for bit.
@Suite("Checkpoints and resume", .serialized)
struct CheckpointResumeTests {
    static let catalog = ExperimentCatalog.load(folder: TestPaths.experiments)
    static let datasets = DatasetCache()

    func launcher(_ runs: URL) -> RunLauncher {
        RunLauncher(queue: RunQueue(maxConcurrentRuns: 1), dataFolder: TestPaths.fashionSubset, runsFolder: runs,
                    datasets: Self.datasets)
    }

    func plan(_ experiment: String, _ variant: String, epochs: Int) throws -> RunPlan {
        let spec = try #require(Self.catalog.experiment(id: experiment))
        return RunOverrides(epochs: epochs).apply(to: try spec.plan(variant: variant))
    }

    /// Runs `plan` to the end and returns its status.
    func runToEnd(_ plan: RunPlan, _ runs: URL) throws -> RunStatus {
        let l = launcher(runs)
        let id = l.launch(plan)
        return try #require(l.queue.wait(for: id))
    }

    /// The model tensors of the run's end checkpoint.
    func endWeights(_ runFile: URL) throws -> SafeTensorsFile {
        let stem = runFile.deletingPathExtension().lastPathComponent
        return try SafeTensorsFile.read(runFile.deletingLastPathComponent().appendingPathComponent("\(stem).end.safetensors"))
    }

    /// Trains `plan` uninterrupted, then again cancelled once epoch `cancelIn` has begun (through
    /// the run control, as Ctrl-C does) and resumed; compares every step loss and the final tensors.
    func checkResumeIsExact(_ plan: RunPlan, cancelIn: Int = 2) throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        let whole = try runToEnd(plan, runs)
        #expect(whole.state == .done)
        let wholeFile = try RunReader.read(contentsOf: try #require(whole.runFile))

        let l = launcher(runs)
        let id = l.launch(plan)
        l.queue.wait(for: id) { ($0.progress?.epoch ?? 0) >= cancelIn || $0.state.isFinished }
        l.queue.cancel(id)
        let cancelled = try #require(l.queue.wait(for: id))
        #expect(cancelled.state == .cancelled)
        let url = try #require(cancelled.runFile)
        let interrupted = try RunReader.read(contentsOf: url)
        let event = try #require(interrupted.events.compactMap { e -> CheckpointEvent? in
            if case .checkpoint(let c) = e { return c } else { return nil }
        }.last)
        #expect(event.reason == "interrupt")
        #expect(event.step < wholeFile.steps.count)

        let r = launcher(runs)
        let resumed = try #require(r.queue.wait(for: try r.resume(url)))
        #expect(resumed.state == .done, "\(resumed.lastError ?? "")")
        let file = try RunReader.read(contentsOf: url)
        #expect(file.markers.contains { $0.kind.rawValue == "resume" })
        #expect(file.end?.status == .done)
        #expect(file.steps.map(\.step) == wholeFile.steps.map(\.step))
        let a = file.steps.map { $0.loss.bitPattern }, b = wholeFile.steps.map { $0.loss.bitPattern }
        #expect(a == b)
        #expect(file.steps.map { $0.lr.bitPattern } == wholeFile.steps.map { $0.lr.bitPattern })
        #expect(file.epochs.map(\.testLoss) == wholeFile.epochs.map(\.testLoss))
        #expect(file.epochs.map(\.probeDrift) == wholeFile.epochs.map(\.probeDrift))
        let mine = try endWeights(url), theirs = try endWeights(try #require(whole.runFile))
        #expect(mine.tensors.count == theirs.tensors.count)
        for ((n1, v1), (n2, v2)) in zip(mine.tensors, theirs.tensors) {
            #expect(n1 == n2)
            #expect(v1 == v2, "\(n1) differs")
        }
    }

    @Test func resumedRunMatchesUninterruptedBitForBit() throws {
        var p = try plan("bn-vs-no-bn", "bn", epochs: 3)
        p.optimizer.momentum = 0.9          // momentum buffers must be restored too
        try checkResumeIsExact(p)
    }

    @Test func resumedRunWithDropoutMatchesBitForBit() throws {
        var p = try plan("bn-vs-no-bn", "no-bn", epochs: 2)
        p.model.insert(.dropout(DropoutOptions(p: 0.3)), at: p.model.count - 1)   // masks come from the restored random state
        try checkResumeIsExact(p)
    }

    @Test func resumedRunInAFrozenSecondPhaseMatchesBitForBit() throws {
        var p = try plan("frozen-bn", "train-mode", epochs: 1)      // pretrain 1 epoch, then fine-tune 1 with the body frozen
        p.optimizer.momentum = 0.9
        try checkResumeIsExact(p, cancelIn: 2)
    }

    @Test func resumedAccumulatingRunMatchesBitForBit() throws {
        try checkResumeIsExact(try plan("grad-accumulation", "micro-16x4", epochs: 2))
    }

    @Test func checkpointEventsNameFilesBesideTheRun() throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        var p = try plan("bn-vs-no-bn", "bn", epochs: 2)
        p.record.checkpointEvery = 1
        let status = try runToEnd(p, runs)
        let url = try #require(status.runFile)
        let file = try RunReader.read(contentsOf: url)
        let events = file.events.compactMap { e -> CheckpointEvent? in
            if case .checkpoint(let c) = e { return c } else { return nil }
        }
        let stem = url.deletingPathExtension().lastPathComponent
        #expect(events.map(\.file) == ["\(stem).e1.safetensors", "\(stem).e2.safetensors", "\(stem).end.safetensors"])
        #expect(events.map(\.reason) == ["epoch", "epoch", "end"])
        for e in events {
            let bytes = try Data(contentsOf: runs.appendingPathComponent(e.file))
            #expect(e.sha256 == SHA256.hex(bytes))
            let checkpoint = Checkpoint(file: try SafeTensorsFile(decoding: bytes))
            #expect(try checkpoint.position(file: e.file).step == e.step)
            #expect(checkpoint.file["2.num_batches_tracked"] == .i64(shape: [], [Int64(e.step)]))
        }
        #expect(throws: CheckpointError.self) { try RunLauncher.resumePoint(url) }   // finished runs are not resumed
    }

    @Test func initWeightsAreUsedAndChecked() throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        let p = try plan("bn-vs-no-bn", "bn", epochs: 1)
        let first = try runToEnd(p, runs)
        let weights = Checkpoint(file: try endWeights(try #require(first.runFile))).modelState
        let l = launcher(runs)
        let id = l.launch(p, initialWeights: weights, initNote: "weights from test.safetensors")
        let status = try #require(l.queue.wait(for: id))
        #expect(status.state == .done)
        let again = try RunReader.read(contentsOf: try #require(status.runFile))
        let before = try RunReader.read(contentsOf: try #require(first.runFile))
        #expect(again.markers.contains { $0.text == "weights from test.safetensors" })
        #expect(again.steps.first?.loss != before.steps.first?.loss)   // trained on from the first run's end
        #expect(again.steps.first!.loss < before.steps.first!.loss)

        let other = try plan("bn-vs-no-bn", "no-bn", epochs: 1)
        let model = try ModelBuilder.build(other.model, rng: RandomSource(seed: 1))
        let error = try #require(throws: StateDictError.self) { try model.network.loadStateDict(weights) }
        #expect(!error.unexpected.isEmpty || !error.mismatched.isEmpty)
    }
}
