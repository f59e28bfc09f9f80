import Testing
@testable import BNCore

/// BatchNorm3d normalizes each channel over N·D·H·W values: exactly BatchNorm2d on the same
/// data viewed as (N, C, D·H, W). And the normalization layers share NormBase's state set-up.
@Suite("BatchNorm3d and NormBase")
struct BatchNorm3dTests {
    @Test func matchesBatchNorm2dOnTheFlattenedDepth() throws {
        let rng = RandomSource(seed: 11)
        let bn3 = BatchNorm3d(3, momentum: nil), bn2 = BatchNorm2d(3, momentum: nil)
        for layer in [bn3, bn2] as [BatchNorm] {
            layer.weight!.value = Tensor([0.5, 1.5, -1])
            layer.bias!.value = Tensor([0.1, 0, -0.2])
        }
        for mode in [true, true, false] {
            bn3.train(mode); bn2.train(mode)
            let x = rng.uniform(shape: [2, 3, 4, 2, 3], low: -2, high: 3)
            let g = rng.uniform(shape: [2, 3, 4, 2, 3], low: -1, high: 1)
            bn3.zeroGrad(); bn2.zeroGrad()
            let y3 = try bn3.forward(x), y2 = try bn2.forward(x.reshaped([2, 3, 8, 3]))
            #expect(y3.shape == [2, 3, 4, 2, 3])
            #expect(y3.data == y2.data)
            #expect(try bn3.backward(g).data == (try bn2.backward(g.reshaped([2, 3, 8, 3]))).data)
            #expect(bn3.weight!.gradient == bn2.weight!.gradient && bn3.bias!.gradient == bn2.bias!.gradient)
        }
        #expect(bn3.runningMean!.value == bn2.runningMean!.value && bn3.runningVar!.value == bn2.runningVar!.value)
        #expect(bn3.numBatchesTracked!.value == 2)
    }

    @Test func wrongRankAndSingleValuesAreErrors() throws {
        let bn = BatchNorm3d(2)
        #expect(throws: CoreError.value("expected 5D input (got 4D input)")) { try bn.forward(Tensor(zeros: [2, 2, 3, 3])) }
        #expect(throws: CoreError.value("Expected more than 1 value per channel when training, got input size torch.Size([1, 2, 1, 1, 1])")) {
            try bn.forward(Tensor(zeros: [1, 2, 1, 1, 1]))
        }
        #expect(bn.summary == "BatchNorm3d(2)")
    }

    @Test func normBaseStateKeys() {
        let full = ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"]
        #expect(BatchNorm3d(4).stateDict().map(\.key) == full)
        #expect(BatchNorm3d(4, affine: false, trackRunningStats: false).stateDict().isEmpty)
        #expect(InstanceNorm2d(4).stateDict().isEmpty)
        #expect(InstanceNorm2d(4, affine: true, trackRunningStats: true).stateDict().map(\.key) == full)
        let layers: [NormBase] = [BatchNorm1d(4), BatchNorm2d(4), BatchNorm3d(4), InstanceNorm2d(4, trackRunningStats: true)]
        for layer in layers {
            #expect(layer.runningVar!.value.data == [1, 1, 1, 1] && layer.runningMean!.value.data == [0, 0, 0, 0])
        }
    }
}
