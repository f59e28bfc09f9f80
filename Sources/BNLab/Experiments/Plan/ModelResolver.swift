/// Applies a variant's normalization changes to a model and infers every layer size from the
/// input shape, checking that the layers fit together.
///
/// Shapes are per sample, channels first: `[C, H, W]` for images, `[F]` once flat.
/// - Conv2d: `H' = ⌊(H + 2·padding − kernel) / stride⌋ + 1` (same for W), channels become `out`.
/// - MaxPool2d: `H' = ⌊(H − kernel) / stride⌋ + 1`.
/// - Flatten: `[C·H·W]`. Linear: `[F]` → `[out]`.
/// - Normalizations, ReLU and Dropout keep the shape.
struct ModelResolver {
    /// What a variant changes in the model.
    struct Changes {
        /// Remove BatchNorm layers (and give the layer before each a bias).
        var dropBatchNorm = false
        /// Replace BatchNorm layers by another normalization.
        var norm: NormKind = .batch
        /// Group count for GroupNorm replacements; nil picks one per layer.
        var normGroups: Int?
        /// BatchNorm momentum for every BatchNorm layer: nil no change, `.some(nil)` cumulative.
        var momentum: Double??
    }

    /// The experiment's layers.
    let layers: [LayerSpec]
    /// One sample's shape.
    let inputShape: [Int]
    /// The number of classes the last layer must output.
    let classes: Int
    /// The path of the variant (for errors about its keys).
    let variantPath: FieldPath
    /// Samples per forward pass, for the memory check (see ``MemoryBudget``).
    var samplesPerForward = 1
    /// Copies of every parameter for the memory check: value, gradient and optimizer state.
    var parameterCopies = 3
    /// Where the layer list is in the file (the experiment's `model`, or a variant's own).
    var modelPath = FieldPath.root.appending("model")

    /// The model with the changes applied and every size filled in.
    func resolve(_ changes: Changes) throws(SpecIssue) -> [LayerSpec] {
        var out: [LayerSpec] = []
        var shape = inputShape
        var budget = MemoryBudget(samples: samplesPerForward, parameterCopies: parameterCopies)
        let inputPath = FieldPath.root.appending("dataset").appending("input_shape")
        try budget.add(parameters: 0, activations: CheckedSize.product(of: inputShape, at: inputPath),
                       what: "the input \(Self.show(inputShape))", at: inputPath)
        for (index, original) in layers.enumerated() {
            let path = modelPath.appending(index: index)
            var layer = original
            if layer.isBatchNorm {
                if changes.dropBatchNorm {
                    // The bias a BatchNorm made redundant (its beta) is needed again.
                    if let last = out.last {
                        switch last {
                        case .linear(var o): o.bias = true; out[out.count - 1] = .linear(o)
                        case .conv2d(var o): o.bias = true; out[out.count - 1] = .conv2d(o)
                        default: break
                        }
                    }
                    continue
                }
                layer = try replaced(layer, shape: shape, changes: changes, path: path)
            }
            let (resolved, next) = try infer(layer, shape: shape, path: path)
            try budget.add(parameters: Self.parameterCount(resolved, path: path), activations: CheckedSize.product(of: next, at: path),
                           what: "layer \(index) (\(resolved.typeName), output \(Self.show(next)))", at: path)
            out.append(resolved)
            shape = next
        }
        if shape != [classes] {
            throw SpecIssue(modelPath.appending(index: layers.count - 1),
                            "the model ends with shape \(Self.show(shape)) but the dataset has \(classes) classes",
                            hint: "end the model with a layer giving \(classes) outputs, e.g. {type: Linear, out: \(classes)}")
        }
        return out
    }

    /// A BatchNorm layer after the variant's momentum and `norm` changes.
    private func replaced(_ layer: LayerSpec, shape: [Int], changes: Changes, path: FieldPath) throws(SpecIssue) -> LayerSpec {
        guard var options = layer.batchNormOptions else { return layer }
        if case .some(let momentum) = changes.momentum { options.momentum = momentum }
        switch changes.norm {
        case .batch:
            if case .batchNorm1d = layer { return .batchNorm1d(options) }
            return .batchNorm2d(options)
        case .layer:
            return .layerNorm(LayerNormOptions(shape: nil, eps: options.eps, elementwiseAffine: options.affine))
        case .group:
            guard let channels = shape.first else { return layer }
            let groups = changes.normGroups ?? Self.defaultGroups(channels: channels)
            if channels % groups != 0 {
                throw SpecIssue(variantPath.appending("norm_groups"),
                                "\(groups) groups do not divide the \(channels) channels of layer \(path.components.last.map { "\($0)" } ?? "")",
                                hint: "choose a group count that divides every normalized layer's channels, or leave norm_groups out")
            }
            return .groupNorm(GroupNormOptions(groups: groups, channels: nil, eps: options.eps, affine: options.affine))
        }
    }

    /// The largest of 32, 16, 8, 4, 2 that divides `channels` leaving at least 2 per group, else 1.
    static func defaultGroups(channels: Int) -> Int {
        [32, 16, 8, 4, 2].first { channels % $0 == 0 && channels / $0 >= 2 } ?? 1
    }

