import Testing
@testable import BNCore

/// Expects `body` to throw exactly `expected` (kind and message).
func expectError(_ expected: CoreError, sourceLocation: SourceLocation = #_sourceLocation,
                 _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected \(expected.pythonDescription), nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as CoreError {
        #expect(error == expected, sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected \(expected.pythonDescription), got \(error)", sourceLocation: sourceLocation)
    }
}

/// Forward values, shapes, state, error messages and statistics of the layers.
@Suite struct LayerBehaviourTests {
    // MARK: - Python float formatting

    @Test(arguments: [
        (1.1, "1.1"), (0.5, "0.5"), (-0.1, "-0.1"), (2.0, "2.0"), (100, "100.0"), (0, "0.0"), (-0.0, "-0.0"),
        (1e-5, "1e-05"), (0.0001, "0.0001"), (1.5e-7, "1.5e-07"), (1e-3, "0.001"),
        (1e15, "1000000000000000.0"), (9.1e15, "9100000000000000.0"), (1e16, "1e+16"),
        (1.2345678901234568e16, "1.2345678901234568e+16"), (123456789, "123456789.0"),
        (0.1 + 0.2, "0.30000000000000004"), (1e300, "1e+300"), (-2.5e-10, "-2.5e-10"),
        (Double.infinity, "inf"), (-Double.infinity, "-inf"), (Double.nan, "nan"),
    ] as [(Double, String)])
    func pythonFloatFormatting(_ value: Double, _ expected: String) {
        #expect(pythonFloat(value) == expected)
    }

    // MARK: - Conv2d

    /// Direct convolution, for comparison with the im2col version.
    static func referenceConv(_ x: Tensor, _ conv: Conv2d) -> Tensor {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (kh, kw) = conv.kernelSize, (sh, sw) = conv.stride, (ph, pw) = conv.padding
        let oh = (h + 2 * ph - kh) / sh + 1, ow = (w + 2 * pw - kw) / sw + 1
        var y = Tensor(zeros: [n, conv.outChannels, oh, ow])
        for b in 0..<n {
            for o in 0..<conv.outChannels {
                for i in 0..<oh {
                    for j in 0..<ow {
                        var total = Double(conv.bias?.value.data[o] ?? 0)
                        for ch in 0..<c {
                            for ki in 0..<kh {
                                for kj in 0..<kw {
                                    let r = i * sh - ph + ki, s = j * sw - pw + kj
                                    guard r >= 0, r < h, s >= 0, s < w else { continue }
                                    total += Double(x[b, ch, r, s]) * Double(conv.weight.value[o, ch, ki, kj])
                                }
                            }
                        }
                        y[b, o, i, j] = Float(total)
                    }
                }
            }
        }
        return y
    }

    @Test func conv2dMatchesDirectConvolution() throws {
        let rng = RandomSource(seed: 100)
        let configs: [((Int, Int), (Int, Int), (Int, Int))] = [
            ((3, 3), (1, 1), (0, 0)), ((3, 3), (2, 2), (1, 1)), ((2, 3), (1, 2), (0, 1)),
            ((1, 1), (1, 1), (0, 0)), ((5, 4), (2, 3), (2, 2)), ((3, 3), (1, 1), (4, 3)),
        ]
        for (k, s, p) in configs {
            let conv = Conv2d(3, 4, kernelSize: k, stride: s, padding: p, bias: rng.nextUnit() < 0.7, rng: rng)
            let x = randomTensor([2, 3, 9, 8], rng)
            let y = try conv.forward(x)
            let reference = Self.referenceConv(x, conv)
            #expect(y.shape == reference.shape)
            #expect(y.maxAbsDifference(reference) < 1e-5, "\(conv.summary)")
        }
    }

