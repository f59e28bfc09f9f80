import Foundation
import Testing
@testable import BNLab

/// `optimizer:`, `scheduler:` and `init:` in experiment files: PyTorch's defaults, variant
/// overrides, and located errors in PyTorch's words.
@Suite("Optimizer, scheduler and init settings")
struct OptimizerSchedulerInitSpecTests {
    func experiment(optimizer: String = "{type: sgd, lr: 0.1}", rest: String = "", variants: String = "  - {name: a}",
                    layer: String = "{type: Linear, out: 10}") -> String {
        """
        id: opt
        title: Opt
        summary: Optimizer settings.
        model:
          - {type: Flatten}
          - {type: Linear, out: 16, bias: false}
          - {type: BatchNorm1d}
          - {type: ReLU}
          - \(layer)
        optimizer: \(optimizer)
        batch_size: 8
        epochs: 2
        \(rest)
        variants:
        \(variants)
        """
    }

    func plans(_ yaml: String) throws(ExperimentError) -> [RunPlan] {
        try ExperimentLoader.decode(yaml: yaml, file: "experiments/opt.yaml").plans()
    }

    func failure(_ yaml: String) -> ExperimentError? {
        do { _ = try plans(yaml); return nil } catch { return error }
    }

    @Test("each optimizer gets PyTorch's defaults, and its header round-trips")
    func defaults() throws {
        let adam = try #require(try plans(experiment(optimizer: "{type: adam}")).first).optimizer
        #expect(adam.kind == .adam && adam.lr == 1e-3 && adam.betas == [0.9, 0.999] && adam.eps == 1e-8
                && adam.weightDecay == 0 && !adam.amsgrad)
        let adamw = try #require(try plans(experiment(optimizer: "{type: AdamW, amsgrad: true}")).first).optimizer
        #expect(adamw.kind == .adamw && adamw.weightDecay == 0.01 && adamw.amsgrad)
        let rms = try #require(try plans(experiment(optimizer: "{type: rmsprop, centered: true, momentum: 0.9}")).first).optimizer
        #expect(rms.kind == .rmsprop && rms.lr == 0.01 && rms.alpha == 0.99 && rms.centered && rms.momentum == 0.9)
        let json = try JSONEncoder().encode(adamw)
        let text = String(decoding: json, as: UTF8.self)
        #expect(!text.contains("nesterov") && text.contains("betas"))
        #expect(try JSONDecoder().decode(OptimizerSpec.self, from: json) == adamw)
    }

    @Test("values PyTorch refuses are refused with PyTorch's words, on their line")
    func pytorchWords() throws {
        let beta = try #require(failure(experiment(optimizer: "{type: adam, betas: [0.9, 1.0]}")))
        #expect(beta.line == 10 && beta.field == "optimizer.betas[1]", "\(beta)")
        #expect(beta.problem == "Invalid beta parameter at index 1: 1.0")
        let eps = try #require(failure(experiment(optimizer: "{type: rmsprop, eps: -1}")))
        #expect(eps.problem == "Invalid epsilon value: -1.0" && eps.field == "optimizer.eps")
        let alpha = try #require(failure(experiment(optimizer: "{type: rmsprop, alpha: -0.5}")))
        #expect(alpha.problem == "Invalid alpha value: -0.5")
        let wrongKey = try #require(failure(experiment(optimizer: "{type: adam, nesterov: true}")))
        #expect(wrongKey.field == "optimizer.nesterov" && wrongKey.problem == "'nesterov' is not an option of adam")
        #expect(wrongKey.hint?.contains("betas") == true && wrongKey.kind == .unknownKey)
        let unknown = try #require(failure(experiment(optimizer: "{type: adagrad}")))
        #expect(unknown.problem.hasPrefix("unknown optimizer 'adagrad'"), "\(unknown)")
    }

    @Test("a variant switches the optimizer (its defaults) or changes some options")
    func variantOptimizer() throws {
        let plans = try plans(experiment(optimizer: "{type: sgd, lr: 0.1, momentum: 0.9}", variants: """
          - {name: sgd}
          - {name: adam, optimizer: {type: adam}}
          - {name: wd, optimizer: {weight_decay: 0.001}}
          - {name: lr, lr: 0.5}
        """))
        #expect(plans[0].optimizer == OptimizerSpec(lr: 0.1, momentum: 0.9))
        #expect(plans[1].optimizer == OptimizerSpec(kind: .adam, lr: 1e-3))
        #expect(plans[2].optimizer == OptimizerSpec(lr: 0.1, momentum: 0.9, weightDecay: 0.001))
        #expect(plans[3].optimizer.lr == 0.5 && plans[3].phases[0].lr == 0.5)
        let bad = try #require(failure(experiment(variants: "  - {name: a, optimizer: {betas: [0.9, 0.99]}}")))
        #expect(bad.field == "variants[0].optimizer.betas" && bad.line == 15, "\(bad)")
    }

    @Test("schedulers: options, defaults, interval, SequentialLR and its milestones")
    func schedulers() throws {
        let yaml = experiment(rest: """
        scheduler:
          - type: SequentialLR
            interval: step
            milestones: [10]
            schedulers:
              - {type: LinearLR, start_factor: 0.1, total_iters: 10}
              - {type: CosineAnnealingLR, T_max: 90}
          - {type: StepLR, step_size: 1, interval: epoch}
        """, variants: "  - {name: a}\n  - {name: constant, scheduler: []}")
        let plans = try plans(yaml)
        #expect(plans[0].scheduler == [
            SchedulerSpec(.sequentialLR(schedulers: [.linearLR(startFactor: 0.1, endFactor: 1, totalIters: 10),
                                                     .cosineAnnealingLR(tMax: 90, etaMin: 0)], milestones: [10]), interval: .step),
            SchedulerSpec(.stepLR(stepSize: 1, gamma: 0.1), interval: .epoch),
        ])
        #expect(plans[1].scheduler.isEmpty)
        let header = try JSONEncoder().encode(plans[0])
        #expect(try JSONDecoder().decode(RunPlan.self, from: header) == plans[0])
        #expect(!String(decoding: try JSONEncoder().encode(plans[1]), as: UTF8.self).contains("scheduler"))

        let noInterval = try #require(failure(experiment(rest: "scheduler:\n  - {type: StepLR, step_size: 2}")))
        #expect(noInterval.field == "scheduler[0].interval" && noInterval.kind == .missingField, "\(noInterval)")
        let milestones = try #require(failure(experiment(rest: """
        scheduler:
          - {type: SequentialLR, interval: epoch, milestones: [], schedulers: [{type: LinearLR}, {type: StepLR, step_size: 1}]}
        """)))
        #expect(milestones.problem.hasPrefix("Sequential Schedulers expects number of schedulers provided to be one more"), "\(milestones)")
        let factor = try #require(failure(experiment(rest: "scheduler:\n  - {type: LinearLR, start_factor: 0, interval: step}")))
        #expect(factor.problem == "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.")
        #expect(factor.line == 14 && factor.field == "scheduler[0].start_factor")
        let typo = try #require(failure(experiment(rest: "scheduler:\n  - {type: CosineAnnealingLR, Tmax: 5, interval: epoch}")))
        #expect(typo.kind == .unknownKey && typo.problem.contains("Did you mean 'T_max'?"), "\(typo)")
        let inner = try #require(failure(experiment(rest: """
        scheduler:
          - {type: SequentialLR, interval: epoch, milestones: [1], schedulers: [{type: LinearLR, interval: step}, {type: StepLR, step_size: 1}]}
        """)))
        #expect(inner.field == "scheduler[0].schedulers[0].interval", "\(inner)")
    }

    /// The resolved init of the plan's layer `index` (a Linear).
    func initOf(_ plan: RunPlan, _ index: Int) -> InitSpec? {
        if case .linear(let o) = plan.model[index] { return o.initialization }
        return nil
    }

    @Test("init: experiment, layer and variant merge field by field; default at scale 1 records nothing")
    func initMerging() throws {
        let plans = try plans(experiment(rest: "init: {scheme: kaiming_normal, nonlinearity: relu, layers: [Linear]}", variants: """
          - {name: kaiming}
          - {name: x10, init: {scale: 10}}
          - {name: xavier, init: {scheme: xavier_uniform, gain: 2}}
        """, layer: "{type: Linear, out: 10, init: {scheme: default}}"))
        #expect(initOf(plans[0], 1) == InitSpec(scheme: .kaimingNormal, mode: .fanIn, nonlinearity: "relu", a: 0, scale: 1))
        #expect(initOf(plans[0], 4) == nil)          // the layer's own scheme: default, scale 1
        #expect(initOf(plans[1], 1)?.scale == 10 && initOf(plans[1], 1)?.scheme == .kaimingNormal)
        #expect(initOf(plans[1], 4) == InitSpec(scheme: .default, scale: 10))
        #expect(initOf(plans[2], 1) == InitSpec(scheme: .xavierUniform, gain: 2, scale: 1))
        let fanOut = try self.plans(experiment(rest: "init: {scheme: kaiming_uniform}", variants: "  - {name: a, init: {mode: fan_out}}"))
        #expect(initOf(fanOut[0], 1)?.mode == .fanOut && initOf(fanOut[0], 4)?.mode == .fanOut)
        // a Kaiming option for a layer whose own scheme is the default one is an error at the variant
        let mismatch = try #require(failure(experiment(rest: "init: {scheme: kaiming_uniform}", variants: "  - {name: a, init: {mode: fan_out}}",
                                                       layer: "{type: Linear, out: 10, init: {scheme: default}}")))
        #expect(mismatch.field == "variants[0].init.mode", "\(mismatch)")
        let header = try JSONEncoder().encode(plans[1])
        #expect(try JSONDecoder().decode(RunPlan.self, from: header) == plans[1])
    }

    @Test("init errors: PyTorch's words for mode and nonlinearity, options of another scheme, layer types")
    func initErrors() throws {
        let mode = try #require(failure(experiment(rest: "init: {scheme: kaiming_uniform, mode: fan_avg}")))
        #expect(mode.problem == "Mode fan_avg not supported, please use one of ['fan_in', 'fan_out']" && mode.field == "init.mode")
        let gelu = try #require(failure(experiment(rest: "init: {scheme: kaiming_uniform, nonlinearity: gelu}")))
        #expect(gelu.problem == "Unsupported nonlinearity gelu")
        let gain = try #require(failure(experiment(rest: "init: {scheme: kaiming_uniform, gain: 2}")))
        #expect(gain.field == "init.gain" && gain.problem.contains("not an option of scheme kaiming_uniform"))
        let late = try #require(failure(experiment(variants: "  - {name: a, init: {gain: 2}}")))
        #expect(late.field == "variants[0].init.gain" && late.line == 15, "\(late)")
        let types = try #require(failure(experiment(rest: "init: {layers: [BatchNorm1d]}")))
        #expect(types.field == "init.layers[0]", "\(types)")
        let own = try #require(failure(experiment(layer: "{type: Linear, out: 10, init: {layers: [Linear]}}")))
        #expect(own.field == "model[4].init.layers", "\(own)")
        let scale = try #require(failure(experiment(variants: "  - {name: a, init: {scale: 0}}")))
        #expect(scale.field == "variants[0].init.scale")
    }
}
