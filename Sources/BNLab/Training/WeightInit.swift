import BNCore

/// Applies a layer's resolved `init` (``InitSpec``) to its weight with `torch.nn.init`'s
/// functions, drawing from the run's random source; the bias keeps its default init.
enum WeightInit {
    /// Redraws (or, for the default scheme, only scales) `weight` as `spec` says.
    static func apply(_ spec: InitSpec, to weight: Parameter, rng: RandomSource) throws {
        let scale = spec.scale ?? 1
        let a = spec.a ?? 0, mode = spec.mode?.rawValue ?? "fan_in", nonlinearity = spec.nonlinearity ?? "leaky_relu"
        switch spec.scheme ?? .default {
        case .default:
            // w ← scale·w (PyTorch: `with torch.no_grad(): w.mul_(scale)`), in float32
            let factor = Float(scale)
            for i in weight.value.data.indices { weight.value.data[i] *= factor }
        case .xavierUniform:
            try xavierUniform(weight, gain: spec.gain ?? 1, scale: scale, rng: rng)
        case .xavierNormal:
            try xavierNormal(weight, gain: spec.gain ?? 1, scale: scale, rng: rng)
        case .kaimingUniform:
            try kaimingUniform(weight, a: a, mode: mode, nonlinearity: nonlinearity, scale: scale, rng: rng)
        case .kaimingNormal:
            try kaimingNormal(weight, a: a, mode: mode, nonlinearity: nonlinearity, scale: scale, rng: rng)
        }
    }
}
