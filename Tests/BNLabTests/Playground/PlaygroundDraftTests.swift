import Foundation
import Testing
@testable import BNLab

@Suite("Playground: the form's values become a variant checked by the experiment loader")
struct PlaygroundDraftTests {
    static let catalog = ExperimentCatalog.load(folder: TestPaths.experiments)

    static func base(_ id: String, variant: String, overrides: RunOverrides = RunOverrides()) throws -> PlaygroundBase {
        let spec = try #require(catalog.experiment(id: id))
        let index = try #require(spec.variants.firstIndex { $0.name == variant })
        return try #require(PlaygroundBase(spec: spec, variantIndex: index, plan: overrides.apply(to: spec.plan(variant: variant))))
    }

    /// A small MLP with Dropout and BatchNorm, as a file would give it.
    static let dropoutYAML = """
        id: drop
        title: Dropout
        summary: An MLP with Dropout.
        model:
          - {type: Flatten}
          - {type: Linear, out: 32, bias: false}
          - {type: BatchNorm1d}
          - {type: ReLU}
          - {type: Dropout, p: 0.5}
          - {type: Linear, out: 10}
        optimizer: {type: sgd, lr: 0.01}
        batch_size: 64
        epochs: 2
        variants:
          - {name: plain}
        """

    static func dropoutBase() throws -> PlaygroundBase {
        let spec = try ExperimentLoader.decode(yaml: dropoutYAML, file: "drop.yaml")
        return try #require(PlaygroundBase(spec: spec, variantIndex: 0, plan: spec.plan(variant: "plain")))
    }

    /// The error the loader gives for `yaml` (a whole experiment file).
    static func loaderError(_ yaml: String) -> ExperimentError? {
        do {
            _ = try ExperimentLoader.decode(yaml: yaml, file: "x.yaml").plans()
            return nil
        } catch {
            return error
        }
    }

    @Test func theFormStartsWithTheVariantsPlan() throws {
        let base = try Self.base("bn-vs-no-bn", variant: "bn")
        #expect(base.values[.batchSize] == "64")
        #expect(base.values[.lr] == "0.01")
        #expect(base.values[.optimizerMomentum] == "0.0")
        #expect(base.values[.bnMomentum] == "0.1")
        #expect(base.values[.batchNorm] == "on")
        #expect(base.values[.norm] == "batch")
        #expect(base.values[.placement] == "before ReLU")
        #expect(base.values[.epochs] == "10")
        #expect(base.values[.subset] == "full")
        #expect(base.values[.seed] == "1")
        #expect(base.unavailable(.dropout, in: base.values) == "the model has no Dropout layer")
        // Command-line --epochs/--subset are part of the plan the variant trains with.
        let short = try Self.base("bn-vs-no-bn", variant: "bn", overrides: RunOverrides(epochs: 1, subset: 2000))
        #expect(short.values[.epochs] == "1")
        #expect(short.values[.subset] == "2000")
    }

    @Test func unchangedValuesGiveTheSamePlanUnderTheSameName() throws {
        for (id, variant) in [("bn-vs-no-bn", "bn"), ("bn-vs-no-bn", "no-bn"), ("grad-accumulation", "micro-16x4"),
                              ("small-batch", "gn-b2"), ("frozen-bn", "bn-eval"), ("bn-momentum", "cumulative")] {
            let base = try Self.base(id, variant: variant, overrides: RunOverrides(epochs: 1, subset: 500))
            let made = try PlaygroundDraft.build(base, values: base.values)
            #expect(made.changes.isEmpty, "\(id)/\(variant)")
            #expect(made.name == variant)
            var plan = made.plan
            plan.note = base.plan.note
            #expect(plan == base.plan, "\(id)/\(variant)")
        }
    }

    @Test func changedValuesTrainAndNameTheVariant() throws {
        let base = try Self.base("bn-vs-no-bn", variant: "bn")
        var values = base.values
        values[.lr] = "0.1"
        values[.batchSize] = "16"
        values[.subset] = "2000"
        let made = try PlaygroundDraft.build(base, values: values)
        #expect(made.name == "bn-b16-lr0.1-n2000")
        #expect(made.plan.optimizer.lr == 0.1)
        #expect(made.plan.batchSize == 16 && made.plan.microBatch == 16)
        #expect(made.plan.dataset.subset == SubsetSpec(train: 2000, test: 400, balanced: true))
        #expect(made.plan.experimentID == "bn-vs-no-bn")
        #expect(made.plan.record.trainModeEval)   // the base variant's other settings are kept
        #expect(made.changesText(unicode: false) == "batch size 64 -> 16, learning rate 0.01 -> 0.1, train subset full -> 2000")
        #expect(made.spec.lesson == nil)
    }

