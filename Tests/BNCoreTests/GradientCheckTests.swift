import Testing
@testable import BNCore

/// Finite-difference checks of every layer's backward, plus gradient bookkeeping.
@Suite struct GradientCheckTests {
    let checker = GradientChecker()

    // MARK: - The checker itself

    /// A layer with a deliberately wrong input gradient: y = 2x but backward returns g.
    final class WrongInputGradient: Module {
        override func forward(_ x: Tensor) throws -> Tensor {
            var y = x
            for i in 0..<y.count { y.data[i] *= 2 }
            return y
        }
        override func backward(_ g: Tensor) throws -> Tensor { g }
    }

    /// A layer with a deliberately wrong parameter gradient: y = w·x, but dw = Σ g (x forgotten).
    final class WrongParameterGradient: Module {
        let w = Parameter(Tensor([1.5]))
        private var input = Tensor(zeros: [0])
        override var stateEntries: [StateEntry] { [.parameter("w", w)] }
        override func forward(_ x: Tensor) throws -> Tensor {
            input = x
            var y = x
            for i in 0..<y.count { y.data[i] *= w.value.data[0] }
            return y
        }
        override func backward(_ g: Tensor) throws -> Tensor {
            w.accumulate(Tensor([g.data.reduce(0, +)]))
            var dx = g
            for i in 0..<dx.count { dx.data[i] *= w.value.data[0] }
            return dx
        }
    }

    @Test func checkerCatchesAWrongInputGradient() throws {
        let rng = RandomSource(seed: 1)
        let report = try checker.check(WrongInputGradient(), input: randomTensor([3, 4], rng), rng: rng)
        #expect(!report.passed)
        #expect(report.mismatches.count == 12)
    }

    @Test func checkerCatchesAWrongParameterGradient() throws {
        let rng = RandomSource(seed: 2)
        let report = try checker.check(WrongParameterGradient(), input: randomTensor([5], rng), rng: rng)
        #expect(!report.passed)
        #expect(report.mismatches.map(\.name) == ["w"])
    }

    @Test func checkerCatchesAMissingParameterGradient() throws {
        // A module whose backward never writes one of its parameters' gradients.
        final class ForgetsAParameter: Module {
            let inner = LayerNorm(normalizedShape: [4])
            let extra = Parameter(Tensor([0]))
            override init() { super.init(); register("inner", inner) }
            override var stateEntries: [StateEntry] { [.parameter("extra", extra)] }
            override func forward(_ x: Tensor) throws -> Tensor { try inner.forward(x) }
            override func backward(_ g: Tensor) throws -> Tensor { try inner.backward(g) }
        }
        let rng = RandomSource(seed: 3)
        let report = try checker.check(ForgetsAParameter(), input: randomTensor([2, 4], rng), rng: rng)
        #expect(!report.passed)
        #expect(report.problems == ["extra got no gradient"])
    }

    @Test func checkerCatchesAWrongNormalizationFormula() throws {
        // LayerNorm's backward without the xhat·mean(gh·xhat) term: close, but wrong.
        final class SloppyLayerNorm: Module {
            private var invstd: [Float] = [], n = 0
            override func forward(_ x: Tensor) throws -> Tensor {
                n = x.shape.last!
                var y = x
                invstd = []
                for r in 0..<(x.count / n) {
                    let row = Array(x.data[(r * n)..<((r + 1) * n)])
                    let mu = row.reduce(0, +) / Float(n)
                    let v = row.map { ($0 - mu) * ($0 - mu) }.reduce(0, +) / Float(n)
                    let istd = 1 / (v + 1e-5).squareRoot()
                    invstd.append(istd)
                    for j in 0..<n { y.data[r * n + j] = (row[j] - mu) * istd }
                }
                return y
            }
            override func backward(_ g: Tensor) throws -> Tensor {
                var dx = g
                for r in 0..<(g.count / n) {
                    let mean = g.data[(r * n)..<((r + 1) * n)].reduce(0, +) / Float(n)
                    for j in 0..<n { dx.data[r * n + j] = invstd[r] * (g.data[r * n + j] - mean) }
                }
                return dx
            }
        }
        let rng = RandomSource(seed: 4)
        let report = try checker.check(SloppyLayerNorm(), input: randomTensor([3, 6], rng), rng: rng)
        #expect(!report.passed)
    }

