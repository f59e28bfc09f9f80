import Foundation
import Testing
@testable import BNLab

/// How a spec's defaults, variant overrides and phases become a fully resolved plan.
@Suite("Plan resolution")
struct PlanResolutionTests {
    let mlp: [LayerSpec] = [
        .flatten, .linear(LinearOptions(outFeatures: 32, bias: false)), .batchNorm1d(BatchNormOptions()), .relu,
        .linear(LinearOptions(outFeatures: 10)),
    ]

    func spec(_ variants: [VariantSpec], batchSize: Int = 64, accumulationSteps: Int = 1,
              phases: [PhaseSpec]? = nil) -> ExperimentSpec {
        ExperimentSpec(id: "t", title: "T", summary: "S", model: mlp, optimizer: OptimizerSpec(lr: 0.05),
                       batchSize: batchSize, epochs: 2, accumulationSteps: accumulationSteps, phases: phases, variants: variants)
    }

    @Test("defaults are filled in: one phase, eval batch, train-mode batch sizes, sizes inferred")
    func defaults() throws {
        let plan = try spec([VariantSpec(name: "default")]).plan(variant: "default")
        #expect(plan.phases == [PhasePlan(name: "train", epochs: 2, freeze: .none, bnModeInTraining: .train, lr: 0.05)])
        #expect(plan.evalBatchSize == 64 && plan.microBatch == 64 && plan.accumulationSteps == 1)
        #expect(plan.record.trainModeBatchSizes == [64])
        #expect(plan.model[1] == .linear(LinearOptions(inFeatures: 784, outFeatures: 32, bias: false)))
        #expect(plan.model[2] == .batchNorm1d(BatchNormOptions(features: 32, eps: 1e-5, momentum: 0.1)))
        #expect(plan.model[4] == .linear(LinearOptions(inFeatures: 32, outFeatures: 10)))
        #expect(plan.seed == 0 && plan.epochs == 2 && plan.name == "t/default")
    }

    @Test("batch size, micro-batch and accumulation steps: two given, the third derived")
    func batchArithmetic() throws {
        let cases: [(VariantSpec, [Int])] = [
            (VariantSpec(name: "a"), [64, 64, 1]),
            (VariantSpec(name: "b", batchSize: 16), [16, 16, 1]),
            (VariantSpec(name: "c", microBatch: 16), [64, 16, 4]),
            (VariantSpec(name: "d", accumulationSteps: 4), [64, 16, 4]),
            (VariantSpec(name: "e", accumulationSteps: 4, microBatch: 8), [32, 8, 4]),
            (VariantSpec(name: "f", batchSize: 32, microBatch: 8), [32, 8, 4]),
            (VariantSpec(name: "g", batchSize: 32, accumulationSteps: 2), [32, 16, 2]),
        ]
        let plans = try spec(cases.map(\.0)).plans()
        for (plan, expected) in zip(plans, cases.map(\.1)) {
            #expect([plan.batchSize, plan.microBatch, plan.accumulationSteps] == expected, "\(plan.variant)")
        }
        let accumulated = try spec([VariantSpec(name: "a"), VariantSpec(name: "b", batchSize: 128)], accumulationSteps: 4).plans()
        #expect(accumulated.map { [$0.batchSize, $0.microBatch, $0.accumulationSteps] } == [[64, 16, 4], [128, 32, 4]])
    }