    /// Direct sums for the gradients of a convolution: dW, db and dx for output gradient `g`.
    static func referenceConvGradients(_ x: Tensor, _ g: Tensor, _ conv: Conv2d) -> (dw: [Double], db: [Double], dx: [Double]) {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (kh, kw) = conv.kernelSize, (sh, sw) = conv.stride, (ph, pw) = conv.padding
        let (o, oh, ow) = (g.shape[1], g.shape[2], g.shape[3])
        var dw = [Double](repeating: 0, count: o * c * kh * kw), db = [Double](repeating: 0, count: o)
        var dx = [Double](repeating: 0, count: x.count)
        let xs = x.data, gs = g.data, ws = conv.weight.value.data
        for b in 0..<n {
            for oc in 0..<o {
                for i in 0..<oh {
                    for j in 0..<ow {
                        let gv = Double(gs[((b * o + oc) * oh + i) * ow + j])
                        db[oc] += gv
                        for ch in 0..<c {
                            for ki in 0..<kh {
                                for kj in 0..<kw {
                                    let r = i * sh - ph + ki, s = j * sw - pw + kj
                                    guard r >= 0, r < h, s >= 0, s < w else { continue }
                                    let wi = ((oc * c + ch) * kh + ki) * kw + kj, xi = ((b * c + ch) * h + r) * w + s
                                    dw[wi] += gv * Double(xs[xi])
                                    dx[xi] += gv * Double(ws[wi])
                                }
                            }
                        }
                    }
                }
            }
        }
        return (dw, db, dx)
    }

    /// The largest |a - b| / max(1, |b|).
    static func relativeError(_ a: [Float], _ b: [Double]) -> Double {
        zip(a, b).map { abs(Double($0) - $1) / max(1, abs($1)) }.max() ?? 0
    }

    @Test func conv2dMatchesDirectSumsOverManyBlocks() throws {
        // Batches large enough to be lowered in several blocks with a shorter last one, for the
        // stride-1 unpadded (wide) lowering and the general one.
        let rng = RandomSource(seed: 103)
        for (k, s, p) in [((3, 3), (1, 1), (0, 0)), ((3, 3), (2, 2), (1, 1)), ((2, 3), (1, 1), (0, 0))] {
            let conv = Conv2d(3, 5, kernelSize: k, stride: s, padding: p, rng: rng)
            let x = randomTensor([13, 3, 20, 19], rng)
            let y = try conv.forward(x)
            #expect(y.maxAbsDifference(Self.referenceConv(x, conv)) < 1e-4, "\(conv.summary)")
            let g = randomTensor(y.shape, rng)
            let dx = try conv.backward(g)
            let reference = Self.referenceConvGradients(x, g, conv)
            #expect(Self.relativeError(conv.weight.grad.data, reference.dw) < 1e-4, "\(conv.summary)")
            #expect(Self.relativeError(try #require(conv.bias?.grad.data), reference.db) < 1e-4, "\(conv.summary)")
            #expect(Self.relativeError(dx.data, reference.dx) < 1e-4, "\(conv.summary)")
        }
    }

    @Test func conv2dInfinitiesStayInTheirWindows() throws {
        // An infinite input at the end of a row reaches only the kernel offsets whose windows
        // cover it: dW is inf there and 0 elsewhere (no 0 · inf from positions past a row's end).
        let conv = Conv2d(1, 2, kernelSize: 3, bias: false, rng: RandomSource(seed: 104))
        var x = Tensor(zeros: [3, 1, 6, 8])
        x[0, 0, 0, 7] = .infinity
        _ = try conv.forward(x)
        try conv.backwardParameters(Tensor(repeating: 1, shape: [3, 2, 4, 6]))
        for o in 0..<2 {
            for ki in 0..<3 {
                for kj in 0..<3 {
                    let value = conv.weight.grad[o, 0, ki, kj]
                    #expect(ki == 0 && kj == 2 ? value == .infinity : value == 0, "dW[\(o), 0, \(ki), \(kj)] = \(value)")
                }
            }
        }
        // An infinite weight reaches only the input positions it multiplies.
        let conv2 = Conv2d(1, 1, kernelSize: 3, bias: false, rng: RandomSource(seed: 105))
        conv2.weight.value[0, 0, 2, 2] = .infinity
        _ = try conv2.forward(randomTensor([2, 1, 6, 8], RandomSource(seed: 106)))
        let dx = try conv2.backward(Tensor(repeating: 1, shape: [2, 1, 4, 6]))
        for b in 0..<2 {
            for r in 0..<6 {
                for c in 0..<8 {
                    #expect(dx[b, 0, r, c].isFinite == (r < 2 || c < 2), "dx[\(b), 0, \(r), \(c)] = \(dx[b, 0, r, c])")
                }
            }
        }
    }

