import BNCore

/// Builds a core optimizer from a PyTorch class name and its constructor arguments, as a golden
/// file gives them (`"Adam", {"lr": 0.01, "betas": [0.8, 0.95], "amsgrad": true}`); absent
/// arguments take PyTorch's defaults, and an argument the core does not implement is an error.
enum OptimizerFactory {
    /// The names it builds.
    static let types: Set<String> = ["SGD", "Adam", "AdamW", "RMSprop"]

    /// The optimizer `type` over `parameters`; throws for unknown types or arguments and for
    /// PyTorch's own validation errors.
    static func make(_ type: String, _ args: [String: JSONValue], _ parameters: [Parameter]) throws -> Optimizer & OptimizerParameterState {
        var a = Arguments(type: type, values: args)
        let optimizer: Optimizer & OptimizerParameterState
        switch type {
        case "SGD":
            optimizer = try SGD(parameters, lr: try a.double("lr", default: 1e-3), momentum: try a.double("momentum", default: 0),
                                dampening: try a.double("dampening", default: 0), weightDecay: try a.double("weight_decay", default: 0),
                                nesterov: try a.bool("nesterov", default: false))
        case "Adam", "AdamW":
            let lr = try a.double("lr", default: 1e-3), betas = try a.numberPair("betas", default: (0.9, 0.999))
            let eps = try a.double("eps", default: 1e-8), amsgrad = try a.bool("amsgrad", default: false)
            optimizer = type == "Adam"
                ? try Adam(parameters, lr: lr, betas: betas, eps: eps, weightDecay: try a.double("weight_decay", default: 0), amsgrad: amsgrad)
                : try AdamW(parameters, lr: lr, betas: betas, eps: eps, weightDecay: try a.double("weight_decay", default: 1e-2), amsgrad: amsgrad)
        case "RMSprop":
            optimizer = try RMSprop(parameters, lr: try a.double("lr", default: 1e-2), alpha: try a.double("alpha", default: 0.99),
                                    eps: try a.double("eps", default: 1e-8), weightDecay: try a.double("weight_decay", default: 0),
                                    momentum: try a.double("momentum", default: 0), centered: try a.bool("centered", default: false))
        default:
            throw FactoryError(type: type, message: "not an optimizer bnlab implements")
        }
        try a.checkAllUsed()
        return optimizer
    }
}