    @Test func typedValuesAreJudgedWithTheLoadersOwnErrors() throws {
        let base = try Self.base("bn-vs-no-bn", variant: "bn")
        let cases: [(PlaygroundKnob, String, String, String)] = [
            (.lr, "-1", "variants[0].lr", "  - {name: bn, lr: -1}"),
            (.lr, "fast", "variants[0].lr", "  - {name: bn, lr: fast}"),
            (.batchSize, "0", "variants[0].batch_size", "  - {name: bn, batch_size: 0}"),
            (.seed, "-3", "variants[0].seed", "  - {name: bn, seed: -3}"),
            (.bnMomentum, "2", "variants[0].momentum", "  - {name: bn, momentum: 2}"),
        ]
        let file = try String(contentsOf: TestPaths.experiments.appendingPathComponent("bn-vs-no-bn.yaml"), encoding: .utf8)
        let head = file.components(separatedBy: "variants:\n")[0] + "variants:\n"
        for (knob, text, field, line) in cases {
            var values = base.values
            values[knob] = text
            let error = try #require(Self.loaderError(head + line), "\(knob) \(text)")
            do {
                _ = try PlaygroundDraft.build(base, values: values)
                Issue.record("\(knob) \(text) accepted")
            } catch let made {
                #expect(made.field == field, "\(knob) \(text)")
                #expect(made.field == error.field, "\(knob) \(text)")
                #expect(made.problem == error.problem, "\(knob) \(text)")
                #expect(made.hint == error.hint, "\(knob) \(text)")
            }
        }
    }

    @Test func optimizerMomentumAndSubsetAreCheckedWhereAFileHasThem() throws {
        let base = try Self.base("bn-vs-no-bn", variant: "bn")
        var values = base.values
        values[.optimizerMomentum] = "1.5"
        do { _ = try PlaygroundDraft.build(base, values: values); Issue.record("momentum 1.5 accepted") } catch {
            #expect(error.field == "optimizer.momentum")
            #expect(error.problem == "must be between 0.0 and 1.0, got 1.5")
        }
        values = base.values
        values[.subset] = "0"
        do { _ = try PlaygroundDraft.build(base, values: values); Issue.record("subset 0 accepted") } catch {
            #expect(error.field == "dataset.subset.train")
            #expect(error.problem == "must be 1 or more, got 0")
        }
        let base2 = try Self.base("small-batch", variant: "bn-b8")
        values = base2.values
        values[.subset] = "full"
        #expect(try PlaygroundDraft.build(base2, values: values).plan.dataset.subset == nil)
    }

    @Test func batchNormOffNormAndPlacement() throws {
        let base = try Self.base("bn-vs-no-bn", variant: "bn")
        var values = base.values
        values[.batchNorm] = "off"
        #expect(base.unavailable(.bnMomentum, in: values) == "BatchNorm is off")
        #expect(base.unavailable(.placement, in: values) == "BatchNorm is off")
        let off = try PlaygroundDraft.build(base, values: values)
        #expect(off.name == "bn-bn-off")
        #expect(off.plan.batchNormLayerIndices.isEmpty)

        values = base.values
        values[.placement] = BNPlacement.afterReLU.rawValue
        let after = try PlaygroundDraft.build(base, values: values)
        #expect(after.name == "bn-relu-bn")
        #expect(after.plan.model.map(\.typeName) == ["Flatten", "Linear", "ReLU", "BatchNorm1d", "Linear", "ReLU", "BatchNorm1d", "Linear"])

        // gn-b2 has norm_groups: 2; as LayerNorm the groups go (the loader would refuse them).
        let gn = try Self.base("small-batch", variant: "gn-b2")
        values = gn.values
        values[.norm] = "layer"
        let ln = try PlaygroundDraft.build(gn, values: values)
        #expect(ln.name == "gn-b2-ln")
        #expect(ln.plan.model.contains { if case .layerNorm = $0 { true } else { false } })
        #expect(gn.unavailable(.bnMomentum, in: gn.values) == "only BatchNorm has a momentum")
    }

    @Test func dropoutPSetsEveryDropoutLayer() throws {
        let base = try Self.dropoutBase()
        #expect(base.values[.dropout] == "0.5")
        var values = base.values
        values[.dropout] = "0.2"
        let made = try PlaygroundDraft.build(base, values: values)
        #expect(made.name == "plain-p0.2")
        #expect(DropoutLayers.p(of: made.plan.model) == 0.2)
        values[.dropout] = "1"
        do { _ = try PlaygroundDraft.build(base, values: values); Issue.record("p = 1 accepted") } catch {
            #expect(error.field == "model[4].p")
            #expect(error.problem == "must be less than 1, got 1")
        }
    }

