import Foundation
import Testing
@testable import BNLab

/// Hostile sizes in experiment files are errors naming the file, line and field, found while
/// resolving (so `list` shows them and `run` refuses before allocating), never traps.
@Suite("Experiment limits: checked sizes, memory budget, YAML bounds")
struct ExperimentLimitsTests {
    /// Decodes and resolves `yaml`, returning the error.
    func failure(_ yaml: String) -> ExperimentError? {
        do {
            _ = try ExperimentLoader.decode(yaml: yaml, file: "experiments/big.yaml").plans()
            return nil
        } catch {
            return error
        }
    }

    func experiment(model: String, dataset: String = "", variants: String = "") -> String {
        """
        id: big
        title: Big
        summary: Sizes a machine cannot hold.
        \(dataset)
        model:
        \(model)
        optimizer: {type: sgd, lr: 0.1}
        batch_size: 8
        epochs: 1
        \(variants)
        """
    }

    @Test("Conv2d padding 2^62 overflows no arithmetic: an error at the padding field")
    func hugePadding() throws {
        let error = try #require(failure(experiment(model: """
          - {type: Conv2d, out: 4, kernel: 3, padding: 4611686018427387904}
          - {type: Flatten}
          - {type: Linear, out: 10}
        """)))
        #expect(error.field == "model[0].padding", "\(error)")
        #expect(error.line == 6 && error.problem.contains("too large"), "\(error)")
    }

    @Test("input_shape [2^32, 2^32, 4] and micro_batch 2^62 with accumulation are errors, not overflows")
    func hugeShapeAndBatch() throws {
        let shape = try #require(failure(experiment(model: "  - {type: Flatten}\n  - {type: Linear, out: 10}",
                                                    dataset: "dataset: {input_shape: [4294967296, 4294967296, 4]}")))
        #expect(shape.field == "dataset.input_shape", "\(shape)")
        let batch = try #require(failure(experiment(model: "  - {type: Flatten}\n  - {type: Linear, out: 10}",
                                                    variants: "variants:\n  - {name: v, micro_batch: 4611686018427387904, accumulation_steps: 4}")))
        #expect(batch.field == "variants[0].micro_batch", "\(batch)")
        #expect(batch.problem.contains("too large"), "\(batch)")
    }

    @Test("the memory estimate counts the optimizer's buffers: a model SGD fits, Adam with amsgrad does not")
    func optimizerBuffers() throws {
        // 2.3·10^8 parameters: 4 bytes × 2 copies = 1.7 GiB with SGD, × 5 copies = 4.3 GiB with AMSGrad
        let model = "  - {type: Flatten}\n  - {type: Linear, out: 293000}\n  - {type: Linear, out: 10}"
        #expect(failure(experiment(model: model)) == nil)
        let adam = try #require(failure(experiment(model: model,
                                                   variants: "variants:\n  - {name: v, optimizer: {type: adam, amsgrad: true}}")))
        #expect(adam.problem.contains("5 × 230005000 parameters"), "\(adam)")
        #expect(OptimizerSpec(kind: .sgd, lr: 0.1).stateBuffersPerParameter == 0)
        #expect(OptimizerSpec(kind: .sgd, lr: 0.1, momentum: 0.9).stateBuffersPerParameter == 1)
        #expect(OptimizerSpec(kind: .adamw, lr: 0.1).stateBuffersPerParameter == 2)
        #expect(OptimizerSpec(kind: .rmsprop, lr: 0.1, momentum: 0.5, centered: true).stateBuffersPerParameter == 3)
    }

    @Test("layers over the per-run memory budget are refused with the number, at their line")
    func overBudget() throws {
        let linear = try #require(failure(experiment(model: "  - {type: Flatten}\n  - {type: Linear, out: 100000000}\n  - {type: Linear, out: 10}")))
        #expect(linear.field == "model[1]" && linear.line == 7, "\(linear)")   // line 4 is the empty dataset line
        // plain SGD: each parameter and its gradient (784·10^8 weights + 10^8 biases)
        #expect(linear.problem.contains("2 × 78500000000 parameters"), "\(linear)")
        #expect(linear.problem.contains("over the 4.0 GiB a run may use"), "\(linear)")
        let intMax = try #require(failure(experiment(model: "  - {type: Flatten}\n  - {type: Linear, out: 9223372036854775807}\n  - {type: Linear, out: 10}")))
        #expect(intMax.field == "model[1]", "\(intMax)")
        let padding = try #require(failure(experiment(model: """
          - {type: Conv2d, out: 4, kernel: 3, padding: 100000}
          - {type: Flatten}
          - {type: Linear, out: 10}
        """)))
        #expect(padding.field == "model[0]", "\(padding)")
        let input = try #require(failure(experiment(model: "  - {type: Flatten}\n  - {type: Linear, out: 10}",
                                                    dataset: "dataset: {input_shape: [1000000, 1000000, 1000000]}")))
        #expect(input.field == "dataset.input_shape", "\(input)")
        // the shipped sizes are far inside the budget
        #expect(failure(experiment(model: "  - {type: Flatten}\n  - {type: Linear, out: 256}\n  - {type: Linear, out: 10}")) == nil)
    }

    @Test("a 638-byte billion-laughs file is refused quickly; deep nesting and huge files too")
    func yamlBombs() throws {
        var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for (level, name) in "bcdefghi".enumerated() {
            let previous = level == 0 ? "a" : String(Array("bcdefghi")[level - 1])
            bomb += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        let start = Date()
        let error = try #require(failure(bomb))
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(error.problem.contains("expands to more than"), "\(error)")
        let deep = try #require(failure("id: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)))
        #expect(deep.problem.contains("levels deep"), "\(deep)")
        let dashes = try #require(failure(String(repeating: "- ", count: 10_000) + "x\n"))
        #expect(dashes.problem.contains("levels deep"), "\(dashes)")

        let folder = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let large = folder.appendingPathComponent("large.yaml")
        try Data(repeating: 0x20, count: YAMLLimits.maxFileBytes + 10).write(to: large)
        #expect(throws: ExperimentError.self) { try ExperimentLoader.load(contentsOf: large) }
        do {
            _ = try ExperimentLoader.load(contentsOf: folder.appendingPathComponent("missing.yaml"))
        } catch {
            #expect(!error.description.contains("NSCocoaErrorDomain"), "\(error)")
        }
    }

    @Test("a folder holding one hostile file still lists the others, with the error beside that file")
    func catalogKeepsTheOthers() throws {
        let folder = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try experiment(model: "  - {type: Flatten}\n  - {type: Linear, out: 10}").replacingOccurrences(of: "id: big", with: "id: fine")
            .write(to: folder.appendingPathComponent("fine.yaml"), atomically: true, encoding: .utf8)
        try experiment(model: "  - {type: Flatten}\n  - {type: Linear, out: 100000000}\n  - {type: Linear, out: 10}")
            .write(to: folder.appendingPathComponent("big.yaml"), atomically: true, encoding: .utf8)
        let catalog = ExperimentCatalog.load(folder: folder)
        #expect(catalog.experiments.map(\.id) == ["fine"])
        #expect(catalog.invalid.count == 1 && catalog.invalid[0].file.hasSuffix("/big.yaml"))
        #expect(catalog.invalid.first?.error.field == "model[1]")
    }
}