    @Test("bn: false drops BatchNorm and restores the bias before it")
    func dropBatchNorm() throws {
        let plan = try spec([VariantSpec(name: "plain", bn: false)]).plan(variant: "plain")
        #expect(plan.model == [
            .flatten, .linear(LinearOptions(inFeatures: 784, outFeatures: 32, bias: true)), .relu,
            .linear(LinearOptions(inFeatures: 32, outFeatures: 10)),
        ])
    }

    @Test("norm: group and layer replace BatchNorm; momentum overrides every BatchNorm")
    func normReplacement() throws {
        let plans = try spec([
            VariantSpec(name: "gn", norm: .group), VariantSpec(name: "gn4", norm: .group, normGroups: 4),
            VariantSpec(name: "ln", norm: .layer), VariantSpec(name: "cumulative", momentum: .some(nil)),
            VariantSpec(name: "fast", momentum: 0.5),
        ]).plans()
        #expect(plans[0].model[2] == .groupNorm(GroupNormOptions(groups: 16, channels: 32)))
        #expect(plans[1].model[2] == .groupNorm(GroupNormOptions(groups: 4, channels: 32)))
        #expect(plans[2].model[2] == .layerNorm(LayerNormOptions(shape: [32])))
        #expect(plans[3].model[2].batchNormOptions?.momentum == .some(nil))
        #expect(plans[4].model[2].batchNormOptions?.momentum == 0.5)
        #expect(ModelResolverDefaults.groups(6) == 2 && ModelResolverDefaults.groups(16) == 8 && ModelResolverDefaults.groups(7) == 1)
    }

    @Test("a phase's own settings win over the variant's, which win over the experiment's")
    func phasePrecedence() throws {
        let phases = [PhaseSpec(name: "pre", epochs: 1, freeze: FreezeMode.none, bnModeInTraining: .train, lr: 0.1),
                      PhaseSpec(name: "fine", epochs: 2, freeze: .body)]
        let plans = try spec([VariantSpec(name: "a"), VariantSpec(name: "b", bnModeInTraining: .eval, lr: 0.01)],
                             phases: phases).plans()
        #expect(plans[0].phases == [
            PhasePlan(name: "pre", epochs: 1, freeze: .none, bnModeInTraining: .train, lr: 0.1),
            PhasePlan(name: "fine", epochs: 2, freeze: .body, bnModeInTraining: .train, lr: 0.05),
        ])
        #expect(plans[1].phases.map(\.bnModeInTraining) == [.train, .eval])
        #expect(plans[1].phases.map(\.lr) == [0.1, 0.01])
        #expect(plans[0].epochs == 3)
    }

    @Test("a momentum written as null, absent, or a number decodes to what it says")
    func momentumNull() throws {
        let yaml = """
        id: m
        title: M
        summary: Momentum forms.
        model:
          - {type: Flatten}
          - {type: Linear, out: 8}
          - {type: BatchNorm1d, momentum: null}
          - {type: BatchNorm1d}
          - {type: BatchNorm1d, momentum: 0.3}
          - {type: Linear, out: 10}
        optimizer: {type: sgd, lr: 0.1}
        batch_size: 4
        epochs: 1
        variants:
          - {name: keep}
          - {name: null-all, momentum: null}
          - {name: absent, note: no momentum key}
        """
        let spec = try ExperimentLoader.decode(yaml: yaml, file: "m.yaml")
        #expect(spec.model[2].batchNormOptions?.momentum == .some(nil))
        #expect(spec.model[3].batchNormOptions?.momentum == 0.1)
        #expect(spec.model[4].batchNormOptions?.momentum == 0.3)
        #expect(spec.variants[1].momentum == .some(.none))
        #expect(spec.variants[2].momentum == .none)
        let plans = try spec.plans()
        #expect(plans[1].model.compactMap(\.batchNormOptions).allSatisfy { $0.momentum == nil })
        #expect(plans[2].model.compactMap(\.batchNormOptions).map(\.momentum) == [nil, 0.1, 0.3])
    }

    @Test("a conv net's sizes are inferred through convolution, pooling and flatten")
    func convShapes() throws {
        let model: [LayerSpec] = [
            .conv2d(Conv2dOptions(outChannels: 4, kernel: 5, stride: 1, padding: 2)), .batchNorm2d(BatchNormOptions()), .relu,
            .maxPool2d(MaxPool2dOptions(kernel: 2)), .conv2d(Conv2dOptions(outChannels: 8, kernel: 3, stride: 2)),
            .groupNorm(GroupNormOptions(groups: 2)), .flatten, .dropout(DropoutOptions(p: 0.25)), .linear(LinearOptions(outFeatures: 10)),
        ]
        let spec = ExperimentSpec(id: "c", title: "C", summary: "S", model: model, optimizer: OptimizerSpec(lr: 0.1),
                                  batchSize: 4, epochs: 1)
        let plan = try spec.plan(variant: "default")
        // 28 → conv5 pad2 → 28 → pool2 → 14 → conv3 stride2 → 6; 8·6·6 = 288.
        #expect(plan.model[0] == .conv2d(Conv2dOptions(inChannels: 1, outChannels: 4, kernel: 5, stride: 1, padding: 2)))
        #expect(plan.model[1] == .batchNorm2d(BatchNormOptions(features: 4)))
        #expect(plan.model[4] == .conv2d(Conv2dOptions(inChannels: 4, outChannels: 8, kernel: 3, stride: 2)))
        #expect(plan.model[5] == .groupNorm(GroupNormOptions(groups: 2, channels: 8)))
        #expect(plan.model[8] == .linear(LinearOptions(inFeatures: 288, outFeatures: 10)))
        #expect(plan.model[4].description == "Conv2d(4, 8, kernel_size=(3, 3), stride=(2, 2))")
        #expect(plan.model[1].description == "BatchNorm2d(4, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)")
    }

    @Test("a plan from a minimal JSON config fills the same defaults")
    func minimalJSONPlan() throws {
        let json = """
        {"experiment_id": "py", "variant": "v", "batch_size": 32, "epochs": 2, "seed": 1,
         "optimizer": {"type": "sgd", "lr": 0.1},
         "model": [{"type": "Flatten"}, {"type": "Linear", "in": 784, "out": 10}], "future_field": 1}
        """
        let plan = try JSONDecoder().decode(RunPlan.self, from: Data(json.utf8))
        #expect(plan.title == "py" && plan.microBatch == 32 && plan.accumulationSteps == 1 && plan.evalBatchSize == 32)
        #expect(plan.phases == [PhasePlan(name: "train", epochs: 2, freeze: .none, bnModeInTraining: .train, lr: 0.1)])
        #expect(plan.record.trainModeBatchSizes == [32])
        #expect(plan.dataset == DatasetSpec())
    }
}

/// Access to the resolver's default group rule for the tests.
enum ModelResolverDefaults {
    static func groups(_ channels: Int) -> Int { ModelResolver.defaultGroups(channels: channels) }
}