    @Test func initScaleScalesEveryInitializedWeight() throws {
        let base = try Self.base("bn-vs-no-bn", variant: "bn")
        #expect(base.values[.initScale] == "1.0")
        #expect(base.unavailable(.initScale, in: base.values) == nil)
        var values = base.values
        values[.initScale] = "10"
        let made = try PlaygroundDraft.build(base, values: values)
        #expect(made.name == "bn-init10.0")
        let scales = made.plan.model.compactMap { layer -> Double? in
            if case .linear(let o) = layer { return o.initialization?.scale ?? 1 } else { return nil }
        }
        #expect(scales == [10, 10, 10])
        values[.initScale] = "ten"
        do { _ = try PlaygroundDraft.build(base, values: values); Issue.record("'ten' accepted") } catch {
            #expect(error.field == "variants[0].init.scale")
        }
    }

    @Test func aBatchSizeChangeKeepsTheMicroBatch() throws {
        let base = try Self.base("grad-accumulation", variant: "micro-16x4")
        var values = base.values
        values[.batchSize] = "32"
        let made = try PlaygroundDraft.build(base, values: values)
        #expect(made.plan.microBatch == 16 && made.plan.accumulationSteps == 2)
        values[.batchSize] = "20"
        do { _ = try PlaygroundDraft.build(base, values: values); Issue.record("20 accepted") } catch {
            #expect(error.field == "variants[0].micro_batch")
            #expect(error.problem == "16 does not divide the batch size 20")
        }
    }

    @Test func phasesKeepTheirEpochs() throws {
        let base = try Self.base("frozen-bn", variant: "bn-eval", overrides: RunOverrides(epochs: 1))
        #expect(base.unavailable(.epochs, in: base.values) == "each phase sets its own epochs")
        var values = base.values
        values[.lr] = "0.1"
        let made = try PlaygroundDraft.build(base, values: values)
        #expect(made.plan.phases.map(\.epochs) == base.plan.phases.map(\.epochs))
    }

    @Test func writingANewExperimentNeverOverwrites() throws {
        let folder = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = try Self.base("bn-vs-no-bn", variant: "bn")
        var values = base.values
        values[.lr] = "0.1"
        let made = try PlaygroundDraft.build(base, values: values)
        let first = try PlaygroundExport.write(made, to: folder)
        let second = try PlaygroundExport.write(made, to: folder)
        #expect(first.lastPathComponent == "bn-vs-no-bn-bn-lr0.1.yaml")
        #expect(second.lastPathComponent == "bn-vs-no-bn-bn-lr0.1-2.yaml")
        let catalog = ExperimentCatalog.load(folder: folder)
        #expect(catalog.invalid.isEmpty, "\(catalog.invalid)")
        #expect(catalog.experiments.map(\.id) == ["bn-vs-no-bn-bn-lr0.1", "bn-vs-no-bn-bn-lr0.1-2"])
        let loaded = try #require(catalog.experiment(id: "bn-vs-no-bn-bn-lr0.1"))
        var plan = try loaded.plan(variant: "bn-lr0.1")
        #expect(plan.experimentID == "bn-vs-no-bn-bn-lr0.1")
        plan.experimentID = made.plan.experimentID
        plan.title = made.plan.title
        #expect(plan == made.plan)
        #expect(loaded.summary == "Made in the playground from bn-vs-no-bn, variant bn: learning rate 0.01 -> 0.1.")
    }
}

@Suite("Playground: knobs that come back into use")
struct PlaygroundReturningKnobTests {
    @Test func batchNormBackOnIsOneChange() throws {
        for (id, variant, knob, value) in [("bn-vs-no-bn", "no-bn", PlaygroundKnob.batchNorm, "on"),
                                           ("small-batch", "ln-b2", .norm, "batch")] {
            let base = try PlaygroundDraftTests.base(id, variant: variant)
            #expect(base.values[.bnMomentum] == "0.1", "\(id)/\(variant)")
            var values = base.values
            values[knob] = value
            let made = try PlaygroundDraft.build(base, values: values)
            #expect(made.changes.map(\.knob) == [knob], "\(id)/\(variant)")
        }
        let cumulative = try PlaygroundDraftTests.base("bn-momentum", variant: "cumulative")
        #expect(cumulative.values[.bnMomentum] == "null")
    }
}