    // MARK: - Conv2d

    struct ConvCase: Sendable, CustomTestStringConvertible {
        var inChannels: Int, outChannels: Int
        var kernel: (Int, Int), stride: (Int, Int), padding: (Int, Int)
        var bias: Bool
        var testDescription: String {
            "Conv2d(\(inChannels), \(outChannels), k=\(kernel), s=\(stride), p=\(padding), bias=\(bias))"
        }
    }

    static let convCases: [ConvCase] = [
        ConvCase(inChannels: 1, outChannels: 2, kernel: (3, 3), stride: (1, 1), padding: (0, 0), bias: true),
        ConvCase(inChannels: 2, outChannels: 3, kernel: (3, 3), stride: (2, 2), padding: (1, 1), bias: true),
        ConvCase(inChannels: 3, outChannels: 2, kernel: (2, 3), stride: (1, 2), padding: (0, 1), bias: false),
        ConvCase(inChannels: 2, outChannels: 2, kernel: (1, 1), stride: (1, 1), padding: (0, 0), bias: true),
        ConvCase(inChannels: 1, outChannels: 3, kernel: (5, 5), stride: (1, 1), padding: (2, 2), bias: true),
        ConvCase(inChannels: 2, outChannels: 1, kernel: (3, 2), stride: (3, 2), padding: (2, 1), bias: true),
        ConvCase(inChannels: 2, outChannels: 2, kernel: (3, 3), stride: (2, 1), padding: (3, 0), bias: true),
    ]

    @Test(arguments: convCases)
    func conv2d(_ c: ConvCase) throws {
        let rng = RandomSource(seed: 10)
        for _ in 0..<3 {
            let conv = Conv2d(c.inChannels, c.outChannels, kernelSize: c.kernel, stride: c.stride,
                              padding: c.padding, bias: c.bias, rng: rng)
            let n = randomInt(1...3, rng)
            let h = randomInt(max(c.kernel.0 - 2 * c.padding.0, 1)...(c.kernel.0 + 5), rng)
            let w = randomInt(max(c.kernel.1 - 2 * c.padding.1, 1)...(c.kernel.1 + 5), rng)
            let x = randomTensor([n, c.inChannels, h, w], rng)
            let report = try checker.check(conv, input: x, rng: rng)
            #expect(report.passed, "\(c.testDescription) on \(x.shape): \(report)")
        }
    }

    @Test func conv2dUnbatchedInput() throws {
        let rng = RandomSource(seed: 11)
        let conv = Conv2d(2, 3, kernelSize: 3, stride: 2, padding: 1, rng: rng)
        let report = try checker.check(conv, input: randomTensor([2, 6, 5], rng), rng: rng)
        #expect(report.passed, "\(report)")
    }

    @Test func conv2dBackwardParametersMatchesBackward() throws {
        let rng = RandomSource(seed: 12)
        let conv = Conv2d(3, 4, kernelSize: 3, padding: 1, rng: rng)
        let x = randomTensor([2, 3, 6, 7], rng)
        let g = randomTensor([2, 4, 6, 7], rng)
        _ = try conv.forward(x)
        _ = try conv.backward(g)
        let dw = try #require(conv.weight.gradient), db = try #require(conv.bias?.gradient)
        conv.zeroGrad()
        _ = try conv.forward(x)
        try conv.backwardParameters(g)
        #expect(conv.weight.gradient == dw)
        #expect(conv.bias?.gradient == db)
    }

    // MARK: - MaxPool2d

    struct PoolCase: Sendable, CustomTestStringConvertible {
        var kernel: (Int, Int), stride: (Int, Int)?, padding: (Int, Int)
        var testDescription: String { "MaxPool2d(k=\(kernel), s=\(String(describing: stride)), p=\(padding))" }
    }

    static let poolCases: [PoolCase] = [
        PoolCase(kernel: (2, 2), stride: nil, padding: (0, 0)),
        PoolCase(kernel: (3, 3), stride: (2, 2), padding: (0, 0)),
        PoolCase(kernel: (3, 3), stride: (2, 2), padding: (1, 1)),
        PoolCase(kernel: (2, 3), stride: (1, 2), padding: (1, 1)),
        PoolCase(kernel: (3, 3), stride: (1, 1), padding: (1, 0)),
    ]

