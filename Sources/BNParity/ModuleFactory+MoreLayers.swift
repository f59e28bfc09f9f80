import BNCore

extension ModuleFactory {
    /// Layers beyond the BatchNorm MLP's: convolution, pooling, other normalizations, dropout.
    func makeMore(_ type: String, _ a: inout Arguments) throws -> Module {
        switch type {
        case "Conv2d":
            guard try a.int("groups", default: 1) == 1, try a.pair("dilation", default: (1, 1)) == (1, 1) else {
                throw FactoryError(type: type, message: "only groups=1 and dilation=1 are supported")
            }
            guard try a.string("padding_mode", default: "zeros") == "zeros" else {
                throw FactoryError(type: type, message: "only padding_mode='zeros' is supported")
            }
            return Conv2d(try a.int("in_channels"), try a.int("out_channels"),
                          kernelSize: try a.pair("kernel_size"), stride: try a.pair("stride", default: (1, 1)),
                          padding: try a.pair("padding", default: (0, 0)), bias: try a.bool("bias", default: true), rng: rng)
        case "MaxPool2d":
            guard try a.pair("dilation", default: (1, 1)) == (1, 1), !(try a.bool("ceil_mode", default: false)),
                  !(try a.bool("return_indices", default: false)) else {
                throw FactoryError(type: type, message: "only dilation=1, ceil_mode=False, return_indices=False are supported")
            }
            let kernel = try a.pair("kernel_size")
            let stride = try a.optionalPair("stride")     // None or absent: the kernel size
            return MaxPool2d(kernelSize: kernel, stride: stride, padding: try a.pair("padding", default: (0, 0)))
        case "LayerNorm":
            return LayerNorm(normalizedShape: try a.ints("normalized_shape"), eps: try a.double("eps", default: 1e-5),
                             elementwiseAffine: try a.bool("elementwise_affine", default: true),
                             bias: try a.bool("bias", default: true))
        case "GroupNorm":
            return try GroupNorm(numGroups: try a.int("num_groups"), numChannels: try a.int("num_channels"),
                                 eps: try a.double("eps", default: 1e-5), affine: try a.bool("affine", default: true))
        case "InstanceNorm2d":
            return InstanceNorm2d(try a.int("num_features"), eps: try a.double("eps", default: 1e-5),
                                  momentum: try a.optionalDouble("momentum", default: 0.1),
                                  affine: try a.bool("affine", default: false),
                                  trackRunningStats: try a.bool("track_running_stats", default: false))
        case "Dropout", "Dropout1d", "Dropout2d":
            _ = try a.bool("inplace", default: false)
            let p = try a.double("p", default: 0.5)
            switch type {
            case "Dropout": return try Dropout(p: p, rng: rng)
            case "Dropout1d": return try Dropout1d(p: p, rng: rng)
            default: return try Dropout2d(p: p, rng: rng)
            }
        case "FrozenBatchNorm2d":
            return FrozenBatchNorm2d(try a.int("num_features"), eps: try a.double("eps", default: 1e-5))
        default:
            throw FactoryError(type: type, message: "not a module bnlab implements")
        }
    }
}
