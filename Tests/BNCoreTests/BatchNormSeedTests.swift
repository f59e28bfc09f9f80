import Testing
@testable import BNCore

/// The seed examples of the BatchNorm notes, checked directly.
@Suite("BatchNorm seed examples")
struct BatchNormSeedTests {
    @Test func batchNorm1dOnTwoRows() throws {
        let bn = BatchNorm1d(3)
        let y = try bn.forward(Tensor(shape: [2, 3], data: [0, 1, 2, 3, 4, 5]))
        for (a, e) in zip(y.data, [-1, -1, -1, 1, 1, 1] as [Float]) { #expect(abs(a - e) < 1e-5) }
        for (a, e) in zip(bn.runningMean!.value.data, [0.15, 0.25, 0.35] as [Float]) { #expect(abs(a - e) < 1e-6) }
        for a in bn.runningVar!.value.data { #expect(abs(a - 1.35) < 1e-6) }
        #expect(bn.numBatchesTracked?.value == 1)
    }

    @Test func batchNorm2dOnArange54() throws {
        let bn = BatchNorm2d(3)
        let y = try bn.forward(Tensor(shape: [2, 3, 3, 3], data: (0..<54).map(Float.init)))
        for c in 0..<3 {
            #expect(abs(y[0, c, 0, 0] + 1.2732) < 1e-4)
            #expect(abs(y[0, c, 0, 1] + 1.2005) < 1e-4)
            #expect(abs(y[0, c, 2, 2] + 0.6912) < 1e-4)
            #expect(abs(y[1, c, 0, 0] - 0.6912) < 1e-4)
            #expect(abs(y[1, c, 2, 2] - 1.2732) < 1e-4)
        }
    }

    @Test func cumulativeMomentumAveragesEveryBatch() throws {
        let bn = BatchNorm1d(1, momentum: nil)
        _ = try bn.forward(Tensor(shape: [2, 1], data: [0, 2]))   // mean 1, unbiased var 2
        _ = try bn.forward(Tensor(shape: [2, 1], data: [4, 6]))   // mean 5, unbiased var 2
        #expect(bn.runningMean!.value.data == [3])
        #expect(bn.runningVar!.value.data == [2])
        #expect(bn.numBatchesTracked?.value == 2)
    }

    @Test func evalUsesRunningStatisticsAndUpdatesNothing() throws {
        let bn = BatchNorm1d(2)
        bn.runningMean!.value = Tensor([1, -1])
        bn.runningVar!.value = Tensor([4, 0.25])
        bn.eval()
        let y = try bn.forward(Tensor(shape: [1, 2], data: [3, 0]))
        #expect(abs(y.data[0] - 1) < 1e-4)      // (3 - 1) / √4
        #expect(abs(y.data[1] - 2) < 1e-3)      // (0 + 1) / √0.25
        #expect(bn.numBatchesTracked?.value == 0)
        #expect(bn.runningMean!.value.data == [1, -1])
    }

    @Test func pytorchErrorTexts() throws {
        #expect(throws: CoreError.value("expected 2D or 3D input (got 4D input)")) {
            try BatchNorm1d(3).forward(Tensor(zeros: [2, 3, 1, 1]))
        }
        #expect(throws: CoreError.value("expected 4D input (got 3D input)")) {
            try BatchNorm2d(3).forward(Tensor(zeros: [2, 3, 1]))
        }
        #expect(throws: CoreError.value("Expected more than 1 value per channel when training, got input size torch.Size([1, 3])")) {
            try BatchNorm1d(3).forward(Tensor(zeros: [1, 3]))
        }
        #expect(throws: CoreError.runtime("running_mean should contain 4 elements not 3")) {
            try BatchNorm1d(3).forward(Tensor(zeros: [2, 4]))
        }
    }

    @Test func stateDictKeysAndLoadingErrors() throws {
        let rng = RandomSource(seed: 3)
        let net = Sequential([Linear(4, 3, bias: false, rng: rng), BatchNorm1d(3), ReLU(), Linear(3, 2, rng: rng)])
        #expect(net.stateDict().map(\.key) == ["0.weight", "1.weight", "1.bias", "1.running_mean",
                                               "1.running_var", "1.num_batches_tracked", "3.weight", "3.bias"])
        var state = net.stateDict()
        state.removeAll { $0.key == "1.bias" }
        state.append(("9.weight", .tensor(Tensor(zeros: [1]))))
        #expect { try net.loadStateDict(state) } throws: { error in
            let e = error as? StateDictError
            return e?.missing == ["1.bias"] && e?.unexpected == ["9.weight"]
        }
        var misshaped = net.stateDict()
        misshaped[0].value = .tensor(Tensor(zeros: [4, 3]))
        #expect { try net.loadStateDict(misshaped) } throws: { error in
            "\(error)".contains("size mismatch for 0.weight")
        }
    }
}