    @Test(arguments: poolCases)
    func maxPool2d(_ c: PoolCase) throws {
        let rng = RandomSource(seed: 20)
        for _ in 0..<3 {
            let pool = MaxPool2d(kernelSize: c.kernel, stride: c.stride, padding: c.padding)
            let shape = [randomInt(1...2, rng), randomInt(1...3, rng),
                         randomInt(c.kernel.0...(c.kernel.0 + 5), rng), randomInt(c.kernel.1...(c.kernel.1 + 5), rng)]
            let report = try checker.check(pool, input: distinctTensor(shape, rng), rng: rng)
            #expect(report.passed, "\(c.testDescription) on \(shape): \(report)")
        }
    }

    // MARK: - Normalizations

    @Test(arguments: [([5], [3, 5]), ([4, 5], [2, 4, 5]), ([3], [2, 2, 3]), ([2, 3, 2], [2, 2, 3, 2])])
    func layerNorm(_ normalizedShape: [Int], _ inputShape: [Int]) throws {
        let rng = RandomSource(seed: 30)
        for (affine, bias) in [(true, true), (true, false), (false, true)] {
            let ln = LayerNorm(normalizedShape: normalizedShape, elementwiseAffine: affine, bias: bias)
            randomizeParameters(ln, rng)
            let report = try checker.check(ln, input: randomTensor(inputShape, rng), rng: rng)
            #expect(report.passed, "affine=\(affine), bias=\(bias): \(report)")
        }
    }

    @Test(arguments: [[4, 6], [3, 6, 5], [2, 6, 3, 4], [2, 4, 2, 3]])
    func groupNorm(_ shape: [Int]) throws {
        let rng = RandomSource(seed: 31)
        let channels = shape[1]
        for groups in [1, 2, channels] where !(shape.count == 2 && groups == channels) {
            for affine in [true, false] {
                let gn = try GroupNorm(numGroups: groups, numChannels: channels, affine: affine)
                randomizeParameters(gn, rng)
                let report = try checker.check(gn, input: randomTensor(shape, rng), rng: rng)
                #expect(report.passed, "G=\(groups), affine=\(affine) on \(shape): \(report)")
            }
        }
    }

    @Test(arguments: [false, true])
    func instanceNorm2d(affine: Bool) throws {
        let rng = RandomSource(seed: 32)
        for shape in [[2, 3, 4, 4], [1, 2, 3, 5], [3, 2, 2, 3], [3, 4, 4]] {
            let norm = InstanceNorm2d(shape[shape.count - 3], affine: affine)
            randomizeParameters(norm, rng)
            let report = try checker.check(norm, input: randomTensor(shape, rng), rng: rng)
            #expect(report.passed, "affine=\(affine) on \(shape): \(report)")
        }
    }

    @Test func instanceNorm2dTrackingRunningStatistics() throws {
        let rng = RandomSource(seed: 33)
        let norm = InstanceNorm2d(3, affine: true, trackRunningStats: true)
        randomizeParameters(norm, rng)
        // Training: instance statistics (the running ones update on every evaluation, unused).
        let train = try checker.check(norm, input: randomTensor([2, 3, 3, 4], rng), rng: rng)
        #expect(train.passed, "train: \(train)")
        // Eval: the running statistics are constants.
        norm.runningMean!.value = randomTensor([3], rng, low: -1, high: 1)
        norm.runningVar!.value = randomTensor([3], rng, low: 0.5, high: 2)
        norm.eval()
        let eval = try checker.check(norm, input: randomTensor([2, 3, 3, 4], rng), rng: rng)
        #expect(eval.passed, "eval: \(eval)")
    }