    /// The layer with its input size filled in, and its output shape.
    private func infer(_ layer: LayerSpec, shape: [Int], path: FieldPath) throws(SpecIssue) -> (LayerSpec, [Int]) {
        let name = layer.typeName
        switch layer {
        case .linear(var o):
            guard shape.count == 1 else {
                throw SpecIssue(path, "Linear needs flat input but gets \(Self.show(shape))",
                                hint: "add {type: Flatten} before it")
            }
            try check(o.inFeatures, "in", against: shape[0], name: name, path: path)
            o.inFeatures = shape[0]
            return (.linear(o), [o.outFeatures])
        case .conv2d(var o):
            try requireImage(shape, name, path)
            try check(o.inChannels, "in", against: shape[0], name: name, path: path)
            o.inChannels = shape[0]
            // padded side = size + 2·padding (checked: padding may be any size a file holds)
            let twice = try CheckedSize.product(2, o.padding, at: path.appending("padding"))
            let paddedH = try CheckedSize.sum(shape[1], twice, at: path.appending("padding"))
            let paddedW = try CheckedSize.sum(shape[2], twice, at: path.appending("padding"))
            guard paddedH >= o.kernel, paddedW >= o.kernel else {
                throw SpecIssue(path.appending("kernel"), "kernel \(o.kernel) is larger than the padded \(shape[1])×\(shape[2]) input",
                                hint: "use a smaller kernel or more padding, or remove a pooling layer before it")
            }
            // H' = ⌊(H + 2·padding − kernel) / stride⌋ + 1, no overflow: paddedH ≥ kernel ≥ 1
            let h = (paddedH - o.kernel) / o.stride + 1
            let w = (paddedW - o.kernel) / o.stride + 1
            return (.conv2d(o), [o.outChannels, h, w])
        case .maxPool2d(let o):
            try requireImage(shape, name, path)
            guard shape[1] >= o.kernel, shape[2] >= o.kernel else {
                throw SpecIssue(path.appending("kernel"), "window \(o.kernel) is larger than the \(shape[1])×\(shape[2]) input",
                                hint: "use a smaller window or remove a pooling layer")
            }
            return (layer, [shape[0], (shape[1] - o.kernel) / o.stride + 1, (shape[2] - o.kernel) / o.stride + 1])
        case .flatten:
            return (layer, [try CheckedSize.product(of: shape, at: path)])
        case .batchNorm1d(var o):
            guard shape.count == 1 else {
                throw SpecIssue(path, "BatchNorm1d needs flat input but gets \(Self.show(shape))",
                                hint: "use BatchNorm2d after a convolution, or add {type: Flatten} before it")
            }
            try check(o.features, "features", against: shape[0], name: name, path: path)
            o.features = shape[0]
            return (.batchNorm1d(o), shape)
        case .batchNorm2d(var o):
            guard shape.count == 3 else {
                throw SpecIssue(path, "BatchNorm2d needs image-shaped input but gets \(Self.show(shape))",
                                hint: "use BatchNorm1d after Flatten or Linear")
            }
            try check(o.features, "features", against: shape[0], name: name, path: path)
            o.features = shape[0]
            return (.batchNorm2d(o), shape)
        case .layerNorm(var o):
            if let given = o.shape, given != Array(shape.suffix(given.count)) {
                throw SpecIssue(path.appending("shape"), "is \(given) but the input is \(Self.show(shape))",
                                hint: "give the trailing sizes of the input, or leave 'shape' out to infer it")
            }
            o.shape = o.shape ?? shape
            return (.layerNorm(o), shape)
        case .groupNorm(var o):
            try check(o.channels, "channels", against: shape[0], name: name, path: path)
            if shape[0] % o.groups != 0 {
                throw SpecIssue(path.appending("groups"), "\(o.groups) groups do not divide the \(shape[0]) channels",
                                hint: "choose a group count that divides the channel count")
            }
            o.channels = shape[0]
            return (.groupNorm(o), shape)
        case .relu, .dropout:
            return (layer, shape)
        }
    }

    /// The layer's trainable parameters plus its buffers (BatchNorm's running statistics), checked.
    static func parameterCount(_ layer: LayerSpec, path: FieldPath) throws(SpecIssue) -> Int {
        switch layer {
        case .linear(let o):
            // in·out weights + out biases
            return try CheckedSize.sum(CheckedSize.product(o.inFeatures ?? 0, o.outFeatures, at: path), o.bias ? o.outFeatures : 0, at: path)
        case .conv2d(let o):
            // out·in·k·k weights + out biases
            return try CheckedSize.sum(CheckedSize.product(o.outChannels, o.inChannels ?? 0, o.kernel, o.kernel, at: path),
                                       o.bias ? o.outChannels : 0, at: path)
        case .batchNorm1d(let o), .batchNorm2d(let o):
            return try CheckedSize.product(4, o.features ?? 0, at: path)   // γ, β, running mean and variance
        case .layerNorm(let o):
            return try CheckedSize.product(2, CheckedSize.product(of: o.shape ?? [], at: path), at: path)   // γ, β per value
        case .groupNorm(let o):
            return try CheckedSize.product(2, o.channels ?? 0, at: path)
        case .maxPool2d, .flatten, .relu, .dropout:
            return 0
        }
    }

    private func requireImage(_ shape: [Int], _ name: String, _ path: FieldPath) throws(SpecIssue) {
        guard shape.count == 3 else {
            throw SpecIssue(path, "\(name) needs image-shaped input (channels×height×width) but gets \(Self.show(shape))",
                            hint: "move it before the Flatten")
        }
    }

    private func check(_ given: Int?, _ key: String, against actual: Int, name: String, path: FieldPath) throws(SpecIssue) {
        if let given, given != actual {
            throw SpecIssue(path.appending(key), "is \(given) but its input has \(actual)",
                            hint: "write \(key): \(actual), or leave '\(key)' out to infer it")
        }
    }

    /// `6×26×26` or `256 features`.
    static func show(_ shape: [Int]) -> String {
        shape.count == 1 ? "\(shape[0]) features" : shape.map(String.init).joined(separator: "×")
    }
}
