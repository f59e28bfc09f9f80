import Testing
@testable import BNLab

@Suite("Playground: BatchNorm placement and Dropout as changes of a model list")
struct PlaygroundModelTests {
    static let bnBeforeReLU: [LayerSpec] = [
        .flatten, .linear(LinearOptions(outFeatures: 8, bias: false)), .batchNorm1d(BatchNormOptions()), .relu,
        .linear(LinearOptions(outFeatures: 8, bias: false)), .batchNorm1d(BatchNormOptions()), .relu,
        .linear(LinearOptions(outFeatures: 10)),
    ]

    @Test func placementSwapsEachBatchNormWithTheReLUAfterIt() {
        let after = BNPlacement.afterReLU.apply(to: Self.bnBeforeReLU)
        #expect(after.map(\.typeName) == ["Flatten", "Linear", "ReLU", "BatchNorm1d", "Linear", "ReLU", "BatchNorm1d", "Linear"])
        #expect(BNPlacement.of(Self.bnBeforeReLU) == .beforeReLU)
        #expect(BNPlacement.of(after) == .afterReLU)
        #expect(BNPlacement.beforeReLU.apply(to: after) == Self.bnBeforeReLU)
        #expect(BNPlacement.beforeReLU.apply(to: Self.bnBeforeReLU) == Self.bnBeforeReLU)   // already so
    }

    @Test func placementIsUnknownWithoutBatchNormOrWhenMixed() {
        #expect(BNPlacement.of([.flatten, .linear(LinearOptions(outFeatures: 10))]) == nil)
        var mixed = Self.bnBeforeReLU
        mixed.swapAt(5, 6)   // second BatchNorm after its ReLU, the first before
        #expect(BNPlacement.of(mixed) == nil)
        // A BatchNorm not next to any ReLU.
        #expect(BNPlacement.of([.flatten, .batchNorm1d(BatchNormOptions()), .linear(LinearOptions(outFeatures: 10))]) == nil)
    }

    @Test func dropoutLayersAreFoundAndReadByTheFirst() {
        let model: [LayerSpec] = [.flatten, .dropout(DropoutOptions(p: 0.3)), .linear(LinearOptions(outFeatures: 10)),
                                  .dropout(DropoutOptions(p: 0.1))]
        #expect(DropoutLayers.indices(in: model) == [1, 3])
        #expect(DropoutLayers.p(of: model) == 0.3)
        #expect(DropoutLayers.p(of: Self.bnBeforeReLU) == nil)
    }

    @Test func aChangedVariantIsNamedByTheOneRule() {
        #expect(RunNaming.variantName(base: "bn", changes: ["lr0.1", "b16"]) == "bn-lr0.1-b16")
        #expect(RunNaming.variantName(base: "no-bn", changes: []) == "no-bn")
        #expect(PlaygroundKnob.bnMomentum.nameToken("null") == "bnm-avg")
        #expect(PlaygroundKnob.placement.nameToken(BNPlacement.afterReLU.rawValue) == "relu-bn")
        #expect(PlaygroundKnob.norm.nameToken("group") == "gn")
    }
}