    @Test func conv2dOutputShapes() throws {
        let rng = RandomSource(seed: 101)
        func shape(_ conv: Conv2d, _ input: [Int]) throws -> [Int] { try conv.forward(Tensor(zeros: input)).shape }
        #expect(try shape(Conv2d(1, 6, kernelSize: 3, rng: rng), [64, 1, 28, 28]) == [64, 6, 26, 26])
        #expect(try shape(Conv2d(6, 16, kernelSize: 3, rng: rng), [64, 6, 13, 13]) == [64, 16, 11, 11])
        #expect(try shape(Conv2d(3, 5, kernelSize: 3, stride: 2, padding: 1, rng: rng), [2, 3, 7, 7]) == [2, 5, 4, 4])
        #expect(try shape(Conv2d(2, 3, kernelSize: 5, padding: 2, rng: rng), [4, 2, 9, 9]) == [4, 3, 9, 9])
        #expect(try shape(Conv2d(2, 3, kernelSize: (2, 3), stride: (1, 2), padding: (0, 1), rng: rng), [1, 2, 5, 6]) == [1, 3, 4, 3])
        #expect(try shape(Conv2d(1, 2, kernelSize: 3, stride: 3, rng: rng), [1, 1, 8, 8]) == [1, 2, 2, 2])
        #expect(try shape(Conv2d(1, 6, kernelSize: 3, rng: rng), [1, 28, 28]) == [6, 26, 26])
        #expect(try shape(Conv2d(1, 1, kernelSize: 3, padding: 1, rng: rng), [0, 1, 5, 5]) == [0, 1, 5, 5])
    }

    @Test func conv2dInitialization() {
        let conv = Conv2d(3, 4, kernelSize: (3, 2), rng: RandomSource(seed: 102))
        let bound = 1 / Float(3 * 3 * 2).squareRoot()
        let replay = RandomSource(seed: 102)
        // The weight is drawn first, then the bias, from U(-1/√fan_in, 1/√fan_in).
        #expect(conv.weight.value == replay.uniform(shape: [4, 3, 3, 2], low: -bound, high: bound))
        #expect(conv.bias?.value == replay.uniform(shape: [4], low: -bound, high: bound))
        #expect(conv.weight.value.data.allSatisfy { abs($0) <= bound })
        #expect(conv.stateDict().map(\.key) == ["weight", "bias"])
        #expect(Conv2d(3, 4, kernelSize: 3, bias: false, rng: RandomSource(seed: 1)).stateDict().map(\.key) == ["weight"])
    }

    @Test func conv2dErrors() {
        let rng = RandomSource(seed: 103)
        let conv = Conv2d(1, 4, kernelSize: 3, rng: rng)
        expectError(.runtime("Given groups=1, weight of size [4, 1, 3, 3], expected input[2, 3, 8, 8] to have 1 channels, but got 3 channels instead")) {
            _ = try conv.forward(Tensor(zeros: [2, 3, 8, 8]))
        }
        expectError(.runtime("Given groups=1, weight of size [4, 1, 3, 3], expected input[1, 3, 8, 8] to have 1 channels, but got 3 channels instead")) {
            _ = try conv.forward(Tensor(zeros: [3, 8, 8]))
        }
        expectError(.runtime("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [2, 3]")) {
            _ = try conv.forward(Tensor(zeros: [2, 3]))
        }
        expectError(.runtime("Calculated padded input size per channel: (2 x 5). Kernel size: (3 x 3). Kernel size can't be greater than actual input size")) {
            _ = try conv.forward(Tensor(zeros: [1, 1, 2, 5]))
        }
    }

