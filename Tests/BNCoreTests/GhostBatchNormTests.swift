import Testing
@testable import BNCore

/// Ghost BatchNorm against PyTorch with the batch split over simulated workers
/// (`Tests/scripts/make-ghost-bn.py`), and its agreement with plain BatchNorm.
@Suite struct GhostBatchNormTests {
    /// Largest |a - b| over two equally long arrays.
    static func maxDifference(_ a: [Float], _ b: [Float]) -> Float {
        precondition(a.count == b.count, "\(a.count) values against \(b.count)")
        return zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    /// The parity tolerance of `docs/parity.md`: |a - b| ≤ 1e-5 + 1e-4·|b| for every element.
    static func close(_ a: [Float], _ b: [Float]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-5 + 1e-4 * abs($1) }
    }

    static func layer(_ ref: GhostBatchNormReference) throws -> GhostBatchNorm {
        let layer = try GhostBatchNorm(ref.shape[1], ghostBatch: ref.ghostBatch, kind: ref.shape.count == 4 ? .twoD : .oneD)
        layer.weight?.value = Tensor(shape: [ref.shape[1]], data: ref.weight)
        layer.bias?.value = Tensor(shape: [ref.shape[1]], data: ref.bias)
        return layer
    }

    @Test(arguments: GhostBatchNormReference.cases.map(\.name))
    func matchesPyTorchSplitBatch(_ name: String) throws {
        let ref = try #require(GhostBatchNormReference.cases.first { $0.name == name })
        let layer = try Self.layer(ref)
        for (k, step) in ref.steps.enumerated() {
            layer.zeroGrad()
            let y = try layer.forward(Tensor(shape: ref.shape, data: step.x))
            let dx = try layer.backward(Tensor(shape: ref.shape, data: step.gradOutput))
            let errors = [
                Self.maxDifference(y.data, step.y), Self.maxDifference(dx.data, step.gradInput),
                Self.maxDifference(try #require(layer.weight?.gradient).data, step.gradWeight),
                Self.maxDifference(try #require(layer.bias?.gradient).data, step.gradBias),
            ]
            print("ghost \(name) step \(k + 1): max |bnlab - torch| output \(errors[0]), dx \(errors[1]), dgamma \(errors[2]), dbeta \(errors[3])")
            #expect(Self.close(y.data, step.y) && Self.close(dx.data, step.gradInput), "step \(k + 1): \(errors)")
            #expect(Self.close(try #require(layer.weight?.gradient).data, step.gradWeight), "step \(k + 1)")
            #expect(Self.close(try #require(layer.bias?.gradient).data, step.gradBias), "step \(k + 1)")
        }
        #expect(Self.close(try #require(layer.runningMean).value.data, ref.runningMean))
        #expect(Self.close(try #require(layer.runningVar).value.data, ref.runningVar))
        #expect(layer.numBatchesTracked?.value == Int64(ref.numBatchesTracked))
        layer.eval()
        let eval = try layer.forward(Tensor(shape: ref.shape, data: ref.evalInput))
        #expect(Self.close(eval.data, ref.evalOutput))
    }

    /// The running statistics follow sub-batch 0 only, as rank 0's buffers under DDP.
    @Test func runningStatisticsComeFromTheFirstSubBatch() throws {
        let x = Tensor(shape: [4, 1], data: [1, 3, 100, 300])
        let ghost = try GhostBatchNorm(1, ghostBatch: 2, kind: .oneD)
        _ = try ghost.forward(x)
        // mean of {1, 3} = 2, unbiased variance 2: rm = 0.1·2, rv = 0.9·1 + 0.1·2
        #expect(abs(ghost.runningMean!.value.data[0] - 0.2) < 1e-6)
        #expect(abs(ghost.runningVar!.value.data[0] - 1.1) < 1e-6)
        #expect(ghost.numBatchesTracked?.value == 1)
        #expect(ghost.lastBatchStatistics?.count == 2)
    }

    /// Each sub-batch is normalized on its own: both halves become -1, 1 however far apart.
    @Test func eachSubBatchIsNormalizedByItsOwnStatistics() throws {
        let ghost = try GhostBatchNorm(1, ghostBatch: 2, kind: .oneD)
        let y = try ghost.forward(Tensor(shape: [4, 1], data: [1, 3, 100, 300]))
        // (x - mean) / √(var + eps): ±1 / √(1 + 1e-5) and ±100 / √(10000 + 1e-5)
        #expect(Self.maxDifference(y.data, [-1, 1, -1, 1]) < 1e-5)
    }

    /// A batch no larger than the sub-batch is plain BatchNorm, bit for bit, forward and backward.
    @Test func oneSubBatchIsPlainBatchNorm() throws {
        let rng = RandomSource(seed: 3)
        let x = Tensor(shape: [6, 4], data: (0..<24).map { _ in rng.uniform(-2, 2) })
        let g = Tensor(shape: [6, 4], data: (0..<24).map { _ in rng.uniform(-2, 2) })
        let plain = BatchNorm1d(4), ghost = try GhostBatchNorm(4, ghostBatch: 6, kind: .oneD)
        #expect(try ghost.forward(x).data == plain.forward(x).data)
        #expect(try ghost.backward(g).data == plain.backward(g).data)
        #expect(ghost.weight?.gradient?.data == plain.weight?.gradient?.data)
        #expect(ghost.runningVar?.value.data == plain.runningVar?.value.data)
    }

    /// The state dict is BatchNorm's, so checkpoints load into PyTorch's BatchNorm1d/2d.
    @Test func stateKeysAreBatchNorms() throws {
        let ghost = try GhostBatchNorm(3, ghostBatch: 2, kind: .twoD)
        #expect(ghost.stateEntries.map(\.name) == BatchNorm2d(3).stateEntries.map(\.name))
        #expect(ghost.summary == "BatchNorm2d(ghost_batch=2, 3)")
    }

    @Test func badInputIsAClearError() throws {
        expectError(.value("ghost batch size must be at least 1, got 0")) { _ = try GhostBatchNorm(3, ghostBatch: 0, kind: .oneD) }
        let ghost = try GhostBatchNorm(3, ghostBatch: 2, kind: .twoD)
        expectError(.value("expected 4D input (got 2D input)")) { _ = try ghost.forward(Tensor(zeros: [4, 3])) }
        // A last sub-batch of one sample has one value per channel: BatchNorm's own error.
        let flat = try GhostBatchNorm(3, ghostBatch: 2, kind: .oneD)
        expectError(.value("Expected more than 1 value per channel when training, got input size torch.Size([1, 3, 1])")) {
            _ = try flat.forward(Tensor(zeros: [5, 3]))
        }
    }
}
