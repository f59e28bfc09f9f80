import BNCore
import Foundation
import Testing
@testable import BNLab

/// What `--resume` and `--init` refuse in a checkpoint before anything trains: positions out of
/// range or outside the run's plan, resume tensors of the wrong dtype, and counters the
/// BatchNorm layers cannot count on from.
@Suite("Checkpoint validation", .serialized)
struct CheckpointValidationTests {
    static let catalog = ExperimentCatalog.load(folder: TestPaths.experiments)

    /// A training position that fits any plan, as JSON fields.
    static var position: [String: Any] {
        ["epochs_completed": 0, "micro_batches": 3, "step": 3, "samples": 96, "epoch_loss_sum": 2.1, "epoch_steps": 3,
         "group_loss": 0, "group_count": 0, "first_loss": 0.7, "exploding_run": 0, "rng": ["1", "2", "3", "4"],
         "active_seconds": 1.5]
    }

    /// A checkpoint whose position is ``position`` with `changes`, and `tensors`.
    static func checkpoint(_ changes: [String: Any] = [:], tensors: [(name: String, value: SafeTensorsValue)] = []) throws -> Checkpoint {
        let json = try JSONSerialization.data(withJSONObject: position.merging(changes) { $1 }, options: [.sortedKeys])
        return Checkpoint(file: SafeTensorsFile(tensors: tensors, metadata: [Checkpoint.positionKey: String(decoding: json, as: UTF8.self)]))
    }

    func plan(epochs: Int = 2) throws -> RunPlan {
        RunOverrides(epochs: epochs).apply(to: try #require(Self.catalog.experiment(id: "bn-vs-no-bn")).plan(variant: "bn"))
    }

    @Test("a position count below 0 or above 2^53, or a negative time, names the field and value", arguments: [
        ("step", "-1", "field step is -1, outside 0 … 2^53"),
        ("samples", "9223372036854775807", "field samples is 9223372036854775807, outside 0 … 2^53"),
        ("micro_batches", "-5", "field micro_batches is -5, outside 0 … 2^53"),
        ("exploding_run", "-9223372036854775808", "field exploding_run is -9223372036854775808, outside 0 … 2^53"),
        ("active_seconds", "-2.5", "field active_seconds is -2.5, below 0"),
    ])
    func ranges(field: String, json: String, message: String) throws {
        let value = try #require(try JSONSerialization.jsonObject(with: Data("[\(json)]".utf8)) as? [Any]).first!
        let error = try #require(throws: CheckpointError.self) { try Self.checkpoint([field: value]).position(file: "c.safetensors") }
        #expect(error.description == "c.safetensors: its bnlab.position \(message); \(TrainingPosition.damagedHint)")
    }

    @Test("a position outside the run's plan is refused")
    func outsideThePlan() throws {
        let plan = try plan(epochs: 2)
        let cases: [([String: Any], Int?, String)] = [
            (["epochs_completed": 3], nil, "field epochs_completed is 3, but the run has 2 epochs"),
            (["group_count": plan.accumulationSteps], nil,
             "field group_count is \(plan.accumulationSteps), but a step accumulates \(plan.accumulationSteps) micro-batches"),
            (["micro_batches": 40], 16, "field micro_batches is 40, but an epoch has 16 micro-batches"),
        ]
        for (changes, perEpoch, message) in cases {
            let position = try Self.checkpoint(changes).position(file: "c.safetensors")
            let error = try #require(throws: CheckpointError.self) {
                try position.check(against: plan, microBatchesPerEpoch: perEpoch, file: "c.safetensors")
            }
            #expect(error.problem == "its bnlab.position \(message)")
        }
        try Self.checkpoint().position(file: "c").check(against: plan, microBatchesPerEpoch: 16, file: "c")
    }

