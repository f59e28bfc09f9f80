import Foundation
import Testing
@testable import BNLab
import Yams

/// The real `experiments/` folder: every file decodes, resolves and says what it should.
@Suite("The shipped experiment catalog")
struct CatalogTests {
    let catalog = Self.shared
    static let shared = ExperimentCatalog.load(folder: TestPaths.experiments)

    @Test("every shipped experiment loads and resolves")
    func everyExperimentLoads() throws {
        #expect(catalog.invalid.isEmpty, "\(catalog.invalid.map(\.error.description))")
        #expect(catalog.experiments.map(\.id) == [
            "bn-momentum", "bn-placement", "bn-vs-no-bn", "dropout", "frozen-bn", "ghost-bn", "grad-accumulation",
            "initialization", "input-normalization", "learning-rate", "lr-schedule", "optimizers", "small-batch",
            "train-vs-eval", "weight-decay",
        ])
        for spec in catalog.experiments {
            #expect(!spec.summary.contains("\n"), "\(spec.id): summary must be one line")
            #expect(spec.notes.contains("What to look at"), "\(spec.id): notes should say what to look at")
            let plans = try spec.plans()
            #expect(plans.count == spec.variants.count)
            for plan in plans {
                #expect(plan.model.last.map { if case .linear(let o) = $0 { o.outFeatures == 10 } else { false } } == true)
                #expect(plan.batchSize == plan.microBatch * plan.accumulationSteps)
            }
        }
    }

    @Test("bn-vs-no-bn: the MLP with and without BatchNorm")
    func bnVsNoBN() throws {
        let spec = try #require(catalog.experiment(id: "bn-vs-no-bn"))
        let bn = try spec.plan(variant: "bn")
        let plain = try spec.plan(variant: "no-bn")
        #expect(bn.model.map(\.typeName) == ["Flatten", "Linear", "BatchNorm1d", "ReLU", "Linear", "BatchNorm1d", "ReLU", "Linear"])
        #expect(bn.model[1] == .linear(LinearOptions(inFeatures: 784, outFeatures: 256, bias: false)))
        #expect(bn.model[2] == .batchNorm1d(BatchNormOptions(features: 256)))
        #expect(bn.model[7] == .linear(LinearOptions(inFeatures: 256, outFeatures: 10, bias: true)))
        #expect(bn.batchNormLayerIndices == [2, 5])
        #expect(plain.model.map(\.typeName) == ["Flatten", "Linear", "ReLU", "Linear", "ReLU", "Linear"])
        #expect(plain.model[1] == .linear(LinearOptions(inFeatures: 784, outFeatures: 256, bias: true)))
        #expect(bn.optimizer.lr == 0.01 && bn.batchSize == 64 && bn.epochs == 10)
        #expect(bn.record.trainModeEval && !plain.record.trainModeEval)
        // The seed setup: ToTensor only (pixels ÷ 255), no Normalize; see the experiment notes.
        #expect(bn.dataset.normalize == nil && plain.dataset.normalize == nil)
    }

    @Test("frozen-bn: pretrain, then fine-tune a frozen body in two BatchNorm modes")
    func frozenBN() throws {
        let spec = try #require(catalog.experiment(id: "frozen-bn"))
        let a = try spec.plan(variant: "train-mode")
        let b = try spec.plan(variant: "bn-eval")
        #expect(a.model[9] == .linear(LinearOptions(inFeatures: 400, outFeatures: 120)))
        #expect(a.model[0] == .conv2d(Conv2dOptions(inChannels: 1, outChannels: 6, kernel: 3)))
        #expect(a.model[4] == .conv2d(Conv2dOptions(inChannels: 6, outChannels: 16, kernel: 3)))
        #expect(a.headLayerIndex == 13)
        #expect(a.phases.map(\.name) == ["pretrain", "fine-tune"])
        #expect(a.phases.map(\.freeze) == [FreezeMode.none, .body])
        #expect(a.phases.map(\.bnModeInTraining) == [.train, .train])
        #expect(b.phases.map(\.bnModeInTraining) == [.train, .eval])
        #expect(a.record.probe == ProbeSpec(size: 64, output: .features))
        #expect(a.epochs == a.phases.reduce(0) { $0 + $1.epochs })
    }

    @Test("grad-accumulation: batch arithmetic and the compensating momentum")
    func gradAccumulation() throws {
        let plans = try #require(catalog.experiment(id: "grad-accumulation")).plans()
        let shape = plans.map { [$0.batchSize, $0.microBatch, $0.accumulationSteps] }
        #expect(shape == [[64, 64, 1], [64, 16, 4], [16, 16, 1], [64, 16, 4]])
        let momentum = try #require(plans[3].model[2].batchNormOptions?.momentum)
        #expect(abs(momentum - (1 - pow(0.9, 0.25))) < 1e-12)
        #expect(plans[1].model[2].batchNormOptions?.momentum == 0.1)
    }

    @Test("bn-momentum: 0.01, 0.1, 0.5 and a cumulative average")
    func bnMomentum() throws {
        let plans = try #require(catalog.experiment(id: "bn-momentum")).plans()
        #expect(plans.map { $0.model[2].batchNormOptions?.momentum } == [0.01, 0.1, 0.5, .some(nil)])
        #expect(plans.allSatisfy { $0.model[5].batchNormOptions?.momentum == $0.model[2].batchNormOptions?.momentum })
        #expect(plans.allSatisfy { $0.record.populationStats })
    }

    @Test("small-batch: 12 variants on a small subset")
    func smallBatch() throws {
        let spec = try #require(catalog.experiment(id: "small-batch"))
        let plans = try spec.plans()
        #expect(plans.count == 12)
        #expect(Set(plans.map(\.batchSize)) == [2, 4, 8, 64])
        #expect(spec.dataset.subset?.train != nil)
        let gn = try spec.plan(variant: "gn-b2")
        #expect(gn.model[1] == .groupNorm(GroupNormOptions(groups: 2, channels: 6)))
        #expect(gn.model[5] == .groupNorm(GroupNormOptions(groups: 2, channels: 16)))
        let ln = try spec.plan(variant: "ln-b8")
        #expect(ln.model[1] == .layerNorm(LayerNormOptions(shape: [6, 26, 26])))
        #expect(ln.model[5] == .layerNorm(LayerNormOptions(shape: [16, 11, 11])))
    }

    @Test("learning-rate: three rates with and without BatchNorm")
    func learningRate() throws {
        let plans = try #require(catalog.experiment(id: "learning-rate")).plans()
        #expect(plans.map(\.optimizer.lr) == [0.01, 0.1, 1.0, 0.01, 0.1, 1.0])
        #expect(plans.map { !$0.batchNormLayerIndices.isEmpty } == [true, true, true, false, false, false])
        #expect(plans.allSatisfy { $0.phases.first?.lr == $0.optimizer.lr })
    }

    @Test("train-vs-eval: train-mode tests with batches of 2, 8 and 64")
    func trainVsEval() throws {
        let plan = try #require(catalog.experiment(id: "train-vs-eval")).plan(variant: "bn")
        #expect(plan.record.trainModeEval)
        #expect(plan.record.trainModeBatchSizes == [2, 8, 64])
    }

    @Test("a plan survives a JSON round trip, a null momentum included")
    func planRoundTrip() throws {
        for spec in catalog.experiments {
            for plan in try spec.plans() {
                let data = try JSONEncoder().encode(plan)
                #expect(try JSONDecoder().decode(RunPlan.self, from: data) == plan, "\(plan.name)")
            }
        }
        let cumulative = try #require(catalog.experiment(id: "bn-momentum")).plan(variant: "cumulative")
        let json = String(decoding: try JSONEncoder().encode(cumulative), as: UTF8.self)
        #expect(json.contains("\"momentum\":null"))
    }
}