    @Test func summaries() throws {
        let rng = RandomSource(seed: 104)
        #expect(Conv2d(1, 6, kernelSize: 3, rng: rng).summary == "Conv2d(1, 6, kernel_size=3)")
        #expect(Conv2d(3, 5, kernelSize: (3, 1), stride: (2, 2), padding: (1, 0), bias: false, rng: rng).summary
                == "Conv2d(3, 5, kernel_size=(3, 1), stride=2, padding=(1, 0), bias=False)")
        #expect(MaxPool2d(kernelSize: 2).summary == "MaxPool2d(kernel_size=2, stride=2)")
        #expect(LayerNorm(normalizedShape: [4, 5]).summary == "LayerNorm((4, 5))")
        #expect(LayerNorm(normalizedShape: [6], eps: 1e-3, elementwiseAffine: false).summary
                == "LayerNorm((6,), eps=0.001, elementwise_affine=False)")
        #expect(try GroupNorm(numGroups: 2, numChannels: 6).summary == "GroupNorm(2, 6)")
        #expect(InstanceNorm2d(3, affine: true).summary == "InstanceNorm2d(3, affine=True)")
        #expect(FrozenBatchNorm2d(16).summary == "FrozenBatchNorm2d(16, eps=1e-05)")
        #expect(try Dropout(p: 0.25, rng: rng).summary == "Dropout(p=0.25)")
        #expect(try Dropout2d(rng: rng).summary == "Dropout2d(p=0.5)")
    }

    // MARK: - MaxPool2d

    @Test func maxPool2dShapesAndValues() throws {
        #expect(try MaxPool2d(kernelSize: 2).forward(Tensor(zeros: [64, 6, 26, 26])).shape == [64, 6, 13, 13])
        #expect(try MaxPool2d(kernelSize: 2).forward(Tensor(zeros: [64, 16, 11, 11])).shape == [64, 16, 5, 5])
        #expect(try MaxPool2d(kernelSize: 3, stride: 2).forward(Tensor(zeros: [1, 2, 7, 7])).shape == [1, 2, 3, 3])
        #expect(try MaxPool2d(kernelSize: 3, stride: 2, padding: 1).forward(Tensor(zeros: [3, 8, 8])).shape == [3, 4, 4])
        let x = Tensor(shape: [1, 1, 2, 4], data: [1, 5, 2, 0, 3, 4, 8, 7])
        #expect(try MaxPool2d(kernelSize: 2).forward(x).data == [5, 8])
    }

    @Test func maxPool2dPaddingIsMinusInfinity() throws {
        // All inputs negative: zero padding would win every border window, -inf never does.
        let pool = MaxPool2d(kernelSize: 3, stride: 1, padding: 1)
        let x = Tensor(repeating: -5, shape: [1, 1, 3, 3])
        let y = try pool.forward(x)
        #expect(y.data.allSatisfy { $0 == -5 })
        let dx = try pool.backward(Tensor(repeating: 1, shape: y.shape))
        #expect(dx.data.reduce(0, +) == 9, "every output gradient lands on the input")
    }

    @Test func maxPool2dTiesGoToTheFirstMaximum() throws {
        let pool = MaxPool2d(kernelSize: 2)
        _ = try pool.forward(Tensor(repeating: 1, shape: [1, 1, 4, 4]))
        let dx = try pool.backward(Tensor(shape: [1, 1, 2, 2], data: [1, 2, 3, 4]))
        #expect(dx.data == [1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4, 0, 0, 0, 0, 0])
        // Overlapping windows with padding: each takes its first in-bounds position.
        let overlapping = MaxPool2d(kernelSize: 3, stride: 1, padding: 1)
        _ = try overlapping.forward(Tensor(repeating: 0, shape: [1, 1, 2, 2]))
        let dx2 = try overlapping.backward(Tensor(repeating: 1, shape: [1, 1, 2, 2]))
        #expect(dx2.data == [4, 0, 0, 0])
        // NaN wins its window, like PyTorch.
        let nan = try MaxPool2d(kernelSize: 2).forward(Tensor(shape: [1, 1, 2, 2], data: [1, .nan, 3, 2]))
        #expect(nan.data[0].isNaN)
    }

    /// PyTorch's scan for 2×2 windows with stride 2: each window's value and the flat index of
    /// its maximum within the plane.
    static func referenceHalvingPool(_ x: Tensor) -> (values: [Float], indices: [Int]) {
        let h = x.shape[x.rank - 2], w = x.shape[x.rank - 1], planes = x.count / (h * w)
        var values: [Float] = [], indices: [Int] = []
        for plane in 0..<planes {
            for i in 0..<(h / 2) {
                for j in 0..<(w / 2) {
                    var best = -Float.infinity, index = 2 * i * w + 2 * j
                    for (r, c) in [(2 * i, 2 * j), (2 * i, 2 * j + 1), (2 * i + 1, 2 * j), (2 * i + 1, 2 * j + 1)] {
                        let v = x.data[plane * h * w + r * w + c]
                        if v > best || v.isNaN { best = v; index = r * w + c }
                    }
                    values.append(best)
                    indices.append(index)
                }
            }
        }
        return (values, indices)
    }

    @Test(arguments: [[3, 2, 26, 26], [5, 4, 11, 11], [2, 3, 2, 2], [1, 1, 5, 7], [1, 2, 3, 17], [4, 3, 6, 6], [2, 13, 9],
                      [1, 1, 16, 33]])
    func maxPool2dHalvingMatchesTheScan(_ shape: [Int]) throws {
        // Ties, NaNs, infinities and signed zeros, on shapes with rows of fewer and more than
        // eight windows, odd sizes, and rows near the end of the buffers.
        let rng = RandomSource(seed: 120)
        let specials: [Float] = [.nan, -.infinity, .infinity, 1, 1, 1, -0.0, 0]
        var x = randomTensor(shape, rng)
        for i in 0..<x.count where rng.next() % 3 == 0 { x.data[i] = specials[Int(rng.next() % 8)] }
        let pool = MaxPool2d(kernelSize: 2)
        let y = try pool.forward(x)
        let reference = Self.referenceHalvingPool(x)
        #expect(y.count == reference.values.count)
        for (v, r) in zip(y.data, reference.values) { #expect(v.bitPattern == r.bitPattern || (v.isNaN && r.isNaN)) }
        // Backward routes g[k] (distinct values, one -0) to the k-th window's maximum.
        var g = Tensor(shape: y.shape, data: (0..<y.count).map { Float($0 + 1) })
        g.data[0] = -0.0
        let dx = try pool.backward(g)
        var expected = [Float](repeating: 0, count: x.count)
        let h = shape[shape.count - 2], w = shape[shape.count - 1], perPlane = (h / 2) * (w / 2)
        for (k, index) in reference.indices.enumerated() { expected[k / perPlane * h * w + index] += g.data[k] }
        #expect(dx.data.map(\.bitPattern) == expected.map(\.bitPattern))
    }

    @Test func maxPool2dErrors() {
        expectError(.runtime("pad should be at most half of effective kernel size, but got pad=2, kernel_size=3 and dilation=1")) {
            _ = try MaxPool2d(kernelSize: 3, padding: 2).forward(Tensor(zeros: [1, 1, 8, 8]))
        }
        expectError(.runtime("Given input size: (1x2x2). Calculated output size: (1x0x0). Output size is too small")) {
            _ = try MaxPool2d(kernelSize: 3).forward(Tensor(zeros: [1, 1, 2, 2]))
        }
        expectError(.runtime("non-empty 3D or 4D (batch mode) tensor expected for input")) {
            _ = try MaxPool2d(kernelSize: 2).forward(Tensor(zeros: [4, 4]))
        }
        #expect(MaxPool2d(kernelSize: 2).stateDict().isEmpty)
    }

    // MARK: - Normalizations

    @Test func layerNormNormalizesEachSample() throws {
        let rng = RandomSource(seed: 110)
        let ln = LayerNorm(normalizedShape: [4, 5])
        let x = randomTensor([3, 4, 5], rng, low: -3, high: 7)
        let y = try ln.forward(x)
        for s in 0..<3 {
            let row = y.data[(s * 20)..<((s + 1) * 20)].map(Double.init)
            let mean = row.reduce(0, +) / 20
            let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 20
            #expect(abs(mean) < 1e-6)
            #expect(abs(variance - 1) < 1e-3)
        }
        ln.eval()
        #expect(try ln.forward(x) == y, "same in eval")
        #expect(ln.stateDict().map(\.key) == ["weight", "bias"])
        #expect(ln.weight?.value == Tensor(repeating: 1, shape: [4, 5]))
        #expect(LayerNorm(normalizedShape: [3], bias: false).stateDict().map(\.key) == ["weight"])
        #expect(LayerNorm(normalizedShape: [3], elementwiseAffine: false).stateDict().isEmpty)
    }

    @Test func layerNormErrors() {
        let ln = LayerNorm(normalizedShape: [4, 5])
        expectError(.runtime("Given normalized_shape=[4, 5], expected input with shape [*, 4, 5], but got input of size[3, 4, 6]")) {
            _ = try ln.forward(Tensor(zeros: [3, 4, 6]))
        }
        expectError(.runtime("Given normalized_shape=[4, 5], expected input with shape [*, 4, 5], but got input of size[5]")) {
            _ = try ln.forward(Tensor(zeros: [5]))
        }
    }

    @Test func groupNormMatchesLayerNormAndInstanceNorm() throws {
        let rng = RandomSource(seed: 111)
        let x = randomTensor([3, 4, 5, 2], rng)
        let one = try GroupNorm(numGroups: 1, numChannels: 4, affine: false).forward(x)
        let layer = try LayerNorm(normalizedShape: [4, 5, 2], elementwiseAffine: false).forward(x)
        #expect(one.maxAbsDifference(layer) < 1e-6)
        let perChannel = try GroupNorm(numGroups: 4, numChannels: 4, affine: false).forward(x)
        let instance = try InstanceNorm2d(4).forward(x)
        #expect(perChannel.maxAbsDifference(instance) < 1e-6)
        // Two groups: each half of the channels of a sample has mean 0.
        let two = try GroupNorm(numGroups: 2, numChannels: 4).forward(x)
        for half in 0..<6 {
            let mean = two.data[(half * 20)..<((half + 1) * 20)].map(Double.init).reduce(0, +) / 20
            #expect(abs(mean) < 1e-6)
        }
    }

    @Test func groupNormErrorsAndState() throws {
        expectError(.value("num_channels (6) must be divisible by num_groups (4)")) {
            _ = try GroupNorm(numGroups: 4, numChannels: 6)
        }
        let gn = try GroupNorm(numGroups: 2, numChannels: 6)
        #expect(gn.stateDict().map(\.key) == ["weight", "bias"])
        #expect(try GroupNorm(numGroups: 2, numChannels: 6, affine: false).stateDict().isEmpty)
        expectError(.runtime("Expected at least 2 dimensions for input tensor but received 1")) {
            _ = try gn.forward(Tensor(zeros: [6]))
        }
        expectError(.runtime("Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [6] and input of shape [2, 4, 3]")) {
            _ = try gn.forward(Tensor(zeros: [2, 4, 3]))
        }
        expectError(.runtime("Expected number of channels in input to be divisible by num_groups, but got input of shape [2, 5, 3] and num_groups=2")) {
            _ = try gn.forward(Tensor(zeros: [2, 5, 3]))
        }
        expectError(.value("Expected more than 1 value per channel when training, got input size [1, 1]")) {
            _ = try GroupNorm(numGroups: 1, numChannels: 1).forward(Tensor(zeros: [1, 1]))
        }
    }

    @Test func instanceNorm2dState() {
        #expect(InstanceNorm2d(3).stateDict().isEmpty)
        #expect(InstanceNorm2d(3, affine: true).stateDict().map(\.key) == ["weight", "bias"])
        #expect(InstanceNorm2d(3, trackRunningStats: true).stateDict().map(\.key)
                == ["running_mean", "running_var", "num_batches_tracked"])
        #expect(InstanceNorm2d(3, affine: true, trackRunningStats: true).stateDict().map(\.key)
                == ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"])
    }

    @Test func instanceNorm2dRunningStatistics() throws {
        let rng = RandomSource(seed: 112)
        let norm = InstanceNorm2d(3, momentum: 0.2, trackRunningStats: true)
        let x = randomTensor([2, 3, 4, 5], rng, low: -1, high: 3)
        _ = try norm.forward(x)
        for c in 0..<3 {
            var meanSum = 0.0, varSum = 0.0
            for n in 0..<2 {
                let plane = (0..<20).map { Double(x.data[(n * 3 + c) * 20 + $0]) }
                let mean = plane.reduce(0, +) / 20
                meanSum += mean
                varSum += plane.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 19
            }
            // running = (1 - m)·running + m·(batch average of the instance statistics)
            #expect(abs(Double(norm.runningMean!.value.data[c]) - 0.2 * meanSum / 2) < 1e-5)
            #expect(abs(Double(norm.runningVar!.value.data[c]) - (0.8 + 0.2 * varSum / 2)) < 1e-5)
        }
        #expect(norm.numBatchesTracked?.value == 0, "InstanceNorm never counts batches")
        // Eval normalizes with the running statistics.
        norm.eval()
        let y = try norm.forward(x)
        let rm = norm.runningMean!.value.data, rv = norm.runningVar!.value.data
        for i in 0..<x.count {
            let c = (i / 20) % 3
            #expect(abs(y.data[i] - (x.data[i] - rm[c]) / (rv[c] + 1e-5).squareRoot()) < 1e-5)
        }
        // Without tracking, eval still uses instance statistics.
        let plain = InstanceNorm2d(3)
        let train = try plain.forward(x)
        plain.eval()
        #expect(try plain.forward(x) == train)
        // A nil momentum leaves the running statistics as they are.
        let frozen = InstanceNorm2d(3, momentum: nil, trackRunningStats: true)
        _ = try frozen.forward(x)
        #expect(frozen.runningMean!.value == Tensor(zeros: [3]))
        #expect(frozen.runningVar!.value == Tensor(repeating: 1, shape: [3]))
    }

    @Test func instanceNorm2dErrors() {
        expectError(.value("expected 3D or 4D input (got 2D input)")) {
            _ = try InstanceNorm2d(3).forward(Tensor(zeros: [2, 3]))
        }
        expectError(.value("expected input's size at dim=1 to match num_features (3), but got: 4.")) {
            _ = try InstanceNorm2d(3, affine: true).forward(Tensor(zeros: [2, 4, 3, 3]))
        }
        expectError(.value("Expected more than 1 spatial element when training, got input size torch.Size([2, 3, 1, 1])")) {
            _ = try InstanceNorm2d(3).forward(Tensor(zeros: [2, 3, 1, 1]))
        }
    }

    @Test func frozenBatchNorm2dIsAllBuffers() throws {
        let rng = RandomSource(seed: 113)
        let frozen = FrozenBatchNorm2d(3, eps: 1e-3)
        #expect(frozen.stateDict().map(\.key) == ["weight", "bias", "running_mean", "running_var"])
        #expect(frozen.parameters().isEmpty)
        #expect(frozen.stateEntries.allSatisfy { if case .buffer = $0 { true } else { false } })
        let w = randomTensor([3], rng), b = randomTensor([3], rng)
        let rm = randomTensor([3], rng), rv = randomTensor([3], rng, low: 0.1, high: 2)
        try frozen.loadStateDict([("weight", .tensor(w)), ("bias", .tensor(b)),
                                  ("running_mean", .tensor(rm)), ("running_var", .tensor(rv))])
        let x = randomTensor([2, 3, 2, 2], rng)
        let y = try frozen.forward(x)
        frozen.eval()
        #expect(try frozen.forward(x) == y, "same in eval")
        for i in 0..<x.count {
            let c = (i / 4) % 3
            // scale = w / sqrt(rv + eps), y = x * scale + (b - rm * scale)
            let scale = w.data[c] / (rv.data[c] + 1e-3).squareRoot()
            #expect(abs(y.data[i] - (x.data[i] * scale + (b.data[c] - rm.data[c] * scale))) < 1e-5)
        }
    }

    // MARK: - Dropout

    @Test func dropoutErrors() {
        let rng = RandomSource(seed: 120)
        for (p, text) in [(1.1, "1.1"), (-0.1, "-0.1"), (2.0, "2.0"), (-1e-5, "-1e-05")] {
            let error = CoreError.value("dropout probability has to be between 0 and 1, but got \(text)")
            expectError(error) { _ = try Dropout(p: p, rng: rng) }
            expectError(error) { _ = try Dropout1d(p: p, rng: rng) }
            expectError(error) { _ = try Dropout2d(p: p, rng: rng) }
        }
        expectError(.runtime("dropout1d: Expected 2D or 3D input, but received a 4D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).")) {
            _ = try Dropout1d(p: 0.5, rng: rng).forward(Tensor(zeros: [1, 2, 3, 4]))
        }
        expectError(.runtime("Feature dropout requires at least 2 dimensions in the input")) {
            _ = try Dropout2d(p: 0.5, rng: rng).forward(Tensor(zeros: [5]))
        }
    }

    @Test(arguments: [0.1, 0.3, 0.5, 0.8])
    func dropoutStatistics(p: Double) throws {
        let rng = RandomSource(seed: 121)
        let drop = try Dropout(p: p, rng: rng)
        let x = Tensor(repeating: 1, shape: [200, 1000])
        let y = try drop.forward(x)
        let zeros = y.data.filter { $0 == 0 }.count
        // 200 000 Bernoulli draws: the standard deviation of the fraction is below 0.0012.
        #expect(abs(Double(zeros) / Double(x.count) - p) < 0.006)
        let scale = 1 / Float(1 - p)
        #expect(y.data.allSatisfy { $0 == 0 || $0 == scale }, "survivors scaled by 1/(1-p)")
        // A fresh mask on every forward.
        #expect(try drop.forward(x) != y)
        // Eval: the identity, forward and backward.
        drop.eval()
        let z = randomTensor([3, 7], rng)
        #expect(try drop.forward(z) == z)
        #expect(try drop.backward(z) == z)
    }

    @Test func dropoutExtremes() throws {
        let rng = RandomSource(seed: 122)
        let x = randomTensor([4, 6], rng)
        let all = try Dropout(p: 1, rng: rng)
        #expect(try all.forward(x) == Tensor(zeros: [4, 6]))
        #expect(try all.backward(x) == Tensor(zeros: [4, 6]))
        // p = 0 is the identity and draws nothing, like PyTorch.
        let replay = RandomSource(seed: 123), source = RandomSource(seed: 123)
        let none = try Dropout(p: 0, rng: source)
        #expect(try none.forward(x) == x)
        #expect(try none.backward(x) == x)
        #expect(source.next() == replay.next())
    }

    @Test func channelDropoutZeroesWholeChannels() throws {
        let rng = RandomSource(seed: 124)
        let cases: [(Module, [Int])] = [
            (try Dropout2d(p: 0.5, rng: rng), [8, 16, 5, 5]),
            (try Dropout1d(p: 0.5, rng: rng), [8, 16, 7]),
            (try Dropout1d(p: 0.5, rng: rng), [16, 7]),
        ]
        for (layer, shape) in cases {
            let x = Tensor(repeating: 1, shape: shape)
            let y = try layer.forward(x)
            let size = shape.last! * (shape.count == 4 ? shape[2] : 1)
            let channels = x.count / size
            var dropped = 0
            for ch in 0..<channels {
                let plane = y.data[(ch * size)..<((ch + 1) * size)]
                #expect(plane.allSatisfy { $0 == plane.first! }, "\(layer.summary): a channel is kept or dropped whole")
                #expect(plane.first! == 0 || plane.first! == 2)
                if plane.first! == 0 { dropped += 1 }
            }
            #expect(dropped > channels / 4 && dropped < channels * 3 / 4, "\(layer.summary): \(dropped) of \(channels)")
            layer.eval()
            #expect(try layer.forward(x) == x)
        }
    }
}
