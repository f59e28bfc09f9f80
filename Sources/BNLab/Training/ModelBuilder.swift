import BNCore

/// A network built from an experiment's layer list, with handles on the layers bnlab watches.
public struct BuiltModel {
    /// The network, as an `nn.Sequential` (state keys `0.weight`, `2.running_mean`, …).
    public let network: Sequential
    /// Every BatchNorm layer with its name (its index in the network).
    public let batchNorms: [(name: String, layer: BatchNorm)]
    /// The index of the last Linear layer (the classifier head), if any.
    public let headIndex: Int?

    /// The head's parameters: what stays trainable when the body is frozen.
    public var head: Module? { headIndex.map { network.layers[$0] } }

    /// `‖W‖ = √(Σ w²)` over every Linear/Conv2d weight directly followed by a BatchNorm layer:
    /// the weights whose scale BatchNorm cancels (`BN(a·W·x) = BN(W·x)`), so weight decay shrinks
    /// them without changing the function, raising their effective learning rate `lr / ‖W‖²`.
    /// nil when no such layer exists.
    public var scaleInvariantWeightNorm: Double? {
        let layers = network.layers
        var sum = 0.0, found = false
        for i in layers.indices.dropLast() where layers[i + 1] is BatchNorm {
            let weight = (layers[i] as? Linear)?.weight ?? (layers[i] as? Conv2d)?.weight
            guard let weight else { continue }
            found = true
            for w in weight.value.data { sum += Double(w) * Double(w) }
        }
        return found ? sum.squareRoot() : nil
    }
}

/// Why a layer list cannot be built.
public struct ModelBuildError: Error, CustomStringConvertible, Sendable {
    /// Which layer, counting from 0.
    public var index: Int
    /// What is wrong.
    public var message: String
    /// `model[3] (Linear): …`.
    public var description: String { "model[\(index)]: \(message)" }
}

/// Turns resolved `LayerSpec`s (every input size known) into core modules.
public enum ModelBuilder {
    /// A ghost BatchNorm layer (`ghost_batch` set) over `features` channels.
    private static func ghost(_ o: BatchNormOptions, _ kind: GhostBatchNorm.Kind, _ features: Int) throws -> GhostBatchNorm {
        try GhostBatchNorm(features, ghostBatch: o.ghostBatch ?? 1, kind: kind, eps: o.eps, momentum: o.momentum,
                           affine: o.affine, trackRunningStats: o.trackRunningStats)
    }

    /// Builds the network, drawing initial weights (PyTorch's default, then each layer's `init`)
    /// and dropout masks from `rng`.
    public static func build(_ layers: [LayerSpec], rng: RandomSource) throws -> BuiltModel {
        var modules: [Module] = []
        for (index, spec) in layers.enumerated() {
            func size(_ value: Int?, _ what: String) throws -> Int {
                guard let value else {
                    throw ModelBuildError(index: index, message: "\(spec.typeName) has no \(what); the plan was not resolved against an input shape")
                }
                return value
            }
            do {
                switch spec {
                case .linear(let o):
                    modules.append(Linear(try size(o.inFeatures, "input size"), o.outFeatures, bias: o.bias, rng: rng))
                case .conv2d(let o):
                    modules.append(Conv2d(try size(o.inChannels, "input channel count"), o.outChannels,
                                          kernelSize: o.kernel, stride: o.stride, padding: o.padding, bias: o.bias, rng: rng))
                case .batchNorm1d(let o) where o.ghostBatch != nil:
                    modules.append(try ghost(o, .oneD, try size(o.features, "feature count")))
                case .batchNorm2d(let o) where o.ghostBatch != nil:
                    modules.append(try ghost(o, .twoD, try size(o.features, "feature count")))
                case .batchNorm1d(let o):
                    modules.append(BatchNorm1d(try size(o.features, "feature count"), eps: o.eps, momentum: o.momentum,
                                               affine: o.affine, trackRunningStats: o.trackRunningStats))
                case .batchNorm2d(let o):
                    modules.append(BatchNorm2d(try size(o.features, "feature count"), eps: o.eps, momentum: o.momentum,
                                               affine: o.affine, trackRunningStats: o.trackRunningStats))
                case .layerNorm(let o):
                    guard let shape = o.shape else {
                        throw ModelBuildError(index: index, message: "LayerNorm has no shape; the plan was not resolved against an input shape")
                    }
                    modules.append(LayerNorm(normalizedShape: shape, eps: o.eps, elementwiseAffine: o.elementwiseAffine))
                case .groupNorm(let o):
                    modules.append(try GroupNorm(numGroups: o.groups, numChannels: try size(o.channels, "channel count"),
                                                 eps: o.eps, affine: o.affine))
                case .relu:
                    modules.append(ReLU())
                case .maxPool2d(let o):
                    modules.append(MaxPool2d(kernelSize: o.kernel, stride: o.stride))
                case .flatten:
                    modules.append(Flatten())
                case .dropout(let o):
                    modules.append(try Dropout(p: o.p, rng: rng))
                }
            } catch let error as CoreError {
                throw ModelBuildError(index: index, message: "\(spec.typeName): \(error.message)")
            }
        }
        // torch.nn.init after construction, in layer order, from the same random source.
        for (index, spec) in layers.enumerated() {
            let initialization: InitSpec?, weight: Parameter?
            switch spec {
            case .linear(let o): (initialization, weight) = (o.initialization, (modules[index] as? Linear)?.weight)
            case .conv2d(let o): (initialization, weight) = (o.initialization, (modules[index] as? Conv2d)?.weight)
            default: (initialization, weight) = (nil, nil)
            }
            guard let initialization, let weight else { continue }
            do { try WeightInit.apply(initialization, to: weight, rng: rng) } catch let error as CoreError {
                throw ModelBuildError(index: index, message: "\(spec.typeName) init: \(error.message)")
            }
        }
        let network = Sequential(modules)
        let batchNorms = modules.enumerated().compactMap { i, m in (m as? BatchNorm).map { (String(i), $0) } }
        let headIndex = modules.lastIndex { $0 is Linear }
        return BuiltModel(network: network, batchNorms: batchNorms, headIndex: headIndex)
    }
}