/// Specs encode back to YAML that decodes to the same spec.
@Suite("Experiment specs as Codable values")
struct ExperimentSpecCodingTests {
    @Test("every shipped spec survives a JSON round trip exactly, a null momentum included")
    func jsonRoundTrip() throws {
        for spec in CatalogTests.shared.experiments {
            let data = try JSONEncoder().encode(spec)
            let again = try JSONDecoder().decode(ExperimentSpec.self, from: data)
            #expect(again == spec, "\(spec.id)")
            #expect(try again.plans() == spec.plans())
        }
    }

    @Test("every shipped spec encodes to YAML that loads again (Yams prints 15 significant digits)")
    func yamlRoundTrip() throws {
        for spec in CatalogTests.shared.experiments {
            let yaml = try YAMLEncoder().encode(spec)
            let again = try ExperimentLoader.decode(yaml: yaml, file: "\(spec.id).yaml")
            #expect(try YAMLEncoder().encode(again) == yaml, "\(spec.id)")
            #expect(try again.plans().map(\.variant) == spec.plans().map(\.variant))
        }
    }

    @Test("a spec loaded from a file equals the same spec built in code")
    func loadedEqualsBuilt() throws {
        let loaded = try ExperimentLoader.load(contentsOf: TestPaths.fixture("experiments-mixed/good.yaml"))
        let built = ExperimentSpec(id: "good", title: "A good experiment", summary: "Decodes and resolves.",
                                   model: [.flatten, .linear(LinearOptions(outFeatures: 10))],
                                   optimizer: OptimizerSpec(lr: 0.1), batchSize: 8, epochs: 1)
        #expect(loaded == built)
    }
}

extension CatalogTests {
    @Test("issue 14's experiments resolve their optimizers, schedule, init and weight norm")
    func optimizerScheduleInitExperiments() throws {
        let optimizers = try #require(catalog.experiment(id: "optimizers")).plans()
        #expect(optimizers.map(\.optimizer.kind) == [.sgd, .adam, .adamw])
        #expect(optimizers[2].optimizer.weightDecay == 0.05)
        let schedule = try #require(catalog.experiment(id: "lr-schedule")).plans()
        #expect(schedule.map { $0.scheduler.count } == [1, 1, 0, 0])
        let initialization = try #require(catalog.experiment(id: "initialization")).plans()
        let scales = initialization.map { plan -> Double? in
            if case .linear(let o) = plan.model[1] { return o.initialization?.scale ?? 1 }
            return nil
        }
        #expect(scales == [0.1, 1, 10, 0.1, 1, 10])
        let decay = try #require(catalog.experiment(id: "weight-decay")).plans()
        #expect(decay.map(\.optimizer.weightDecay) == [0, 5e-4, 5e-3] && decay.allSatisfy(\.record.weightNorm))
    }
}