    @Test("resume tensors of the wrong dtype or a momentum buffer without an index are refused")
    func resumeTensors() throws {
        let cases: [(String, SafeTensorsValue, String)] = [
            ("optimizer.state.0.momentum_buffer", .i64(shape: [2], [1, 2]), "tensor optimizer.state.0.momentum_buffer is I64, but resuming reads it as F32"),
            ("optimizer.state.x.momentum_buffer", .f32(shape: [1], [1]), "tensor optimizer.state.x.momentum_buffer does not name a parameter by a whole index ≥ 0"),
            ("optimizer.state.-1.momentum_buffer", .f32(shape: [1], [1]), "tensor optimizer.state.-1.momentum_buffer does not name a parameter by a whole index ≥ 0"),
            ("bnlab.grad.0.weight", .i64(shape: [1], [3]), "tensor bnlab.grad.0.weight is I64, but resuming reads it as F32"),
            ("bnlab.probe.previous", .i64(shape: [], [3]), "tensor bnlab.probe.previous is I64, but resuming reads it as F32"),
        ]
        for (name, value, message) in cases {
            let error = try #require(throws: CheckpointError.self) {
                try Self.checkpoint(tensors: [(name, value)]).checkResumeTensors(file: "c.safetensors")
            }
            #expect(error.problem == message)
        }
        // another optimizer's state (an optimizer bnlab may add) is left to it
        try Self.checkpoint(tensors: [("optimizer.state.0.exp_avg", .i64(shape: [1], [1]))]).checkResumeTensors(file: "c")
    }

    /// The `bn` variant's model state with every BatchNorm's `num_batches_tracked` replaced by `counter`.
    func weights(counter: SafeTensorsValue) throws -> SafeTensorsFile {
        let plan = try plan()
        var file = SafeTensorsFile(stateDict: try ModelBuilder.build(plan.model, rng: RandomSource(seed: 1)).network.stateDict())
        for i in file.tensors.indices where file.tensors[i].name.hasSuffix("num_batches_tracked") { file.tensors[i].value = counter }
        return file
    }

    @Test("--init refuses weights whose num_batches_tracked is negative, huge or not an I64 integer")
    func initWeights() throws {
        let folder = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("w.safetensors")
        let cases: [(SafeTensorsValue, String, invalid: Bool)] = [
            (.i64(shape: [], [-1]), "invalid value for 2.num_batches_tracked: -1 is outside 0 … 2^53 (it counts batches)", true),
            (.i64(shape: [], [Int64.max]), "2.num_batches_tracked: 9223372036854775807 is outside 0 … 2^53 (it counts batches)", true),
            (.f32(shape: [], [.nan]), "invalid value for 2.num_batches_tracked: a float (F32) tensor, where a counter needs one I64 integer", true),
            (.i64(shape: [3], [1, 2, 3]), "size mismatch for 2.num_batches_tracked: expected one I64 integer, got a tensor of shape torch.Size([3])", false),
        ]
        for (counter, message, invalid) in cases {
            try weights(counter: counter).write(url)
            let error = try #require(throws: CheckpointError.self) { try InitialWeights.load(url.path, for: [try plan()]) }
            #expect(error.description.contains(message), "\(error)")
            #expect((error.hint == InitialWeights.invalidValuesHint) == invalid, "\(error)")
        }
    }

    @Test("--resume refuses a checkpoint whose position or counters are out of range, before the run is queued")
    func resume() throws {
        let runs = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: runs) }
        let launcher = RunLauncher(queue: RunQueue(maxConcurrentRuns: 1), dataFolder: TestPaths.fashionSubset, runsFolder: runs)
        let url = try #require(launcher.queue.wait(for: launcher.launch(try plan(epochs: 1)))?.runFile)
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: #""status":"done""#, with: #""status":"cancelled""#)
        let run = try RunReader.read(contentsOf: url)
        let event = try #require(run.events.compactMap { e -> CheckpointEvent? in if case .checkpoint(let c) = e { c } else { nil } }.last)
        let original = try Checkpoint.read(event, besideRunFile: url)

        /// Rewrites the checkpoint with `change` applied, and its sha256 in the run file.
        func resumeError(_ change: (inout SafeTensorsFile) -> Void) throws -> CheckpointError {
            var file = original.file
            change(&file)
            let bytes = try file.encoded()
            try bytes.write(to: runs.appendingPathComponent(event.file))
            try text.replacingOccurrences(of: try #require(event.sha256), with: SHA256.hex(bytes)).write(to: url, atomically: true, encoding: .utf8)
            return try #require(throws: CheckpointError.self) { try RunLauncher.resumePoint(url) }
        }
        let position = try #require(original.file.metadata[Checkpoint.positionKey])
        let negativeStep = try resumeError {
            $0.metadata[Checkpoint.positionKey] = position.replacingOccurrences(of: #""step":\#(event.step)"#, with: #""step":-7"#)
        }
        #expect(negativeStep.problem == "its bnlab.position field step is -7, outside 0 … 2^53")
        let hugeCounter = try resumeError { file in
            for i in file.tensors.indices where file.tensors[i].name.hasSuffix("num_batches_tracked") {
                file.tensors[i].value = .i64(shape: [], [Int64.max])
            }
        }
        #expect(hugeCounter.problem.hasPrefix("does not fit the run's model: Error(s) in loading state_dict: invalid value for"))
        #expect(hugeCounter.problem.contains("num_batches_tracked: 9223372036854775807 is outside 0 … 2^53"))
    }
}