    @Test func frozenBatchNorm2d() throws {
        let rng = RandomSource(seed: 34)
        let frozen = FrozenBatchNorm2d(3)
        frozen.weight.value = randomTensor([3], rng)
        frozen.bias.value = randomTensor([3], rng)
        frozen.runningMean.value = randomTensor([3], rng)
        frozen.runningVar.value = randomTensor([3], rng, low: 0.2, high: 3)
        for shape in [[2, 3, 4, 4], [1, 3, 2, 5]] {
            let report = try checker.check(frozen, input: randomTensor(shape, rng), rng: rng)
            #expect(report.checked == Tensor.count(of: shape), "only the input has a gradient")
            #expect(report.passed, "\(report)")
        }
    }

    // MARK: - Dropout

    @Test(arguments: [0.0, 0.3, 0.5, 1.0])
    func dropoutFamily(p: Double) throws {
        let rng = RandomSource(seed: 40)
        let cases: [(make: (RandomSource) throws -> Module, shape: [Int])] = [
            ({ try Dropout(p: p, rng: $0) }, [3, 4, 5]),
            ({ try Dropout1d(p: p, rng: $0) }, [3, 4, 5]),
            ({ try Dropout2d(p: p, rng: $0) }, [2, 3, 4, 4]),
        ]
        for (make, shape) in cases {
            // Every evaluation rebuilds the layer from the same seed, so draws the same mask.
            let seed = rng.next()
            let layer = try make(RandomSource(seed: seed))
            let report = try checker.check(layer, input: randomTensor(shape, rng), rng: rng,
                                           evaluate: { try make(RandomSource(seed: seed)).forward($0) })
            #expect(report.passed, "\(layer.summary): \(report)")
        }
    }

    @Test(arguments: [0.2, 0.5, 0.9])
    func dropoutGradientIsTheScaledMask(p: Double) throws {
        let rng = RandomSource(seed: 41)
        let layers: [Module] = [try Dropout(p: p, rng: rng), try Dropout1d(p: p, rng: rng), try Dropout2d(p: p, rng: rng)]
        for layer in layers {
            let x = awayFromZeroTensor([4, 5, 6], rng)
            let y = try layer.forward(x)
            let g = randomTensor([4, 5, 6], rng)
            let dx = try layer.backward(g)
            let scale = 1 / Float(1 - p)
            for i in 0..<x.count {
                // The mask is where y kept x; dx = g * mask / (1-p).
                let kept = y.data[i] != 0
                #expect(y.data[i] == (kept ? x.data[i] * scale : 0))
                #expect(dx.data[i] == (kept ? g.data[i] * scale : 0), "\(layer.summary) at \(i)")
            }
        }
    }

    // MARK: - The existing layers and containers

    @Test(arguments: [true, false])
    func linear(bias: Bool) throws {
        let rng = RandomSource(seed: 50)
        for _ in 0..<3 {
            let layer = Linear(randomInt(1...6, rng), randomInt(1...5, rng), bias: bias, rng: rng)
            let x = randomTensor([randomInt(1...4, rng), layer.inFeatures], rng)
            let report = try checker.check(layer, input: x, rng: rng)
            #expect(report.passed, "\(layer.summary): \(report)")
        }
    }

    @Test func reluAndFlatten() throws {
        let rng = RandomSource(seed: 51)
        for shape in [[3, 7], [2, 3, 4, 2]] {
            let relu = try checker.check(ReLU(), input: awayFromZeroTensor(shape, rng), rng: rng)
            #expect(relu.passed, "ReLU: \(relu)")
            let flatten = try checker.check(Flatten(), input: randomTensor(shape, rng), rng: rng)
            #expect(flatten.passed, "Flatten: \(flatten)")
        }
    }

    @Test func sequentialSmallCNN() throws {
        let rng = RandomSource(seed: 52)
        let net = Sequential([
            Conv2d(1, 3, kernelSize: 3, padding: 1, rng: rng),
            try GroupNorm(numGroups: 1, numChannels: 3),
            Conv2d(3, 4, kernelSize: 3, stride: 2, rng: rng),
            InstanceNorm2d(4, affine: true),
            FrozenBatchNorm2d(4),
            Flatten(),
            LayerNorm(normalizedShape: [64]),
            Linear(64, 5, rng: rng),
        ])
        randomizeParameters(net, rng)
        let report = try checker.check(net, input: randomTensor([2, 1, 9, 9], rng), rng: rng)
        #expect(report.passed, "\(report)")
    }

