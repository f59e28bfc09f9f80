import Testing
@testable import BNCore

/// Gradient accumulation, frozen parameters, SGD validation and seeded determinism.
@Suite("Training semantics")
struct TrainingSemanticsTests {
    private func makeNet(seed: UInt64) -> Sequential {
        let rng = RandomSource(seed: seed)
        return Sequential([Linear(5, 4, bias: false, rng: rng), BatchNorm1d(4), ReLU(), Linear(4, 3, rng: rng)])
    }

    private func batch(_ seed: UInt64) -> (Tensor, [Int]) {
        let rng = RandomSource(seed: seed)
        return (rng.uniform(shape: [6, 5], low: -2, high: 2), (0..<6).map { _ in Int(rng.next() % 3) })
    }

    @Test func gradientsAccumulateUntilZeroed() throws {
        let net = makeNet(seed: 1)
        let (x, y) = batch(2)
        let loss = try CrossEntropyLoss()
        net.eval()   // same statistics on both passes
        let g = try loss.compute(logits: try net.forward(x), targets: y).gradient
        _ = try net.backward(g)
        let once = net.parameters().map { $0.gradient! }
        _ = try net.forward(x)
        _ = try net.backward(g)
        for (p, first) in zip(net.parameters(), once) {
            for (a, b) in zip(p.gradient!.data, first.data) { #expect(abs(a - 2 * b) <= 1e-6 * max(1, abs(b))) }
        }
        net.zeroGrad()
        #expect(net.parameters().allSatisfy { $0.gradient == nil })
    }

    @Test func frozenParametersGetNoGradientAndDoNotMove() throws {
        let net = makeNet(seed: 1)
        net.requiresGrad(false)
        net.layers[3].requiresGrad(true)
        let before = net.stateDict()
        let sgd = try SGD(net.parameters(), lr: 0.5, momentum: 0.9, weightDecay: 0.1)
        let (x, y) = batch(4)
        let loss = try CrossEntropyLoss()
        _ = try net.backward(try loss.compute(logits: try net.forward(x), targets: y).gradient)
        sgd.step()
        #expect(net.layers[0].stateEntries.allSatisfy {
            if case .parameter(_, let p) = $0 { return p.gradient == nil } else { return true }
        })
        let after = net.stateDict()
        #expect(before[0] == after[0])                        // 0.weight frozen
        #expect(before[1] == after[1] && before[2] == after[2])  // BN gamma/beta frozen
        #expect(before[3] != after[3])                        // but its running mean moved
        #expect(before[6] != after[6])                        // last Linear trained
    }

    @Test func sgdValidatesLikePyTorch() {
        let p = [Parameter(Tensor([1]))]
        #expect(throws: CoreError.value("Invalid learning rate: -0.1")) { try SGD(p, lr: -0.1) }
        #expect(throws: CoreError.value("Invalid momentum value: -0.5")) { try SGD(p, lr: 0.1, momentum: -0.5) }
        #expect(throws: CoreError.value("Invalid weight_decay value: -1e-05")) { try SGD(p, lr: 0.1, weightDecay: -1e-5) }
        #expect(throws: CoreError.value("Nesterov momentum requires a momentum and zero dampening")) {
            try SGD(p, lr: 0.1, nesterov: true)
        }
    }

    @Test func crossEntropyValidatesLikePyTorch() throws {
        let loss = try CrossEntropyLoss()
        let z = Tensor(zeros: [2, 3])
        #expect(throws: CoreError(.indexError, "Target 3 is out of bounds.")) { try loss.compute(logits: z, targets: [0, 3]) }
        #expect(throws: CoreError.value("Expected input batch_size (2) to match target batch_size (1).")) {
            try loss.compute(logits: z, targets: [0])
        }
        #expect(throws: CoreError.runtime("label_smoothing must be between 0.0 and 1.0. Got: 1.5")) {
            try CrossEntropyLoss(labelSmoothing: 1.5)
        }
        // Uniform logits: loss = log 3, gradient (1/3 - onehot) / N.
        let r = try loss.compute(logits: z, targets: [0, 2])
        #expect(abs(r.value - 1.0986123) < 1e-6)
        #expect(abs(r.gradient[0, 0] - (1.0 / 3 - 1) / 2) < 1e-6)
    }

    @Test func sameSeedSameRunBitForBit() throws {
        func train(seed: UInt64) throws -> [Float] {
            let net = makeNet(seed: seed)
            let sgd = try SGD(net.parameters(), lr: 0.1, momentum: 0.9)
            let loss = try CrossEntropyLoss()
            var losses: [Float] = []
            for i in 0..<5 {
                let (x, y) = batch(UInt64(10 + i))
                sgd.zeroGrad()
                let r = try loss.compute(logits: try net.forward(x), targets: y)
                try net.backwardParameters(r.gradient)
                sgd.step()
                losses.append(Float(r.value))
            }
            return losses
        }
        #expect(try train(seed: 5) == train(seed: 5))
        #expect(try train(seed: 5) != train(seed: 6))
    }

    @Test func linearInitBoundsFollowFanIn() {
        let layer = Linear(100, 7, rng: RandomSource(seed: 9))
        let bound: Float = 1 / 10
        #expect(layer.weight.value.data.allSatisfy { abs($0) <= bound })
        #expect(layer.weight.value.data.contains { abs($0) > 0.09 })
        #expect(layer.bias!.value.data.allSatisfy { abs($0) <= bound })
    }
}
