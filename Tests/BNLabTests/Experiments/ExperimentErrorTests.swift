import Foundation
import Testing
@testable import BNLab

/// Every kind of mistake in an experiment file gives a message with file, line, field, what was
/// wrong and what to do.
@Suite("Experiment file errors")
struct ExperimentErrorTests {
    /// Decodes `yaml` as `experiments/bad.yaml` and resolves every variant, returning the error.
    func failure(_ yaml: String) -> ExperimentError? {
        do {
            let spec = try ExperimentLoader.decode(yaml: yaml, file: "experiments/bad.yaml")
            _ = try spec.plans()
            return nil
        } catch {
            return error
        }
    }

    /// A valid experiment with `model` and `rest` put in.
    func experiment(model: String = "  - {type: Flatten}\n  - {type: Linear, out: 10}", rest: String = "") -> String {
        """
        id: bad
        title: Bad
        summary: A file with one mistake.
        model:
        \(model)
        optimizer: {type: sgd, lr: 0.1}
        batch_size: 8
        epochs: 1
        \(rest)
        """
    }

    @Test("a word where a BatchNorm momentum belongs")
    func momentumWord() throws {
        let error = try #require(failure(experiment(model: """
          - {type: Flatten}
          - {type: Linear, out: 32, bias: false}
          - {type: BatchNorm1d, momentum: fast}
          - {type: Linear, out: 10}
        """)))
        #expect(error.description.hasPrefix(#"experiments/bad.yaml:7: field 'model[2].momentum': expected a number or null, got "fast""#),
                "\(error)")
        #expect(error.kind == .typeMismatch)
        #expect(error.line == 7 && error.field == "model[2].momentum")
        #expect(error.hint?.contains("null") == true)
    }

    @Test("a word where a whole number belongs")
    func batchSizeWord() throws {
        let yaml = experiment().replacingOccurrences(of: "batch_size: 8", with: "batch_size: sixty-four")
        let error = try #require(failure(yaml))
        #expect(error.description.hasPrefix(#"experiments/bad.yaml:8: field 'batch_size': expected a whole number, got "sixty-four""#),
                "\(error)")
        #expect(error.kind == .typeMismatch)
    }

    @Test("a fraction where a whole number belongs")
    func fractionalEpochs() throws {
        let yaml = experiment().replacingOccurrences(of: "epochs: 1", with: "epochs: 1.5")
        let error = try #require(failure(yaml))
        #expect(error.field == "epochs" && error.line == 9)
        #expect(error.problem == "expected a whole number, got 1.5", "\(error)")
    }

    @Test("a list where a mapping belongs")
    func listForMapping() throws {
        let yaml = experiment().replacingOccurrences(of: "optimizer: {type: sgd, lr: 0.1}", with: "optimizer: [sgd, 0.1]")
        let error = try #require(failure(yaml))
        #expect(error.field == "optimizer" && error.line == 7, "\(error)")
        #expect(error.problem.contains("got a list"), "\(error)")
    }

    @Test("an unknown layer type suggests the right spelling")
    func unknownLayerType() throws {
        let error = try #require(failure(experiment(model: "  - {type: Flatten}\n  - {type: Batchnorm1d}\n  - {type: Linear, out: 10}")))
        #expect(error.field == "model[1].type" && error.line == 6, "\(error)")
        #expect(error.problem.contains("unknown layer type 'Batchnorm1d'"))
        #expect(error.problem.contains("Did you mean 'BatchNorm1d'?"))
        #expect(error.hint?.contains("Conv2d") == true)
    }

    @Test("an unknown variant key is rejected and a near key suggested")
    func unknownVariantKey() throws {
        let yaml = experiment(model: "  - {type: Flatten}\n  - {type: Linear, out: 32, bias: false}\n  - {type: BatchNorm1d}\n  - {type: Linear, out: 10}",
                              rest: "variants:\n  - name: a\n  - name: b\n    momentun: 0.5\n")
        let error = try #require(failure(yaml))
        #expect(error.kind == .unknownKey)
        #expect(error.field == "variants[1].momentun" && error.line == 15, "\(error)")
        #expect(error.problem == "unknown key 'momentun' in a variant. Did you mean 'momentum'?")
        #expect(error.hint?.contains("bn_mode_in_training") == true)
    }

    @Test("unknown keys in layers and at the top are rejected too")
    func unknownKeysElsewhere() throws {
        let inLayer = try #require(failure(experiment(model: "  - {type: Flatten}\n  - {type: Linear, out: 10, biass: false}")))
        #expect(inLayer.field == "model[1].biass" && inLayer.problem.contains("Did you mean 'bias'?"), "\(inLayer)")
        let atTop = try #require(failure(experiment(rest: "learning_rate: 0.1")))
        #expect(atTop.field == "learning_rate" && atTop.line == 10 && atTop.kind == .unknownKey, "\(atTop)")
        let onReLU = try #require(failure(experiment(model: "  - {type: Flatten}\n  - {type: ReLU, inplace: true}\n  - {type: Linear, out: 10}")))
        #expect(onReLU.field == "model[1].inplace", "\(onReLU)")
    }

    @Test("a missing required field")
    func missingField() throws {
        let yaml = experiment().replacingOccurrences(of: "epochs: 1\n", with: "")
        let error = try #require(failure(yaml))
        #expect(error.kind == .missingField)
        #expect(error.field == "epochs" && error.problem == "is missing", "\(error)")
        let noOut = try #require(failure(experiment(model: "  - {type: Flatten}\n  - {type: Linear}")))
        #expect(noOut.field == "model[1].out" && noOut.line == 6, "\(noOut)")
    }

    @Test("zero and negative sizes")
    func nonPositiveSizes() throws {
        let zeroBatch = try #require(failure(experiment().replacingOccurrences(of: "batch_size: 8", with: "batch_size: 0")))
        #expect(zeroBatch.description.hasPrefix("experiments/bad.yaml:8: field 'batch_size': must be 1 or more, got 0"), "\(zeroBatch)")
        let negativeOut = try #require(failure(experiment(model: "  - {type: Flatten}\n  - {type: Linear, out: -10}")))
        #expect(negativeOut.field == "model[1].out" && negativeOut.problem == "must be 1 or more, got -10", "\(negativeOut)")
        let zeroLR = try #require(failure(experiment().replacingOccurrences(of: "lr: 0.1", with: "lr: 0")))
        #expect(zeroLR.field == "optimizer.lr", "\(zeroLR)")
        let badMicro = try #require(failure(experiment(rest: "variants:\n  - {name: a, micro_batch: 0}")))
        #expect(badMicro.field == "variants[0].micro_batch" && badMicro.line == 11, "\(badMicro)")
    }

    @Test("invalid YAML is reported with its line")
    func syntaxError() throws {
        let error = try #require(failure(experiment(model: "  - {type: Flatten\n  - {type: Linear, out: 10}")))
        #expect(error.kind == .syntax)
        #expect(error.line != nil)
        #expect(error.description.hasPrefix("experiments/bad.yaml:"))
        #expect(error.problem.hasPrefix("invalid YAML"))
    }

    @Test("a summary of several lines")
    func multiLineSummary() throws {
        let yaml = experiment().replacingOccurrences(of: "summary: A file with one mistake.", with: "summary: |\n  One line.\n  Two lines.")
        let error = try #require(failure(yaml))
        #expect(error.field == "summary" && error.problem == "must be one line", "\(error)")
    }

    @Test("a layer size that does not fit the layer before")
    func shapeMismatch() throws {
        let error = try #require(failure(experiment(model: "  - {type: Flatten}\n  - {type: Linear, in: 100, out: 10}")))
        #expect(error.description.hasPrefix("experiments/bad.yaml:6: field 'model[1].in': is 100 but its input has 784"), "\(error)")
        #expect(error.hint?.contains("leave 'in' out") == true)
    }

    @Test("a Linear layer on image-shaped input needs a Flatten")
    func linearOnImages() throws {
        let error = try #require(failure(experiment(model: "  - {type: Linear, out: 10}")))
        #expect(error.field == "model[0]" && error.line == 5, "\(error)")
        #expect(error.problem.contains("1×28×28") && error.hint?.contains("Flatten") == true)
    }

    @Test("a model that does not end with one output per class")
    func wrongOutputCount() throws {
        let error = try #require(failure(experiment(model: "  - {type: Flatten}\n  - {type: Linear, out: 12}")))
        #expect(error.problem == "the model ends with shape 12 features but the dataset has 10 classes", "\(error)")
    }

    @Test("conflicting batch arithmetic in a variant")
    func batchConflict() throws {
        let error = try #require(failure(experiment(rest: "variants:\n  - {name: a, batch_size: 64, micro_batch: 16, accumulation_steps: 2}")))
        #expect(error.field == "variants[0].batch_size" && error.line == 11, "\(error)")
        #expect(error.problem == "64 is not micro_batch × accumulation_steps = 16 × 2 = 32")
        let indivisible = try #require(failure(experiment(rest: "variants:\n  - {name: a, micro_batch: 3}")))
        #expect(indivisible.field == "variants[0].micro_batch" && indivisible.problem == "3 does not divide the batch size 8", "\(indivisible)")
    }

    @Test("overrides that contradict each other or the model")
    func contradictoryOverrides() throws {
        let bnModel = "  - {type: Flatten}\n  - {type: Linear, out: 32, bias: false}\n  - {type: BatchNorm1d}\n  - {type: Linear, out: 10}"
        let both = try #require(failure(experiment(model: bnModel, rest: "variants:\n  - {name: a, bn: false, norm: group}")))
        #expect(both.field == "variants[0].norm", "\(both)")
        let noBN = try #require(failure(experiment(rest: "variants:\n  - {name: a, momentum: 0.5}")))
        #expect(noBN.field == "variants[0].momentum" && noBN.problem.contains("no BatchNorm"), "\(noBN)")
        let badGroups = try #require(failure(experiment(model: bnModel, rest: "variants:\n  - {name: a, norm: group, norm_groups: 5}")))
        #expect(badGroups.field == "variants[0].norm_groups" && badGroups.problem.contains("do not divide the 32 channels"), "\(badGroups)")
        let badNorm = try #require(failure(experiment(model: bnModel, rest: "variants:\n  - {name: a, norm: instance}")))
        #expect(badNorm.field == "variants[0].norm" && badNorm.hint == "write one of: batch, group, layer", "\(badNorm)")
        let momentumRange = try #require(failure(experiment(model: bnModel, rest: "variants:\n  - {name: a, momentum: 1.5}")))
        #expect(momentumRange.field == "variants[0].momentum" && momentumRange.problem.contains("between 0.0 and 1.0"), "\(momentumRange)")
    }

    @Test("duplicate variant names and bad names")
    func variantNames() throws {
        let duplicate = try #require(failure(experiment(rest: "variants:\n  - {name: a}\n  - {name: a}")))
        #expect(duplicate.field == "variants[1].name" && duplicate.line == 12, "\(duplicate)")
        let spaced = try #require(failure(experiment(rest: "variants:\n  - {name: My Variant}")))
        #expect(spaced.field == "variants[0].name" && spaced.problem.contains("contains 'M'"), "\(spaced)")
    }

    @Test("phases and epochs must agree")
    func phasesAndEpochs() throws {
        let yaml = experiment(rest: "phases:\n  - {name: one, epochs: 2}\n  - {name: two, epochs: 3}")
        let error = try #require(failure(yaml))
        #expect(error.field == "epochs" && error.problem == "is 1 but the phases add up to 5 epochs", "\(error)")
        let variantEpochs = try #require(failure(experiment(rest: "phases:\n  - {name: one, epochs: 1}\nvariants:\n  - {name: a, epochs: 3}")))
        #expect(variantEpochs.field == "variants[0].epochs", "\(variantEpochs)")
    }

    @Test("asking for a variant that does not exist")
    func unknownVariant() throws {
        let spec = try ExperimentLoader.decode(yaml: experiment(rest: "variants:\n  - {name: bn}\n  - {name: no-bn}"),
                                               file: "experiments/bad.yaml")
        #expect(throws: ExperimentError.self) { try spec.plan(variant: "no_bn") }
        do {
            _ = try spec.plan(variant: "no_bn")
        } catch {
            #expect(error.kind == .unknownVariant)
            #expect(error.problem.contains("Did you mean 'no-bn'?"), "\(error)")
        }
    }

    @Test("an empty file and a file that is not a mapping")
    func notAnExperiment() throws {
        #expect(failure("")?.kind == .missingField)
        #expect(failure("- just\n- a list\n")?.kind == .typeMismatch)
    }
}