    @Test func sequentialWithKinks() throws {
        // ReLU and MaxPool are piecewise linear: a central difference straddling a kink is wrong
        // by design. A smaller step (the loss is still accumulated in Double) makes that
        // unlikely; with these seeds no ±h perturbation crosses one.
        let checker = GradientChecker(step: 1e-3)
        let rng = RandomSource(seed: 53)
        let net = Sequential([
            Conv2d(2, 3, kernelSize: 3, rng: rng), ReLU(), MaxPool2d(kernelSize: 2),
            Flatten(), Linear(12, 4, rng: rng), ReLU(), Linear(4, 3, bias: false, rng: rng),
        ])
        let report = try checker.check(net, input: randomTensor([2, 2, 6, 6], rng), rng: rng)
        #expect(report.passed, "\(report)")
    }

    // MARK: - Gradient bookkeeping

    /// Layers with parameters, each with an input to run on.
    static func parameterizedLayers(_ rng: RandomSource) throws -> [(Module, Tensor)] {
        [
            (Conv2d(2, 3, kernelSize: 3, padding: 1, rng: rng), randomTensor([2, 2, 5, 5], rng)),
            (Linear(4, 3, rng: rng), randomTensor([5, 4], rng)),
            (LayerNorm(normalizedShape: [4]), randomTensor([3, 4], rng)),
            (try GroupNorm(numGroups: 2, numChannels: 4), randomTensor([2, 4, 3], rng)),
            (InstanceNorm2d(2, affine: true), randomTensor([2, 2, 3, 3], rng)),
        ]
    }

    @Test func gradientsAccumulateAcrossBackwardCalls() throws {
        let rng = RandomSource(seed: 60)
        for (layer, x) in try Self.parameterizedLayers(rng) {
            randomizeParameters(layer, rng)
            let y = try layer.forward(x)
            let g = randomTensor(y.shape, rng)
            layer.zeroGrad()
            _ = try layer.backward(g)
            let once = layer.parameters().map { $0.gradient! }
            _ = try layer.backward(g)
            let twice = layer.parameters().map { $0.gradient! }
            #expect(once.count >= 1)
            for (a, b) in zip(once, twice) {
                for i in 0..<a.count {
                    #expect(abs(b.data[i] - 2 * a.data[i]) <= 1e-5 * max(1, abs(a.data[i])), "\(layer.summary)")
                }
            }
            // zeroGrad forgets, and the next backward overwrites rather than adds.
            layer.zeroGrad()
            #expect(layer.parameters().allSatisfy { $0.gradient == nil })
            _ = try layer.backward(g)
            #expect(layer.parameters().map { $0.gradient! } == once, "\(layer.summary)")
        }
    }

    @Test func frozenParametersGetNoGradient() throws {
        let rng = RandomSource(seed: 61)
        for (layer, x) in try Self.parameterizedLayers(rng) {
            randomizeParameters(layer, rng)
            let y = try layer.forward(x)
            let g = randomTensor(y.shape, rng)
            layer.zeroGrad()
            let dxAll = try layer.backward(g)
            let first = layer.parameters()[0]
            first.requiresGrad = false
            layer.zeroGrad()
            _ = try layer.forward(x)
            let dxFrozen = try layer.backward(g)
            #expect(first.gradient == nil, "\(layer.summary)")
            #expect(layer.parameters().dropFirst().allSatisfy { $0.gradient != nil }, "\(layer.summary)")
            #expect(dxFrozen == dxAll, "the input gradient does not depend on requiresGrad")
            // And the checker agrees with the rest.
            let report = try checker.check(layer, input: x, rng: rng)
            #expect(report.passed, "\(layer.summary): \(report)")
        }
    }

    @Test func frozenNetworkStillPropagatesInputGradients() throws {
        let rng = RandomSource(seed: 62)
        let net = Sequential([Conv2d(1, 2, kernelSize: 3, rng: rng), Flatten(), Linear(8, 2, rng: rng)])
        net.requiresGrad(false)
        let report = try checker.check(net, input: randomTensor([1, 1, 4, 4], rng), rng: rng)
        #expect(report.passed, "\(report)")
        #expect(net.parameters().allSatisfy { $0.gradient == nil })
    }
}
