import Foundation
import Testing
@testable import BNLab

/// The variant keys `normalize`, `dropout`, `ghost_batch` and `model`, and the lesson-check keys
/// loading accepts.
@Suite("Variant overrides")
struct VariantOverridesTests {
    /// An MLP experiment with BatchNorm and Dropout, and the given variants.
    func spec(_ variants: String, extra: String = "") throws(ExperimentError) -> ExperimentSpec {
        try ExperimentLoader.decode(yaml: """
            id: t
            title: T
            summary: S
            dataset: {normalize: {mean: [0.5], std: [0.25]}}
            model:
              - {type: Flatten}
              - {type: Linear, out: 32, bias: false}
              - {type: BatchNorm1d}
              - {type: ReLU}
              - {type: Dropout, p: 0.5}
              - {type: Linear, out: 10}
            optimizer: {type: sgd, lr: 0.1}
            batch_size: 64
            epochs: 1
            variants:
            \(variants)
            \(extra)
            """, file: "experiments/t.yaml")
    }

    func failure(_ variants: String) -> ExperimentError? {
        do {
            _ = try spec(variants).plans()
            return nil
        } catch {
            return error
        }
    }

    @Test("normalize: false is ToTensor only; a mapping replaces the experiment's values")
    func normalize() throws {
        let s = try spec("""
              - {name: a}
              - {name: raw, normalize: false}
              - {name: other, normalize: {mean: [0.2860], std: [0.3530]}}
            """)
        let plans = try s.plans()
        #expect(plans[0].dataset.normalize == NormalizeSpec(mean: [0.5], std: [0.25]))
        #expect(plans[1].dataset.normalize == nil)
        #expect(plans[2].dataset.normalize == NormalizeSpec(mean: [0.2860], std: [0.3530]))
    }

    @Test("dropout sets every Dropout layer's p; ghost_batch every BatchNorm's sub-batch")
    func dropoutAndGhost() throws {
        let plan = try spec("  - {name: a, dropout: 0.2, ghost_batch: 16}").plan(variant: "a")
        #expect(plan.model[4] == .dropout(DropoutOptions(p: 0.2)))
        #expect(plan.model[2] == .batchNorm1d(BatchNormOptions(features: 32, ghostBatch: 16)))
        #expect(plan.model[2].description.hasSuffix("ghost_batch=16)"))
    }

    @Test("a variant's own model replaces the experiment's, with its sizes inferred")
    func ownModel() throws {
        let plan = try spec("""
              - name: after
                model:
                  - {type: Flatten}
                  - {type: Linear, out: 32}
                  - {type: ReLU}
                  - {type: BatchNorm1d}
                  - {type: Linear, out: 10}
            """).plan(variant: "after")
        #expect(plan.model.map(\.typeName) == ["Flatten", "Linear", "ReLU", "BatchNorm1d", "Linear"])
        #expect(plan.model[3] == .batchNorm1d(BatchNormOptions(features: 32)))
        #expect(plan.batchNormLayerIndices == [3])
    }

    @Test("keys that change nothing, or make no sense, are errors at the variant's line")
    func errors() throws {
        let noBN = try #require(failure("  - {name: a, bn: false, ghost_batch: 8}"))
        #expect(noBN.field == "variants[0].ghost_batch" && noBN.line == 16, "\(noBN)")
        let truth = try #require(failure("  - {name: a, normalize: true}"))
        #expect(truth.problem.contains("'true' does not say how to normalize"))
        let p1 = try #require(failure("  - {name: a, dropout: 1}"))
        #expect(p1.field == "variants[0].dropout")
        let modelError = try #require(failure("""
              - name: a
                model:
                  - {type: Flatten}
                  - {type: Linear, out: 7}
            """))
        #expect(modelError.field == "variants[0].model[1]" && modelError.problem.contains("10 classes"))
        let typo = try #require(failure("  - {name: a, dropuot: 0.2}"))
        #expect(typo.problem.contains("unknown key 'dropuot'") && typo.hint?.contains("ghost_batch") == true, "\(typo)")
    }

    @Test("expect: and lesson_check: are accepted (evaluated by bnlab lesson --check)")
    func lessonCheckKeys() throws {
        let s = try spec("  - {name: a}", extra: """
            lesson_check: {subset: 2000, epochs: 1}
            lesson:
              - step: 10
                panel: loss
                text: Ten steps.
                expect:
                  - {less: [a.loss@10, 3.0]}
            """)
        #expect(s.lesson?.count == 1)
    }
}
