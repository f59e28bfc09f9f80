import Testing
@testable import BNCore

/// Adam, AdamW and RMSprop against first steps worked out by hand from PyTorch's formulas, their
/// validation errors, skipped parameters and exposed state. (Multi-step trajectories with every
/// option are compared with PyTorch in the parity golden files.)
@Suite("Adam, AdamW, RMSprop")
struct AdaptiveOptimizerTests {
    private func parameter(_ values: [Float], grad: [Float]?) -> Parameter {
        let p = Parameter(Tensor(values))
        if let grad { p.accumulate(Tensor(grad)) }
        return p
    }

    private func expectClose(_ actual: [Float], _ expected: [Double], _ tolerance: Double = 1e-6) {
        #expect(actual.count == expected.count)
        for (a, e) in zip(actual, expected) { #expect(abs(Double(a) - e) <= tolerance, "\(a) vs \(e)") }
    }

    /// Step 1: m̂ = g and v̂ = g², so p moves by lr·g/(|g| + eps) ≈ lr·sign(g), whatever |g|.
    @Test func adamsFirstStepMovesEachWeightByTheLearningRate() throws {
        let p = parameter([1, -2, 3], grad: [0.5, -4, 1e-3])
        let adam = try Adam([p], lr: 0.01)
        adam.step()
        expectClose(p.value.data, [0.99, -1.99, 3 - 0.01 * (1e-3 / (1e-3 + 1e-8))])
        #expect(adam.stepCounts == [1])
        expectClose(adam.expAvgs[0]!.data, [0.05, -0.4, 1e-4])          // (1-β1)·g
        expectClose(adam.expAvgSqs[0]!.data, [0.00025, 0.016, 1e-9], 1e-9)   // (1-β2)·g²
        #expect(adam.maxExpAvgSqs[0] == nil)
    }

    /// With a zero gradient, Adam's L2 decay becomes the gradient wd·p (a full lr-sized step),
    /// while AdamW only shrinks p by the factor 1 - lr·wd and leaves its moments at zero.
    @Test func adamWDecaysWeightsOutsideTheMoments() throws {
        let p1 = parameter([2, -4], grad: [0, 0]), p2 = parameter([2, -4], grad: [0, 0])
        let adam = try Adam([p1], lr: 0.1, weightDecay: 0.5)
        let adamW = try AdamW([p2], lr: 0.1, weightDecay: 0.5)
        adam.step()
        adamW.step()
        expectClose(p1.value.data, [1.9, -3.9])
        expectClose(p2.value.data, [2 * 0.95, -4 * 0.95])
        expectClose(adamW.expAvgs[0]!.data, [0, 0])
        #expect(try AdamW([p2]).weightDecay == 0.01 && Adam([p2]).weightDecay == 0)
    }

    @Test func amsgradKeepsTheLargestSecondMoment() throws {
        let p = parameter([0], grad: [3])
        let adam = try Adam([p], lr: 0.01, amsgrad: true)
        adam.step()
        for _ in 0..<3 {
            p.zeroGrad(); p.accumulate(Tensor([0]))   // v shrinks by β2, its maximum stays
            adam.step()
            #expect(adam.maxExpAvgSqs[0]!.data[0] > adam.expAvgSqs[0]!.data[0])
        }
        #expect(abs(adam.maxExpAvgSqs[0]!.data[0] - 0.009) < 1e-9)
        #expect(Set(adam.parameterState(at: 0).keys) == ["step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq"])
    }

    /// Step 1: s = (1-α)·g², so p moves by lr·g/(√(1-α)·|g| + eps) = 10·lr·sign(g) for α = 0.99.
    @Test func rmspropsFirstStep() throws {
        let p = parameter([1, 1], grad: [2, -0.5])
        let rmsprop = try RMSprop([p], lr: 0.01)
        rmsprop.step()
        expectClose(p.value.data, [0.9, 1.1], 1e-5)
        expectClose(rmsprop.squareAvgs[0]!.data, [0.04, 0.0025], 1e-8)
        #expect(Set(rmsprop.parameterState(at: 0).keys) == ["step", "square_avg"])
    }

    /// Centered: a = (1-α)·g, avg = √(s - a²) = √(0.01 - 0.0001)·|g|; momentum b = g/avg.
    @Test func centeredRMSpropWithMomentum() throws {
        let p = parameter([0], grad: [2])
        let rmsprop = try RMSprop([p], lr: 0.01, momentum: 0.9, centered: true)
        rmsprop.step()
        let avg = (0.0099).squareRoot() * 2
        expectClose(rmsprop.gradAvgs[0]!.data, [0.02])
        expectClose(rmsprop.momentumBuffers[0]!.data, [2 / avg], 1e-4)
        expectClose(p.value.data, [-0.01 * 2 / avg], 1e-6)
        #expect(Set(rmsprop.parameterState(at: 0).keys) == ["step", "square_avg", "momentum_buffer", "grad_avg"])
    }

    @Test func parametersWithoutAGradientNeitherMoveNorCount() throws {
        let moving = parameter([1], grad: [1]), idle = parameter([5], grad: nil)
        let optimizers: [Optimizer & OptimizerParameterState] = [
            try Adam([moving, idle]), try AdamW([moving, idle]), try RMSprop([moving, idle], momentum: 0.5),
        ]
        for optimizer in optimizers {
            optimizer.step()
            #expect(idle.value.data == [5])
            #expect(optimizer.parameterState(at: 1).isEmpty)
            #expect(optimizer.parameterState(at: 0)["step"] == .integer(1))
        }
    }

    @Test func theProtocolSetsTheLearningRateAndForgetsGradients() throws {
        let p = parameter([1], grad: [1])
        let optimizer: Optimizer = try RMSprop([p])
        optimizer.lr = 0.5
        #expect((optimizer as? RMSprop)?.lr == 0.5)
        optimizer.zeroGrad()
        #expect(p.gradient == nil)
    }

    @Test("invalid settings throw PyTorch's errors")
    func validation() throws {
        let p = [Parameter(Tensor([1]))]
        #expect(throws: CoreError.value("Invalid learning rate: -1.0")) { try Adam(p, lr: -1) }
        #expect(throws: CoreError.value("Invalid learning rate: nan")) { try AdamW(p, lr: .nan) }
        #expect(throws: CoreError.value("Invalid epsilon value: -1e-08")) { try Adam(p, eps: -1e-8) }
        #expect(throws: CoreError.value("Invalid beta parameter at index 0: 1.0")) { try Adam(p, betas: (1, 0.999)) }
        #expect(throws: CoreError.value("Invalid beta parameter at index 1: -0.5")) { try AdamW(p, betas: (0.9, -0.5)) }
        #expect(throws: CoreError.value("Invalid weight_decay value: -0.01")) { try AdamW(p, weightDecay: -0.01) }
        #expect(throws: CoreError.value("Invalid alpha value: -0.1")) { try RMSprop(p, alpha: -0.1) }
        #expect(throws: CoreError.value("Invalid momentum value: -0.9")) { try RMSprop(p, momentum: -0.9) }
        #expect(throws: CoreError.value("Invalid epsilon value: -1.0")) { try RMSprop(p, eps: -1) }
    }
}
